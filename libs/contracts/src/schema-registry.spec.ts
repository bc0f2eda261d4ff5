import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSchemasDir, SCHEMA_BASE_URI, SchemaRegistry, type JsonSchema } from './schema-registry';

describe('SchemaRegistry', () => {
  const registry = SchemaRegistry.load();

  it('compiles every schema in strict mode', () => {
    expect(registry.ids()).toEqual(
      expect.arrayContaining([
        'common/1',
        'envelope/1',
        'court.case-event/1',
        'registry.tax/1',
        'registry.bank/1',
        'registry.realestate/1',
        'registry.vehicle/1',
        'registry.enterprise/1',
        'procuratorate.petition/1',
      ]),
    );
  });

  it('accepts a well-formed case.filed and rejects a money number with the pointer', () => {
    const v = registry.get('court.case-event/1')!.validate;
    const filed = {
      type: 'case.filed',
      caseNo: '（2024）浙0803执1234号',
      filedOn: '2024-01-05',
      claimAmount: '1234.50',
      origin: 'judgment',
      category: 'loan',
      applicants: [{ kind: 'org', name: '某银行', uscc: '91350100M000100Y43' }],
      respondents: [{ kind: 'person', name: '张三', idNo: '11010519491231002X' }],
    };
    expect(v(filed)).toBe(true);
    expect(v({ ...filed, claimAmount: 1234.5 })).toBe(false);
    expect(v.errors?.some((e) => e.instancePath === '/claimAmount')).toBe(true);
  });

  it('keeps unknown payload fields (forward compatibility within a major)', () => {
    const v = registry.get('court.case-event/1')!.validate;
    expect(
      v({
        type: 'case.restored',
        caseNo: '（2024）浙0803执恢12号',
        previousCaseNo: '（2023）浙0803执5号',
        restoredOn: '2024-01-01',
        extra: 1,
      }),
    ).toBe(true);
  });

  it('requires an offset in occurredAt', () => {
    const v = registry.get('envelope/1')!.validate;
    const env = { schema: 'court.case-event/1', eventId: 'e1', source: 'court:浙0803', payload: {} };
    expect(v({ ...env, occurredAt: '2024-01-05T10:00:00+08:00' })).toBe(true);
    expect(v({ ...env, occurredAt: '2024-01-05T10:00:00' })).toBe(false);
  });

  describe('a new major beside the old one', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('serves both majors, and skips .published, reference/ and loose files', () => {
      dir = mkdtempSync(join(tmpdir(), 'schemas-'));
      cpSync(findSchemasDir(), dir, { recursive: true });
      const v1 = JSON.parse(
        readFileSync(join(dir, 'registry.vehicle', '1.schema.json'), 'utf8'),
      ) as JsonSchema;
      const v2: JsonSchema = {
        ...v1,
        $id: `${SCHEMA_BASE_URI}registry.vehicle/2`,
        required: [...(v1.required as string[]), 'registeredBy'],
        properties: { ...(v1.properties as object), registeredBy: { type: 'string', minLength: 1 } },
      };
      writeFileSync(join(dir, 'registry.vehicle', '2.schema.json'), JSON.stringify(v2));
      writeFileSync(join(dir, 'NOTES.md'), 'not a schema folder');

      const both = SchemaRegistry.load(dir);
      expect(both.ids()).toEqual(expect.arrayContaining(['registry.vehicle/1', 'registry.vehicle/2']));
      expect(both.ids().filter((id) => id.startsWith('.') || id.startsWith('reference'))).toEqual([]);
      expect(both.get('registry.vehicle/2')).toMatchObject({ name: 'registry.vehicle', major: 2 });

      const payload = {
        vin: 'LSVAU2180N2183294',
        plate: '浙H12345',
        owner: { kind: 'person', name: '张三' },
        event: 'registration',
        on: '2025-01-20',
      };
      expect(both.get('registry.vehicle/1')!.validate(payload)).toBe(true);
      expect(both.get('registry.vehicle/2')!.validate(payload)).toBe(false);
      expect(both.get('registry.vehicle/2')!.validate({ ...payload, registeredBy: '330800' })).toBe(true);
    });

    it('refuses a file whose $id does not match its place', () => {
      dir = mkdtempSync(join(tmpdir(), 'schemas-'));
      cpSync(findSchemasDir(), dir, { recursive: true });
      cpSync(join(dir, 'registry.vehicle', '1.schema.json'), join(dir, 'registry.vehicle', '2.schema.json'));
      expect(() => SchemaRegistry.load(dir)).toThrow(/\$id must be .*registry\.vehicle\/2/);
    });
  });
});
