import * as normalize from '@zhijian/domain';

describe('@zhijian/domain: the public API of normalization', () => {
  it('exports every documented function and constant', () => {
    const fns = ['foldWidth', 'cleanText', 'cleanName', 'normalizeIdCard', 'idCardCheckChar', 'maskIdCard'];
    fns.push('normalizeUscc', 'usccCheckChar', 'parseCaseNumber', 'parseMoneyToFen', 'formatFen');
    fns.push(
      'parseDate',
      'parseInstant',
      'cstDateOf',
      'addDays',
      'daysBetween',
      'cstStartOfDay',
      'ok',
      'err',
    );
    for (const name of fns) expect(typeof (normalize as Record<string, unknown>)[name]).toBe('function');
    expect(normalize.CASE_TYPE_CODES).toEqual(['执', '执恢', '执保', '执异', '执复', '执监']);
    expect(normalize.PROVINCE_ABBREVIATIONS).toBe(
      '京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川黔云陕甘青内桂藏宁新兵军',
    );
  });
});
