import { SchemaRegistry } from '@zhijian/contracts';
import { EnvelopeDecoder } from './envelope-decoder';

const decoder = new EnvelopeDecoder(SchemaRegistry.load());

const filed = (payload: Record<string, unknown> = {}) => ({
  schema: 'court.case-event/1',
  eventId: 'e-1',
  source: 'court:浙0803',
  occurredAt: '2024-01-10T10:00:00+08:00',
  payload: {
    type: 'case.filed',
    caseNo: '(2024)浙0803执 0012号',
    filedOn: '2024-01-10',
    claimAmount: '１２３４.５',
    origin: 'judgment',
    category: 'loan',
    applicants: [{ kind: 'org', name: ' 某银行 (衢州分行) ', uscc: '91350100m000100y43' }],
    respondents: [{ kind: 'person', name: '张 三', idNo: '11010519491231002x' }],
    ...payload,
  },
});

describe('EnvelopeDecoder', () => {
  it('accepts sloppy but valid input and normalizes it', () => {
    const d = decoder.decode(JSON.stringify(filed()), 'court.case-events');
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.envelope.payload).toMatchObject({
      caseNo: '（2024）浙0803执12号',
      claimAmount: 123450,
      applicants: [{ name: '某银行（衢州分行）', uscc: '91350100M000100Y43' }],
      respondents: [{ name: '张三', idNo: '11010519491231002X' }],
    });
    expect(d.envelope.occurredAt).toBe('2024-01-10T02:00:00.000Z');
  });

  it('upgrades a 15-digit ID number', () => {
    const d = decoder.decode(
      JSON.stringify(filed({ respondents: [{ kind: 'person', name: '李四', idNo: '110105491231002' }] })),
      'court.case-events',
    );
    expect(d.ok && (d.envelope.payload.respondents as { idNo: string }[])[0]!.idNo).toBe(
      '11010519491231002X',
    );
  });

  it.each([
    ['malformed_json', '{"schema":', '/'],
    ['unknown_schema', JSON.stringify({ ...filed(), schema: 'court.case-event/9' }), '/schema'],
    ['unknown_schema', JSON.stringify({ ...filed(), schema: 'registry.realestate/1' }), '/schema'],
    ['schema_violation', JSON.stringify(filed({ claimAmount: 12.5 })), '/payload/claimAmount'],
    ['schema_violation', JSON.stringify(filed({ filedOn: '2024-02-30' })), '/payload/filedOn'],
    ['schema_violation', JSON.stringify({ ...filed(), occurredAt: '2024-01-10 10:00' }), '/occurredAt'],
    ['invalid_case_number', JSON.stringify(filed({ caseNo: '（2024）浙0803民1号' })), '/payload/caseNo'],
    [
      'invalid_identifier',
      JSON.stringify(filed({ respondents: [{ kind: 'person', name: '张三', idNo: '110105194912310021' }] })),
      '/payload/respondents/0/idNo',
    ],
  ])('rejects with %s', (reason, raw, pointer) => {
    const d = decoder.decode(raw, 'court.case-events');
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.rejection.reason).toBe(reason);
    expect(d.rejection.violations.map((v) => v.pointer)).toContain(pointer);
  });

  it('never puts an identifier into a rejection message', () => {
    const d = decoder.decode(
      JSON.stringify(filed({ respondents: [{ kind: 'person', name: '张三', idNo: '110105194912310021' }] })),
      'court.case-events',
    );
    expect(JSON.stringify(d)).not.toContain('110105194912310021');
  });
});

describe('EnvelopeDecoder: registry identifiers', () => {
  const envelope = (schema: string, payload: Record<string, unknown>) =>
    JSON.stringify({
      schema,
      eventId: 'r-1',
      // Each registry's own kind of source (source authorization); the bank's code as its records give it.
      source: schema === 'registry.vehicle/1' ? 'agency:vehicle:330803' : 'agency:bank:C102',
      occurredAt: '2025-02-14T10:00:00+08:00',
      payload,
    });
  const person = { kind: 'person', name: '张三', idNo: '11010519491231002X' };

  it('puts account numbers and bank codes in canonical form', () => {
    const d = decoder.decode(
      envelope('registry.bank/1', {
        type: 'transfer',
        from: person,
        fromAccount: ' 6222 0212 ３４５６ ',
        to: person,
        toAccount: '6222\u30000212-ab',
        amount: '１００.５',
        on: '2025-02-14',
      }),
      'registry.bank',
    );
    expect(d.ok && d.envelope.payload).toMatchObject({
      fromAccount: '622202123456',
      toAccount: '62220212-AB',
      amount: 10050,
    });
    const snapshot = decoder.decode(
      envelope('registry.bank/1', {
        type: 'account.snapshot',
        holder: person,
        bankCode: ' ｃ102 ',
        accountNo: '6222 0212 3456',
        openedOn: '2020-01-01',
        balance: '0.01',
        asOf: '2025-01-31',
      }),
      'registry.bank',
    );
    expect(snapshot.ok && snapshot.envelope.payload).toMatchObject({
      bankCode: 'C102',
      accountNo: '622202123456',
    });
  });

  it('upper-cases VINs and plates and strips their spaces', () => {
    const d = decoder.decode(
      envelope('registry.vehicle/1', {
        vin: 'lsvag2180e2 １２３456',
        plate: '浙ｈ 12345',
        owner: person,
        event: 'registration',
        on: '2025-01-02',
      }),
      'registry.vehicle',
    );
    expect(d.ok && d.envelope.payload).toMatchObject({ vin: 'LSVAG2180E2123456', plate: '浙H12345' });
  });

  it('gives AssetRef ids of registry kinds the same form, so they match the registries', () => {
    const controlled = (assetRef: Record<string, unknown>) =>
      JSON.stringify({
        ...filed(),
        payload: {
          type: 'asset.controlled',
          caseNo: '（2024）浙0803执12号',
          controlId: 'c-1',
          measure: 'seize',
          assetRef,
          owner: person,
          value: '1000',
          controlledOn: '2024-02-01',
          expiresOn: '2026-02-01',
        },
      });
    const vehicle = decoder.decode(
      controlled({ kind: 'vehicle', id: 'lsvag2180e2 123456' }),
      'court.case-events',
    );
    expect(vehicle.ok && vehicle.envelope.payload.assetRef).toEqual({
      kind: 'vehicle',
      id: 'LSVAG2180E2123456',
    });
    const other = decoder.decode(controlled({ kind: 'other', id: 'painting no. 7' }), 'court.case-events');
    expect(other.ok && other.envelope.payload.assetRef).toEqual({ kind: 'other', id: 'paintingno.7' });
  });
});
