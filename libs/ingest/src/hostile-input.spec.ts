import fc from 'fast-check';
import { REASON_CODES, REASON_MESSAGES_ZH, SchemaRegistry, escapeControlText } from '@zhijian/contracts';
import { cstStartOfDay, usccCheckChar } from '@zhijian/domain';
import { EnvelopeDecoder } from './envelope-decoder';
import { scanText } from './message-guards';
import { SourceAuthorization, areaCovers } from './source-authorization';

const NOW = new Date('2026-12-07T12:00:00Z');
const HOUR = 3_600_000;
const registry = SchemaRegistry.load();
const decoder = new EnvelopeDecoder(registry, { now: () => NOW });

/** Control characters and lone surrogates: what PostgreSQL's text and jsonb refuse, or staff should never see raw. */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const person = { kind: 'person', name: '张三', idNo: '11010519491231002X' };
const bank = { kind: 'org', name: '某银行', uscc: '91350100M000100Y43' };

const filed = (payload: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) => ({
  schema: 'court.case-event/1',
  eventId: 'e-1',
  source: 'court:浙0803',
  occurredAt: '2024-01-10T10:00:00+08:00',
  payload: {
    type: 'case.filed',
    caseNo: '（2024）浙0803执12号',
    filedOn: '2024-01-10',
    claimAmount: '1234.50',
    origin: 'judgment',
    category: 'loan',
    applicants: [bank],
    respondents: [person],
    ...payload,
  },
  ...envelope,
});

const court = (type: string, fields: Record<string, unknown>, envelope: Record<string, unknown> = {}) =>
  JSON.stringify({
    schema: 'court.case-event/1',
    eventId: 'e-2',
    source: 'court:浙0803',
    occurredAt: '2024-01-10T10:00:00+08:00',
    payload: { type, caseNo: '（2024）浙0803执12号', ...fields },
    ...envelope,
  });

function rejection(
  raw: string | Buffer,
  topic: Parameters<EnvelopeDecoder['decode']>[1] = 'court.case-events',
) {
  const d = decoder.decode(raw, topic);
  if (d.ok) throw new Error('accepted');
  return d.rejection;
}

describe('reason codes', () => {
  it('has a Chinese message for every code of spec §6', () => {
    for (const code of REASON_CODES) expect(REASON_MESSAGES_ZH[code]).toMatch(/[\u4e00-\u9fff]/);
    expect(REASON_CODES).toEqual(
      expect.arrayContaining([
        'invalid_text',
        'too_large',
        'too_deep',
        'date_out_of_range',
        'future_dated',
        'source_not_authorized',
        'unprocessable',
      ]),
    );
  });

  it('escapes every control character and lone surrogate, and leaves other text as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const escaped = escapeControlText(s);
        expect(escaped).not.toMatch(UNSTORABLE);
        if (!UNSTORABLE.test(s)) expect(escaped).toBe(s);
      }),
    );
    expect(escapeControlText('a\u0000b\ud800')).toBe('a\\u0000b\\ud800');
  });
});

