import fc from 'fast-check';
import { SchemaRegistry } from '@zhijian/contracts';
import { EnvelopeDecoder } from './envelope-decoder';
import { feedSamples } from './feed-samples';

const registry = SchemaRegistry.load();
const decoder = new EnvelopeDecoder(registry, { now: () => new Date('2025-06-01T00:00:00Z') });
const base = JSON.parse(feedSamples(registry, 'court.case-events').valid[0]!.line) as Envelope;

interface Envelope {
  payload: Record<string, unknown> & { applicants: { idNo: string }[] };
}

function violationsOf(change: (env: Envelope) => void) {
  const env = structuredClone(base);
  change(env);
  const d = decoder.decode(JSON.stringify(env), 'court.case-events');
  if (d.ok) throw new Error('accepted');
  return d.rejection;
}

describe('Chinese violation messages', () => {
  it('an enum names the field, its Chinese title, the rule and every allowed value; ajv English kept as detail', () => {
    const r = violationsOf((e) => (e.payload.origin = 'verdict'));
    expect(r.violations[0]).toMatchObject({ pointer: '/payload/origin', rule: 'enum' });
    expect(r.violations[0]!.message).toContain('执行依据');
    expect(r.violations[0]!.message).toContain(
      'judgment、mediation、arbitration、notarization、administrative',
    );
    expect(r.violations[0]!.detail).toBe('must be equal to one of the allowed values');
  });

  it('a pattern gives an example from the schema', () => {
    const r = violationsOf((e) => (e.payload.filedOn = '04/03/2024'));
    expect(r.violations[0]!.message).toMatch(/^字段 \/payload\/filedOn.*规则 pattern；示例：2024-03-04/);
  });

  it('an unknown event type lists the types', () => {
    const r = violationsOf((e) => (e.payload.type = 'case.opened'));
    expect(r.violations[0]!.pointer).toBe('/payload/type');
    expect(r.violations[0]!.message).toContain('case.filed');
    expect(r.violations[0]!.message).toContain('case.restored');
  });

  it('identifier and case number checks answer in Chinese with the rule', () => {
    const id = violationsOf((e) => (e.payload.applicants[0]!.idNo = '110105194912310021'));
    expect(id.violations[0]!.message).toMatch(/公民身份号码.*校验码.*规则 check_char/);
    const cn = violationsOf((e) => (e.payload.caseNo = '2024浙0803执字第1234'));
    expect(cn.reason).toBe('invalid_case_number');
    expect(cn.violations[0]!.message).toMatch(/^字段 \/payload\/caseNo（案号）：案号须形如/);
    expect(cn.violations[0]!.detail).toMatch(/^case number/);
  });

  it('a missing field is named with the rule required', () => {
    const r = violationsOf((e) => delete e.payload.caseNo);
    expect(r.violations.map((v) => v.message)).toContain(
      '字段 /payload/caseNo（案号）：缺少必填字段（规则 required）',
    );
  });
});

describe('every rejection, whatever the input, explains itself in Chinese', () => {
  // Leaves of the sample envelope: each property's pointer, to be replaced by anything.
  const pointers: string[] = [];
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'object' && v !== null) for (const [k, c] of Object.entries(v)) walk(c, `${p}/${k}`);
    else pointers.push(p);
  };
  walk(base, '');

  it('names the field (its pointer) and the rule of each violation, in Chinese', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pointers),
        fc.oneof(fc.jsonValue(), fc.string(), fc.constantFrom('', '2024-13-40', '12.345', 'x')),
        (pointer, value) => {
          const env = structuredClone(base) as unknown as Record<string, unknown>;
          const parts = pointer.split('/').slice(1);
          let at = env;
          for (const k of parts.slice(0, -1)) at = at[k] as Record<string, unknown>;
          at[parts.at(-1)!] = value;
          const d = decoder.decode(JSON.stringify(env), 'court.case-events');
          if (d.ok) return;
          for (const v of d.rejection.violations) {
            expect(v.message).toMatch(/[\u4e00-\u9fff]/);
            if (v.pointer !== '/') expect(v.message).toContain(v.pointer);
            if (v.rule) expect(v.message).toContain(`规则 ${v.rule}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
