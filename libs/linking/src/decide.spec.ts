import fc from 'fast-check';
import { idCardCheckChar, usccCheckChar } from '@zhijian/domain';
import {
  contextOf,
  decideLink,
  isIdentified,
  reconcile,
  type ActiveLink,
  type AliasFacts,
  type AreaFact,
  type Citation,
  type LinkDecision,
  type SubjectRecord,
} from './decide';

const idNo = (area: string, seq: number): string => {
  const body = `${area}19800101${String(seq).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
};
const uscc = (area: string, seq: number): string => {
  const body = `91${area}MA${String(seq).padStart(7, '0')}`;
  return body + usccCheckChar(body);
};

let nextId = 1;
const identified = (name: string, area: string, kind: 'person' | 'org' = 'person'): SubjectRecord => {
  const seq = nextId++;
  const id = kind === 'person' ? idNo(area, seq % 1000) : uscc(area, seq);
  return {
    id: String(seq),
    identityKey: kind === 'person' ? `id:${id}` : `uscc:${id}`,
    kind,
    name,
    idNo: kind === 'person' ? id : null,
    uscc: kind === 'org' ? id : null,
  };
};
const unidentified = (name: string, context: string, kind: 'person' | 'org' = 'person'): SubjectRecord => ({
  id: String(nextId++),
  identityKey: `name:${kind}:${name}@${context}`,
  kind,
  name,
  idNo: null,
  uscc: null,
});

const re = (eventId: string): Citation => ({ source: 'agency:realestate:330803', eventId });
const flatArea = (code = '330803'): AreaFact => ({
  code,
  origin: 'realestate_location',
  sources: [re('re-1')],
});
const aliasOf = (subject: SubjectRecord, areas: AreaFact[] = []): AliasFacts => ({
  subject,
  context: contextOf(subject)!,
  areas,
});
const none = new Map<string, Citation[]>();

describe('contextOf', () => {
  it('reads the context from the identity key', () => {
    expect(contextOf(unidentified('张三', 'unit:330803001001GB01F0001'))).toEqual({
      kind: 'unit',
      value: 'unit:330803001001GB01F0001',
      unitNo: '330803001001GB01F0001',
    });
    expect(contextOf(unidentified('张三', '（2024）浙0803执1号'))).toMatchObject({
      kind: 'case',
      caseNo: '（2024）浙0803执1号',
    });
    expect(contextOf(unidentified('张三', 'company:name:org:某公司@registry:enterprise'))).toMatchObject({
      kind: 'company',
      companyKey: 'name:org:某公司@registry:enterprise',
    });
    expect(contextOf(unidentified('张三', 'account:6222021234'))).toMatchObject({ kind: 'account' });
    expect(contextOf(unidentified('张三', 'tax:330803'))).toMatchObject({ kind: 'tax', authority: '330803' });
    expect(contextOf(unidentified('张三', 'petition:procuratorate:330803:e-1'))).toMatchObject({
      kind: 'other',
    });
    expect(contextOf(identified('张三', '330803'))).toBeNull();
  });
});

describe('decideLink: persons', () => {
  it('links on the name and the area of the record (ID number prefix = unit location), with evidence', () => {
    const debtor = identified('张三', '330803');
    const owner = unidentified('张三', 'unit:U1');
    const d = decideLink(aliasOf(owner, [flatArea()]), [debtor, owner], none);
    expect(d).toMatchObject({
      outcome: 'link',
      subjectId: owner.id,
      canonicalId: debtor.id,
      rule: 'person_area',
    });
    if (d.outcome !== 'link') throw new Error('no link');
    expect(d.evidence.agreed).toEqual([
      { attribute: 'kind', value: 'person' },
      { attribute: 'name', value: 'equal', basis: 'subjects.name' },
      {
        attribute: 'area',
        value: '330803',
        aliasOrigin: 'realestate_location',
        aliasSources: [re('re-1')],
        canonicalOrigin: 'id_no_area',
        canonicalIdNo: `330803********${debtor.idNo!.slice(-4)}`,
      },
    ]);
    expect(d.evidence.namesakes).toBe(1);
    // Personal data stays in the subject rows: neither the ID number nor the name is in the evidence.
    const text = JSON.stringify(d.evidence);
    expect(text).not.toContain(debtor.idNo!);
    expect(text).not.toContain('张三');
  });

  it('does not link a namesake of another area, nor on the name alone', () => {
    const elsewhere = identified('张三', '330802');
    const owner = unidentified('张三', 'unit:U1');
    expect(decideLink(aliasOf(owner, [flatArea()]), [elsewhere], none)).toEqual({
      outcome: 'none',
      subjectId: owner.id,
      reason: 'no_candidate',
    });
    expect(decideLink(aliasOf(owner, []), [identified('张三', '330803')], none)).toMatchObject({
      outcome: 'none',
      reason: 'no_candidate',
    });
  });

  it('does not link when two namesakes agree (ambiguous)', () => {
    const owner = unidentified('张三', 'unit:U1');
    const d = decideLink(
      aliasOf(owner, [flatArea()]),
      [identified('张三', '330803'), identified('张三', '330803')],
      none,
    );
    expect(d).toEqual({
      outcome: 'none',
      subjectId: owner.id,
      reason: 'ambiguous',
      rule: 'person_area',
      candidates: 2,
    });
  });

  it('prefers a namesake recorded in the same context over one agreeing by area only', () => {
    const formerOwner = identified('张三', '330802');
    const sameArea = identified('张三', '330803');
    const owner = unidentified('张三', 'unit:U1');
    const d = decideLink(
      aliasOf(owner, [flatArea()]),
      [sameArea, formerOwner],
      new Map([[formerOwner.id, [re('re-0')]]]),
    );
    expect(d).toMatchObject({ outcome: 'link', canonicalId: formerOwner.id, rule: 'person_context' });
    if (d.outcome !== 'link') throw new Error('no link');
    expect(d.evidence.agreed).toContainEqual({
      attribute: 'context',
      context: 'unit',
      value: 'unit:U1',
      canonicalSources: [re('re-0')],
    });
  });

  it('two namesakes in the same context are ambiguous, whatever their areas', () => {
    const a = identified('张三', '330803');
    const b = identified('张三', '330802');
    const owner = unidentified('张三', '（2024）浙0803执1号');
    const d = decideLink(
      aliasOf(owner, [{ code: '330803', origin: 'court_county', sources: [] }]),
      [a, b],
      new Map([
        [a.id, []],
        [b.id, []],
      ]),
    );
    expect(d).toMatchObject({ outcome: 'none', reason: 'ambiguous', rule: 'person_context', candidates: 2 });
  });

  it('masks an account number in the evidence', () => {
    const holder = identified('张三', '330803');
    const payee = unidentified('张三', 'account:6222021234567890');
    const d = decideLink(aliasOf(payee), [holder], new Map([[holder.id, []]]));
    if (d.outcome !== 'link') throw new Error('no link');
    expect(JSON.stringify(d.evidence)).not.toContain('6222021234567890');
    expect(d.evidence.agreed).toContainEqual(expect.objectContaining({ value: 'account:************7890' }));
  });

  it('never links an identified subject, nor to another kind or name', () => {
    const a = identified('张三', '330803');
    const b = identified('张三', '330803');
    expect(
      decideLink({ subject: a, context: { kind: 'other', value: '' }, areas: [flatArea()] }, [b], none),
    ).toMatchObject({ outcome: 'none' });
    const owner = unidentified('张三', 'unit:U1');
    const org = identified('张三', '330803', 'org');
    const other = identified('李四', '330803');
    expect(decideLink(aliasOf(owner, [flatArea()]), [org, other], none)).toMatchObject({
      outcome: 'none',
      reason: 'no_candidate',
    });
  });
});

describe('decideLink: organisations', () => {
  it('links on the full registered name when exactly one identified organisation has it', () => {
    const bank = identified('衢州某银行股份有限公司', '330803', 'org');
    const mortgagee = unidentified('衢州某银行股份有限公司', 'unit:U1', 'org');
    expect(decideLink(aliasOf(mortgagee), [bank], none)).toMatchObject({
      outcome: 'link',
      canonicalId: bank.id,
      rule: 'org_unique_name',
    });
  });

  it('two identified organisations of the name: ambiguous, unless one shares the context', () => {
    const a = identified('某公司', '330803', 'org');
    const b = identified('某公司', '330802', 'org');
    const alias = unidentified('某公司', '（2024）浙0803执1号', 'org');
    expect(decideLink(aliasOf(alias), [a, b], none)).toMatchObject({
      outcome: 'none',
      reason: 'ambiguous',
      rule: 'org_unique_name',
    });
    expect(decideLink(aliasOf(alias), [a, b], new Map([[b.id, []]]))).toMatchObject({
      outcome: 'link',
      canonicalId: b.id,
      rule: 'org_context',
    });
  });
});

describe('reconcile', () => {
  const link = (subjectId: string, canonicalId: string): LinkDecision => ({
    outcome: 'link',
    subjectId,
    canonicalId,
    rule: 'person_area',
    evidence: { version: 1, rule: 'person_area', statement: '', agreed: [], namesakes: 1 },
  });

  it('keeps a link decided again, revokes an ambiguous one, supersedes one to another subject', () => {
    const active: ActiveLink[] = [
      { subjectId: '10', canonicalId: '1' },
      { subjectId: '11', canonicalId: '1' },
      { subjectId: '12', canonicalId: '1' },
      { subjectId: '13', canonicalId: '1' },
    ];
    const changes = reconcile(
      [
        link('10', '1'),
        { outcome: 'none', subjectId: '11', reason: 'ambiguous', rule: 'person_area', candidates: 2 },
        link('12', '2'),
        { outcome: 'none', subjectId: '13', reason: 'no_candidate' },
        link('14', '3'),
      ],
      active,
    );
    expect(changes.revoke).toEqual([
      { subjectId: '11', canonicalId: '1', reason: 'ambiguous: 2 identified namesakes agree (person_area)' },
      { subjectId: '12', canonicalId: '1', reason: 'superseded: another subject now agrees' },
      { subjectId: '13', canonicalId: '1', reason: 'no_evidence: no identified namesake agrees any more' },
    ]);
    expect(changes.link.map((l) => [l.subjectId, l.canonicalId])).toEqual([
      ['12', '2'],
      ['14', '3'],
    ]);
  });
});

describe('properties', () => {
  const AREAS = ['330803', '330802', '330881'];
  const NAMES = ['张三', '李四'];
  const CONTEXTS = ['unit:U1', 'unit:U2', '（2024）浙0803执1号', 'account:6222021234'];

  /** A small world where namesakes are frequent: subjects, the areas of the aliases' records, and who shares which context. */
  const world = fc
    .record({
      subjects: fc.array(
        fc.record({
          kind: fc.constantFrom<'person' | 'org'>('person', 'org'),
          name: fc.constantFrom(...NAMES),
          area: fc.constantFrom(...AREAS),
          context: fc.option(fc.constantFrom(...CONTEXTS), { nil: null }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      aliasAreas: fc.array(fc.constantFrom(...AREAS), { maxLength: 2 }),
      shared: fc.array(fc.tuple(fc.nat(11), fc.constantFrom(...CONTEXTS)), { maxLength: 8 }),
    })
    .map(({ subjects, aliasAreas, shared }) => {
      const records: SubjectRecord[] = subjects.map((s, i) => {
        const id = String(i + 1);
        if (s.context === null) {
          const value = s.kind === 'person' ? idNo(s.area, i) : uscc(s.area, i);
          return {
            id,
            identityKey: `${s.kind === 'person' ? 'id' : 'uscc'}:${value}`,
            kind: s.kind,
            name: s.name,
            idNo: s.kind === 'person' ? value : null,
            uscc: s.kind === 'org' ? value : null,
          };
        }
        return {
          id,
          identityKey: `name:${s.kind}:${s.name}@${s.context}`,
          kind: s.kind,
          name: s.name,
          idNo: null,
          uscc: null,
        };
      });
      return { records, aliasAreas, shared };
    });

  const decideAll = (
    w: { records: SubjectRecord[]; aliasAreas: string[]; shared: [number, string][] },
    order: (list: SubjectRecord[]) => SubjectRecord[] = (l) => l,
  ): LinkDecision[] =>
    w.records
      .filter((s) => !isIdentified(s))
      .map((s) => {
        const context = contextOf(s)!;
        const sources = new Map<string, Citation[]>();
        for (const [index, ctx] of w.shared) {
          const other = w.records[index];
          if (other && ctx === context.value) sources.set(other.id, [re(`e-${index}`)]);
        }
        const areas = w.aliasAreas.map((code) => ({
          code,
          origin: 'realestate_location' as const,
          sources: [],
        }));
        return decideLink({ subject: s, context, areas }, order(w.records), sources);
      });

  it('never merges two different identifiers: links go from an unidentified subject to one identified namesake', () => {
    fc.assert(
      fc.property(world, (w) => {
        const byId = new Map(w.records.map((r) => [r.id, r]));
        const links = decideAll(w).filter((d) => d.outcome === 'link');
        const groups = new Map<string, Set<string>>();
        for (const l of links) {
          const alias = byId.get(l.subjectId)!;
          const canonical = byId.get(l.canonicalId)!;
          expect(isIdentified(alias)).toBe(false);
          expect(isIdentified(canonical)).toBe(true);
          expect([canonical.kind, canonical.name]).toEqual([alias.kind, alias.name]);
          if (canonical.idNo) expect(JSON.stringify(l.evidence)).not.toContain(canonical.idNo);
          // Groups as the screening loader forms them (a subject and everything linked to it).
          const group = new Set([
            ...(groups.get(l.subjectId) ?? [l.subjectId]),
            ...(groups.get(l.canonicalId) ?? [l.canonicalId]),
          ]);
          for (const id of group) groups.set(id, group);
        }
        for (const group of groups.values()) {
          const identifiers = new Set(
            [...group].map((id) => byId.get(id)!).flatMap((s) => [s.idNo, s.uscc].filter((v) => v !== null)),
          );
          expect(identifiers.size).toBeLessThanOrEqual(1);
        }
        // One decision per subject without identifier: each has at most one canonical subject.
        expect(new Set(links.map((l) => l.subjectId)).size).toBe(links.length);
      }),
      { numRuns: 300 },
    );
  });

  it('decides the same whatever order the namesakes are read in', () => {
    fc.assert(
      fc.property(world, fc.integer(), (w, seed) => {
        const shuffle = (list: SubjectRecord[]) =>
          [...list]
            .map((s, i) => ({ s, k: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.s);
        expect(decideAll(w, shuffle)).toEqual(decideAll(w));
        expect(decideAll(w, (l) => [...l].reverse())).toEqual(decideAll(w));
      }),
      { numRuns: 200 },
    );
  });

  it('links only where exactly one namesake agrees at the deciding rule', () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const d of decideAll(w)) {
          if (d.outcome === 'none' && d.reason === 'ambiguous') expect(d.candidates).toBeGreaterThan(1);
          if (d.outcome === 'link') {
            expect(
              d.evidence.agreed.some(
                (a) => a.attribute === 'context' || a.attribute === 'area' || a.attribute === 'unique_name',
              ),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reconciling is idempotent: the links it leaves are decided again with no change', () => {
    fc.assert(
      fc.property(world, fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 4 }), (w, stale) => {
        const decisions = decideAll(w);
        const aliasIds = new Set(decisions.map((d) => d.subjectId));
        const active: ActiveLink[] = [
          ...new Map(
            stale
              .map(([a, c]) => ({ subjectId: String(a + 1), canonicalId: String(c + 1) }))
              .filter((l) => aliasIds.has(l.subjectId) && l.subjectId !== l.canonicalId)
              .map((l) => [l.subjectId, l]),
          ).values(),
        ];
        const first = reconcile(decisions, active);
        const revoked = new Set(first.revoke.map((r) => r.subjectId));
        const after: ActiveLink[] = [
          ...active.filter((a) => !revoked.has(a.subjectId)),
          ...first.link.map((l) => ({ subjectId: l.subjectId, canonicalId: l.canonicalId })),
        ];
        expect(reconcile(decisions, after)).toEqual({ revoke: [], link: [] });
        // Every active link afterwards is one the decisions make.
        const made = new Map(
          decisions.flatMap((d) => (d.outcome === 'link' ? [[d.subjectId, d.canonicalId] as const] : [])),
        );
        for (const a of after) expect(made.get(a.subjectId)).toBe(a.canonicalId);
      }),
      { numRuns: 200 },
    );
  });
});
