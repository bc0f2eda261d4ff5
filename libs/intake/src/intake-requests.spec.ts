import {
  badRequestBody,
  parseActionBody,
  parseCourtReplyBody,
  parseLeadQuery,
  parsePage,
  parseRatesQuery,
  parseReassignBody,
  parseRectificationBody,
  parseRejectBody,
  parseSuggestionBody,
  readReason,
} from './intake-requests';

describe('intake request checks', () => {
  it('reads an action body: optional reason and version, nothing for an empty body', () => {
    expect(parseActionBody(undefined)).toEqual({ ok: true, value: { reason: null, version: undefined } });
    expect(parseActionBody({ reason: ' 已核实 ', version: 3 })).toEqual({
      ok: true,
      value: { reason: '已核实', version: 3 },
    });
    expect(parseActionBody({ version: 0 })).toEqual({
      ok: false,
      errors: { version: '版本号 version须为 1–2147483647 之间的整数' },
    });
    expect(parseActionBody([1])).toEqual({ ok: false, errors: { body: '请求体须为 JSON 对象' } });
    expect(parseActionBody('text')).toEqual({ ok: false, errors: { body: '请求体须为 JSON 对象' } });
  });

  it('requires the reason of a rejection, and bounds it', () => {
    expect(parseRejectBody({})).toEqual({ ok: false, errors: { reason: '请填写不予受理的理由 reason' } });
    expect(parseRejectBody({ reason: 5 })).toEqual({
      ok: false,
      errors: { reason: '不予受理的理由 reason须为文本' },
    });
    expect(parseRejectBody({ reason: '字'.repeat(1001) })).toMatchObject({ ok: false });
    expect(parseRejectBody({ reason: '不属实' })).toEqual({
      ok: true,
      value: { reason: '不属实', version: undefined },
    });
  });

  it('checks a 检察建议: number and a real service date', () => {
    expect(parseSuggestionBody({ number: '建〔2024〕1号', servedOn: '2024-04-01' })).toEqual({
      ok: true,
      value: { number: '建〔2024〕1号', servedOn: '2024-04-01', version: undefined },
    });
    expect(parseSuggestionBody({ servedOn: '2024-02-30' })).toEqual({
      ok: false,
      errors: {
        number: '请填写检察建议文号 number',
        servedOn: '送达日期 servedOn须为 YYYY-MM-DD 格式的有效日期，收到“2024-02-30”',
      },
    });
  });

  it('checks the court reply', () => {
    expect(parseCourtReplyBody({ reply: 'adopted', repliedOn: '2024-06-01' })).toMatchObject({ ok: true });
    const bad = parseCourtReplyBody({ reply: 'yes' });
    expect(bad.ok || Object.keys(bad.errors).sort()).toEqual(['repliedOn', 'reply']);
  });

  it('takes money as a yuan string into fen, never a JSON number', () => {
    expect(parseRectificationBody({ recoveredAmount: '1234.50' })).toEqual({
      ok: true,
      value: { recoveredFen: 123450, reason: null, overClaimReason: null, version: undefined },
    });
    expect(parseRectificationBody({ recoveredAmount: '0' })).toMatchObject({ value: { recoveredFen: 0 } });
    for (const recoveredAmount of [1234.5, '1.234', '-3', 'abc', '99999999999999999999'])
      expect(parseRectificationBody({ recoveredAmount })).toMatchObject({
        ok: false,
        errors: { recoveredAmount: expect.stringContaining('追回金额') as string },
      });
    expect(parseRectificationBody({})).toEqual({
      ok: false,
      errors: { recoveredAmount: '请填写追回金额 recoveredAmount（元）' },
    });
  });

  it('checks a reassignment', () => {
    expect(parseReassignBody({ toUnit: '330802', reason: '管辖' })).toMatchObject({ ok: true });
    expect(parseReassignBody({ toUnit: '3308' })).toEqual({
      ok: false,
      errors: {
        toUnit: '改派目标 toUnit须为六位检察院代码（如 330803），收到“3308”',
        reason: '请填写改派理由 reason',
      },
    });
  });

  it('reads the list query: lists of statuses and severities, days in China time, sort, page', () => {
    const q = parseLeadQuery({
      status: 'new,claimed',
      severity: 'high',
      from: '2024-03-01',
      to: '2024-03-31',
      sort: 'priority',
      limit: '50',
    });
    expect(q).toEqual({
      ok: true,
      value: expect.objectContaining({
        statuses: ['new', 'claimed'],
        severities: ['high'],
        from: new Date('2024-02-29T16:00:00.000Z'),
        to: new Date('2024-03-31T16:00:00.000Z'),
        sort: 'priority',
        limit: 50,
        offset: 0,
      }) as unknown,
    });
    expect(parseLeadQuery({})).toMatchObject({ ok: true, value: { sort: 'newest', limit: 100, offset: 0 } });
    expect(parseLeadQuery({ from: '2024-03-01T08:00:00+08:00' })).toMatchObject({
      value: { from: new Date('2024-03-01T00:00:00.000Z') },
    });
    const bad = parseLeadQuery({
      status: 'new,open',
      sort: 'random',
      limit: '5000',
      unitCode: '33',
      from: '2024-04-02',
      to: '2024-04-01',
    });
    expect(bad.ok || Object.keys(bad.errors).sort()).toEqual(['limit', 'sort', 'status', 'to', 'unitCode']);
    expect(parsePage({ offset: '-1' })).toMatchObject({ ok: false });
  });

  it('reads the rates query', () => {
    expect(parseRatesQuery({})).toEqual({ ok: true, value: { groupBy: 'model', from: null, to: null } });
    expect(parseRatesQuery({ groupBy: 'court' })).toMatchObject({
      ok: false,
      errors: { groupBy: expect.any(String) as string },
    });
  });

  it('reads the reason of a read from the header (percent-encoded) or the query', () => {
    expect(readReason(encodeURIComponent('复核 线索'), undefined)).toBe('复核 线索');
    expect(readReason(undefined, '立案审查')).toBe('立案审查');
    expect(readReason('100%', undefined)).toBe('100%');
    expect(readReason(' ', undefined)).toBeNull();
    expect(readReason(undefined, undefined)).toBeNull();
  });

  it('answers every problem at once', () => {
    expect(badRequestBody({ a: '甲有误', b: '乙有误' })).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: '请求有误：甲有误；乙有误',
      fields: { a: '甲有误', b: '乙有误' },
    });
  });
});