describe('EnvelopeDecoder: hostile bytes', () => {
  it('never throws, and every rejection is storable text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const d = decoder.decode(Buffer.from(bytes), 'court.case-events');
        if (!d.ok) expect(JSON.stringify(d.rejection.violations)).not.toMatch(/\\u00[01]|\\ud[89a-f]/);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const d = decoder.decode(s, 'court.case-events');
        if (!d.ok)
          for (const v of d.rejection.violations) expect(v.pointer + v.message).not.toMatch(UNSTORABLE);
      }),
    );
  });

  it('rejects a message over the size limit as too_large, whatever it holds', () => {
    const small = new EnvelopeDecoder(registry, { now: () => NOW, maxMessageBytes: 2048 });
    const big = JSON.stringify(filed({ description: 'x'.repeat(3000) }));
    const d = small.decode(big, 'court.case-events');
    expect(!d.ok && d.rejection).toMatchObject({ reason: 'too_large', violations: [{ pointer: '/' }] });
    expect(small.decode(JSON.stringify(filed()), 'court.case-events').ok).toBe(true);
    expect(rejection(Buffer.alloc(900 * 1024 + 1, 0x20)).reason).toBe('too_large');
  });

  it('rejects bytes that are not UTF-8 as malformed_json', () => {
    const valid = Buffer.from(JSON.stringify(filed()));
    const bad = Buffer.concat([valid.subarray(0, 40), Buffer.from([0xc3, 0x28]), valid.subarray(40)]);
    expect(rejection(bad)).toMatchObject({ reason: 'malformed_json', violations: [{ check: 'utf8' }] });
    // An overlong encoding of '/' and a lone surrogate encoded as UTF-8 (CESU) are not UTF-8 either.
    expect(rejection(Buffer.from([0x7b, 0xc0, 0xaf, 0x7d])).reason).toBe('malformed_json');
    expect(rejection(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])).reason).toBe('malformed_json');
  });

  it('keeps a byte-order mark as received: not JSON', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(filed()))]);
    expect(rejection(bom).reason).toBe('malformed_json');
  });

  it('rejects nesting deeper than the limit as too_deep without recursion, at any depth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.boolean(), (depth, objects) => {
        const open = objects ? '{"a":' : '[';
        const close = objects ? '}' : ']';
        const text = `{"schema":"court.case-event/1","payload":${open.repeat(depth)}1${close.repeat(depth)}}`;
        const d = decoder.decode(text, 'court.case-events');
        // The envelope is one level; the payload's containers add `depth`.
        if (depth + 1 > 32) expect(!d.ok && d.rejection.reason).toBe('too_deep');
        else expect(!d.ok && d.rejection.reason).not.toBe('too_deep');
      }),
    );
    for (const depth of [100_000, 400_000]) {
      const d = decoder.decode('['.repeat(depth) + ']'.repeat(depth), 'court.case-events');
      expect(!d.ok && d.rejection.reason).toBe('too_deep');
    }
  });

  it('names where the nesting goes too deep', () => {
    const failure = scanText('{"payload":{"a":[1,{"b":[[[[1]]]]}]}}', 5);
    expect(failure).toMatchObject({ reason: 'too_deep', violations: [{ pointer: '/payload/a/1/b/0' }] });
    expect(scanText('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[["}', 5)).toBeNull();
    expect(scanText('{"a~/":[[[[[1]]]]]}', 3)?.violations[0]?.pointer).toBe('/a~0~1/0/0');
  });

  it.each([
    ['a NUL escape in a payload string', filed({ description: 'a\u0000b' }), '/payload/description'],
    [
      'a NUL escape in a name',
      filed({ respondents: [{ ...person, name: '张\u0000三' }] }),
      '/payload/respondents/0/name',
    ],
    ['a NUL escape in the eventId', filed({}, { eventId: 'e\u00001' }), '/eventId'],
    ['a NUL escape in the source', filed({}, { source: 'court:浙0803\u0000' }), '/source'],
    ['a NUL escape in a key', filed({ 'x\u0000y': 1 }), '/payload/x\u0000y'],
    ['a lone high surrogate', filed({ description: 'a\ud800' }), '/payload/description'],
    ['a lone low surrogate in a key', filed({ '\udc00': 1 }), '/payload/\udc00'],
    ['a newline in a case number', filed({ caseNo: '（2024）浙0803\n执12号' }), '/payload/caseNo'],
    [
      'a tab in a name',
      filed({ respondents: [{ ...person, name: '张\t三' }] }),
      '/payload/respondents/0/name',
    ],
    ['an escape character (ESC)', filed({ description: '\u001b[31m' }), '/payload/description'],
    [
      'a C1 control',
      filed({ applicants: [{ ...bank, name: '某\u0085银行' }] }),
      '/payload/applicants/0/name',
    ],
  ])('rejects %s as invalid_text, with its pointer', (_, envelope, pointer) => {
    const r = rejection(JSON.stringify(envelope));
    expect(r.reason).toBe('invalid_text');
    expect(r.violations.map((v) => v.pointer)).toContain(escapeControlText(pointer));
    for (const v of r.violations) expect(v.pointer + v.message).not.toMatch(UNSTORABLE);
  });

  it('rejects a raw control byte anywhere as invalid_text', () => {
    const text = JSON.stringify(filed({ description: 'ab' })).replace('ab', 'a\u0000b');
    expect(rejection(text)).toMatchObject({
      reason: 'invalid_text',
      violations: [{ pointer: '/payload/description' }],
    });
    expect(rejection(Buffer.from([0x00])).reason).toBe('invalid_text');
    expect(rejection(`\u0001${JSON.stringify(filed())}`).reason).toBe('invalid_text');
  });

  it('takes TAB, LF and CR in free text only', () => {
    expect(
      decoder.decode(
        court('asset.released', { controlId: 'K1', releasedOn: '2024-02-01', reason: '第一行\n第二行\t完' }),
        'court.case-events',
      ).ok,
    ).toBe(true);
    expect(
      rejection(court('asset.released', { controlId: 'K\n1', releasedOn: '2024-02-01', reason: 'x' })).reason,
    ).toBe('invalid_text');
  });

  it('finds a control character anywhere in any envelope (property)', () => {
    const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(control, fc.constantFrom('eventId', 'name', 'caseNo', 'key', 'clueId'), (c, where) => {
        const env =
          where === 'eventId'
            ? filed({}, { eventId: `e${c}` })
            : where === 'name'
              ? filed({ applicants: [{ ...bank, name: `银${c}行` }] })
              : where === 'caseNo'
                ? filed({ caseNo: `（2024）浙0803执${c}12号` })
                : where === 'key'
                  ? filed({ [`k${c}`]: 'v' })
                  : filed({ clueId: `C${c}` });
        expect(rejection(JSON.stringify(env)).reason).toBe('invalid_text');
      }),
    );
  });

  it('answers a JSON.parse failure without quoting the text (personal data)', () => {
    const r = rejection('{"name":"张三","idNo":"11010519491231002X",');
    expect(r.reason).toBe('malformed_json');
    expect(JSON.stringify(r)).not.toContain('11010519491231002X');
    expect(JSON.stringify(r)).not.toContain('张三');
  });
});

