import { SchemaRegistry, toViolations } from './schema-registry';

/** Wire payloads of spec/feeds.md §4–5: one valid example per schema or branch, and what each rejects. */
const registry = SchemaRegistry.load();

const person = { kind: 'person', name: '张三', idNo: '11010519491231002X' };
const org = { kind: 'org', name: '某某有限公司', uscc: '91350100M000100Y43' };

const VALID: Record<string, Record<string, unknown>> = {
  'registry.tax/1': {
    taxpayer: org,
    period: '2025-Q1',
    taxPaid: '1200.00',
    income: '88000.5',
    authority: '330800',
  },
  'registry.bank/1 account.snapshot': {
    type: 'account.snapshot',
    holder: person,
    bankCode: '102',
    accountNo: '6222 0212 3456 7890',
    openedOn: '2019-04-01',
    balance: '35000.00',
    asOf: '2025-03-31',
  },
  'registry.bank/1 transfer': {
    type: 'transfer',
    from: person,
    fromAccount: '6222021234567890',
    to: org,
    toAccount: '3301 0400 0000 1234',
    amount: '50000',
    on: '2025-02-14',
  },
  'registry.vehicle/1': {
    vin: 'LSVAU2180N2183294',
    plate: '浙H12345',
    owner: person,
    event: 'transfer',
    on: '2025-01-20',
    value: '68000.00',
  },
  'registry.enterprise/1': {
    company: org,
    shareholder: person,
    event: 'acquire',
    sharePct: 35.5,
    subscribedCapital: '1000000',
    on: '2024-11-11',
  },
  'procuratorate.petition/1': {
    kind: 'application',
    caseNo: '(2024)浙0803执1234号',
    subject: person,
    receivedOn: '2025-03-03',
    channel: 'hotline',
    summary: '反映法院终结本次执行程序后被执行人仍有房产未处置。',
  },
};

const schemaOf = (key: string) => registry.get(key.split(' ')[0]!)!.validate;

function violations(key: string, payload: unknown): string[] {
  const validate = schemaOf(key);
  return validate(payload) ? [] : toViolations(validate.errors).map((v) => v.pointer);
}

describe('feed schemas (spec/feeds.md §4–5)', () => {
  it.each(Object.entries(VALID))('%s accepts the example, and fields it does not know', (key, payload) => {
    expect(violations(key, payload)).toEqual([]);
    expect(violations(key, { ...payload, addedInAFutureMinor: { any: 'thing' } })).toEqual([]);
  });

  it.each(Object.entries(VALID))(
    '%s still accepts the example without its optional fields',
    (key, payload) => {
      const optional = ['income', 'value', 'caseNo', 'subject'];
      const trimmed = Object.fromEntries(Object.entries(payload).filter(([k]) => !optional.includes(k)));
      expect(violations(key, trimmed)).toEqual([]);
    },
  );

  it.each([
    ['registry.tax/1', { period: '2025-13' }, '/period'],
    ['registry.tax/1', { period: '2025-Q5' }, '/period'],
    ['registry.tax/1', { period: '2025/03' }, '/period'],
    ['registry.tax/1', { taxPaid: 1200 }, '/taxPaid'],
    ['registry.tax/1', { authority: '3308' }, '/authority'],
    ['registry.bank/1 account.snapshot', { balance: '1.234' }, '/balance'],
    ['registry.bank/1 account.snapshot', { bankCode: 102 }, '/bankCode'],
    ['registry.bank/1 transfer', { on: '2025-02-14T10:00:00+08:00' }, '/on'],
    ['registry.vehicle/1', { event: 'scrapped' }, '/event'],
    ['registry.enterprise/1', { sharePct: 100.5 }, '/sharePct'],
    ['registry.enterprise/1', { sharePct: -1 }, '/sharePct'],
    ['registry.enterprise/1', { sharePct: '35' }, '/sharePct'],
    ['procuratorate.petition/1', { channel: 'letter' }, '/channel'],
    ['procuratorate.petition/1', { subject: { kind: 'person' } }, '/subject/name'],
  ])('%s rejects %j at %s', (key, change, pointer) => {
    expect(violations(key, { ...VALID[key], ...change })).toContain(pointer);
  });

  it.each([
    ['registry.tax/1', ['taxpayer', 'period', 'taxPaid', 'authority']],
    ['registry.bank/1 account.snapshot', ['holder', 'bankCode', 'accountNo', 'openedOn', 'balance', 'asOf']],
    ['registry.bank/1 transfer', ['from', 'fromAccount', 'to', 'toAccount', 'amount', 'on']],
    ['registry.vehicle/1', ['vin', 'plate', 'owner', 'event', 'on']],
    ['registry.enterprise/1', ['company', 'shareholder', 'event', 'sharePct', 'subscribedCapital', 'on']],
    ['procuratorate.petition/1', ['kind', 'receivedOn', 'channel', 'summary']],
  ])('%s requires %j', (key, required) => {
    for (const field of required) {
      const { [field]: _dropped, ...rest } = VALID[key]!;
      expect({ field, found: violations(key, rest) }).toEqual({ field, found: [`/${field}`] });
    }
  });

  it('registry.bank/1 rejects an unknown type and a branch missing its fields', () => {
    expect(violations('registry.bank/1', { ...VALID['registry.bank/1 transfer'], type: 'loan' })).toContain(
      '/type',
    );
    expect(violations('registry.bank/1', { type: 'transfer' })).toContain('/amount');
  });
});
