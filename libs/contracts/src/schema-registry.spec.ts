import { SchemaRegistry } from './schema-registry';

describe('SchemaRegistry', () => {
  const registry = SchemaRegistry.load();

  it('compiles every schema in strict mode', () => {
    expect(registry.ids()).toEqual(
      expect.arrayContaining(['common/1', 'envelope/1', 'court.case-event/1', 'registry.realestate/1']),
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
});