describe('EnvelopeDecoder: dates and business time', () => {
  it.each([
    ['0000-01-01T00:00:00Z'],
    ['1949-09-30T15:59:59Z'],
    ['1900-01-01T00:00:00+08:00'],
    ['2101-01-01T00:00:00+08:00'],
    ['9999-12-31T23:59:59Z'],
  ])('rejects occurredAt %s as date_out_of_range', (occurredAt) => {
    expect(rejection(JSON.stringify(filed({}, { occurredAt })))).toMatchObject({
      reason: 'date_out_of_range',
      violations: [{ pointer: '/occurredAt' }],
    });
  });

  it.each([['0000-01-01'], ['1949-09-30'], ['0001-01-01'], ['2101-01-01'], ['9999-12-31']])(
    'rejects a date field %s as date_out_of_range, even in a deadline-like field',
    (date) => {
      expect(rejection(JSON.stringify(filed({ filedOn: date })))).toMatchObject({
        reason: 'date_out_of_range',
        violations: [{ pointer: '/payload/filedOn' }],
      });
      expect(
        rejection(court('extension.approved', { approvedOn: '2024-01-10', newDeadline: date })).reason,
      ).toBe('date_out_of_range');
    },
  );

  it('accepts the first and last days of the range', () => {
    const asOf = new EnvelopeDecoder(registry, { now: () => new Date('2101-06-01T00:00:00Z') });
    for (const d of ['1949-10-01', '2100-12-31']) {
      const env = filed({ filedOn: d }, { occurredAt: `${d}T00:00:00+08:00` });
      expect(asOf.decode(JSON.stringify(env), 'court.case-events').ok).toBe(true);
    }
  });

  it('rejects a leap second the Date type cannot hold, instead of throwing', () => {
    const r = rejection(JSON.stringify(filed({}, { occurredAt: '2016-12-31T23:59:60Z' })));
    expect(r.violations[0]?.pointer).toBe('/occurredAt');
  });

  it('rejects occurredAt ahead of now by more than the tolerance as future_dated (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5 * 365 * 24, max: 5 * 365 * 24 }),
        fc.integer({ min: 0, max: 72 }),
        (aheadHours, tolerance) => {
          const d = new EnvelopeDecoder(registry, { now: () => NOW, skewToleranceMs: tolerance * HOUR });
          const occurredAt = new Date(NOW.getTime() + aheadHours * HOUR).toISOString();
          // Keep the payload's own date in the past: only occurredAt is judged here.
          const out = d.decode(JSON.stringify(filed({}, { occurredAt })), 'court.case-events');
          if (aheadHours > tolerance) expect(!out.ok && out.rejection.reason).toBe('future_dated');
          else expect(out.ok).toBe(true);
        },
      ),
    );
  });

  it('rejects a fact date whose CST day starts after now + tolerance as future_dated (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 72 }), (days, tolerance) => {
        const d = new EnvelopeDecoder(registry, { now: () => NOW, skewToleranceMs: tolerance * HOUR });
        const date = new Date(NOW.getTime() + 8 * HOUR + days * 86_400_000).toISOString().slice(0, 10);
        const out = d.decode(
          court('notice.served', { notice: 'execution_notice', servedOn: date }),
          'court.case-events',
        );
        const future = cstStartOfDay(date).getTime() > NOW.getTime() + tolerance * HOUR;
        if (future)
          expect(!out.ok && out.rejection).toMatchObject({
            reason: 'future_dated',
            violations: [{ pointer: '/payload/servedOn' }],
          });
        else expect(out.ok).toBe(true);
      }),
    );
  });

  it('takes dates that lie in the future by nature: expiresOn, newDeadline', () => {
    const ahead = '2029-06-30';
    expect(
      decoder.decode(
        court('asset.controlled', {
          controlId: 'K1',
          measure: 'seal',
          assetRef: { kind: 'realestate', id: '330803001001GB00001F00010001' },
          owner: person,
          value: '100.00',
          controlledOn: '2024-01-10',
          expiresOn: ahead,
        }),
        'court.case-events',
      ).ok,
    ).toBe(true);
    expect(
      decoder.decode(
        court('extension.approved', { approvedOn: '2024-01-10', newDeadline: ahead }),
        'court.case-events',
      ).ok,
    ).toBe(true);
    expect(rejection(court('extension.approved', { approvedOn: ahead, newDeadline: ahead })).reason).toBe(
      'future_dated',
    );
  });

  it('rejects 5 years ahead occurredAt and filedOn', () => {
    expect(rejection(JSON.stringify(filed({}, { occurredAt: '2031-12-01T10:00:00+08:00' }))).reason).toBe(
      'future_dated',
    );
    expect(rejection(JSON.stringify(filed({ filedOn: '2031-12-01' }))).reason).toBe('future_dated');
  });
});

describe('EnvelopeDecoder: numbers out of range', () => {
  it('rejects money over 10^15 fen and non-finite numbers as schema_violation out_of_range', () => {
    expect(rejection(JSON.stringify(filed({ claimAmount: '10000000000000.01' })))).toMatchObject({
      reason: 'schema_violation',
      violations: [{ pointer: '/payload/claimAmount', check: 'out_of_range' }],
    });
    expect(
      decoder.decode(JSON.stringify(filed({ claimAmount: '10000000000000.00' })), 'court.case-events').ok,
    ).toBe(true);
    expect(rejection(JSON.stringify(filed({ claimAmount: '9'.repeat(40) }))).violations[0]?.check).toBe(
      'out_of_range',
    );
    expect(rejection(JSON.stringify(filed()).replace('"origin"', '"extra":1e400,"origin"'))).toMatchObject({
      reason: 'schema_violation',
      violations: [{ pointer: '/payload/extra', check: 'out_of_range' }],
    });
  });
});

describe('source authorization', () => {
  const enterprise = (source: string, uscc: string) =>
    JSON.stringify({
      schema: 'registry.enterprise/1',
      eventId: 'en-1',
      source,
      occurredAt: '2025-01-02T10:00:00+08:00',
      payload: {
        company: { kind: 'org', name: '某公司', uscc },
        shareholder: person,
        event: 'acquire',
        sharePct: 10,
        subscribedCapital: '100.00',
        on: '2025-01-02',
      },
    });
  const realEstate = (source: string, adminCode: string) =>
    JSON.stringify({
      schema: 'registry.realestate/1',
      eventId: 're-1',
      source,
      occurredAt: '2025-01-02T10:00:00+08:00',
      payload: {
        unitNo: '330803001001GB00001F00010001',
        location: { adminCode, address: '某路1号' },
        event: 'first_registration',
        owners: [{ party: person, share: 1 }],
        registeredOn: '2025-01-02',
      },
    });
  const tax = (source: string, authority: string) =>
    JSON.stringify({
      schema: 'registry.tax/1',
      eventId: 'tx-1',
      source,
      occurredAt: '2025-01-02T10:00:00+08:00',
      payload: { taxpayer: person, period: '2024-12', taxPaid: '1.00', authority },
    });
  const snapshot = (source: string, bankCode: string) =>
    JSON.stringify({
      schema: 'registry.bank/1',
      eventId: 'b-1',
      source,
      occurredAt: '2025-01-02T10:00:00+08:00',
      payload: {
        type: 'account.snapshot',
        holder: person,
        bankCode,
        accountNo: '6222',
        openedOn: '2020-01-01',
        balance: '1.00',
        asOf: '2025-01-02',
      },
    });
  const verdict = (raw: string, topic: Parameters<EnvelopeDecoder['decode']>[1], d = decoder) => {
    const out = d.decode(raw, topic);
    return out.ok ? 'ok' : out.rejection.reason;
  };

  it('lets a court write its own cases only', () => {
    expect(verdict(JSON.stringify(filed()), 'court.case-events')).toBe('ok');
    expect(rejection(JSON.stringify(filed({}, { source: 'court:浙0802' })))).toMatchObject({
      reason: 'source_not_authorized',
      violations: [{ pointer: '/payload/caseNo', check: 'court' }],
    });
    const restored = (previousCaseNo: string) =>
      court(
        'case.restored',
        { caseNo: '（2025）浙0803执恢1号', previousCaseNo, restoredOn: '2025-01-02' },
        { occurredAt: '2025-01-02T10:00:00+08:00' },
      );
    expect(verdict(restored('（2024）浙0803执12号'), 'court.case-events')).toBe('ok');
    expect(verdict(restored('（2024）浙0802执12号'), 'court.case-events')).toBe('source_not_authorized');
    expect(
      verdict(JSON.stringify(filed({}, { source: 'agency:realestate:330803' })), 'court.case-events'),
    ).toBe('source_not_authorized');
    expect(verdict(JSON.stringify(filed({}, { source: 'procuratorate:330803' })), 'court.case-events')).toBe(
      'source_not_authorized',
    );
  });

  it('lets an agency write its kind and area only', () => {
    expect(verdict(realEstate('agency:realestate:330803', '330803'), 'registry.realestate')).toBe('ok');
    expect(verdict(realEstate('agency:realestate:330800', '330803'), 'registry.realestate')).toBe('ok');
    expect(verdict(realEstate('agency:realestate:330000', '330803'), 'registry.realestate')).toBe('ok');
    expect(verdict(realEstate('agency:realestate:330803', '330802'), 'registry.realestate')).toBe(
      'source_not_authorized',
    );
    expect(verdict(realEstate('agency:realestate:330800', '330102'), 'registry.realestate')).toBe(
      'source_not_authorized',
    );
    expect(verdict(realEstate('agency:tax:330803', '330803'), 'registry.realestate')).toBe(
      'source_not_authorized',
    );
    expect(verdict(tax('agency:tax:330800', '330803'), 'registry.tax')).toBe('ok');
    expect(verdict(tax('agency:tax:330803', '330800'), 'registry.tax')).toBe('source_not_authorized');
    const uscc = (area: string) => `91${area}MA0000001${usccCheckChar(`91${area}MA0000001`)}`;
    expect(verdict(enterprise('agency:enterprise:330800', uscc('330803')), 'registry.enterprise')).toBe('ok');
    expect(verdict(enterprise('agency:enterprise:330800', uscc('330102')), 'registry.enterprise')).toBe(
      'source_not_authorized',
    );
    expect(verdict(snapshot('agency:bank:C102', 'c102'), 'registry.bank')).toBe('ok');
    expect(verdict(snapshot('agency:bank:C102', 'C103'), 'registry.bank')).toBe('source_not_authorized');
  });

  it('takes grants from the reference data', () => {
    const granted = new EnvelopeDecoder(registry, {
      now: () => NOW,
      authorization: new SourceAuthorization([
        { source: 'court:浙08*', courts: ['浙0802'] },
        { source: 'agency:realestate:330803', areas: ['330802'] },
        { source: 'agency:bank:C102', bankCodes: ['C103'] },
        { source: 'agency:exchange:330000', topics: ['registry.tax'], unrestricted: true },
      ]),
    });
    expect(verdict(JSON.stringify(filed({}, { source: 'court:浙0802' })), 'court.case-events', granted)).toBe(
      'source_not_authorized',
    );
    expect(
      verdict(JSON.stringify(filed({ caseNo: '（2024）浙0802执1号' })), 'court.case-events', granted),
    ).toBe('ok');
    expect(verdict(realEstate('agency:realestate:330803', '330802'), 'registry.realestate', granted)).toBe(
      'ok',
    );
    expect(verdict(snapshot('agency:bank:C102', 'C103'), 'registry.bank', granted)).toBe('ok');
    expect(verdict(tax('agency:exchange:330000', '110101'), 'registry.tax', granted)).toBe('ok');
    expect(verdict(realEstate('agency:exchange:330000', '330803'), 'registry.realestate', granted)).toBe(
      'source_not_authorized',
    );
  });

  it('refuses a bad grant, and reads the reference file of the repository', () => {
    expect(() => new SourceAuthorization([{ source: '*', courts: ['浙0802'] }])).toThrow(/pattern/);
    expect(
      () => new SourceAuthorization([{ source: 'court:浙0803', topics: ['court.nope' as 'registry.tax'] }]),
    ).toThrow(/unknown topic/);
    expect(SourceAuthorization.load()).toBeInstanceOf(SourceAuthorization);
  });

  it('covers an area at or below the agency code (property)', () => {
    const code = fc
      .tuple(
        fc.integer({ min: 11, max: 65 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([p, c, d]) => `${p}${String(c).padStart(2, '0')}${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(code, code, (agency, area) => {
        const level = agency.endsWith('0000') ? 2 : agency.endsWith('00') ? 4 : 6;
        expect(areaCovers(agency, area)).toBe(area.slice(0, level) === agency.slice(0, level));
        expect(areaCovers(agency, agency)).toBe(true);
      }),
    );
  });
});
