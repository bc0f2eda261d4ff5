import fc from 'fast-check';
import { CASE_TYPE_CODES, PROVINCE_ABBREVIATIONS, parseCaseNumber } from './case-number';
import { foldWidth } from './text';

const checkOf = (raw: string) => {
  const r = parseCaseNumber(raw);
  return r.ok ? 'ok' : r.error.check;
};
const toFullWidthDigits = (s: string) =>
  s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('parseCaseNumber', () => {
  it('parses a basic-court number', () => {
    expect(parseCaseNumber('（2024）浙0803执1234号')).toEqual({
      ok: true,
      value: {
        canonical: '（2024）浙0803执1234号',
        year: 2024,
        courtCode: '浙0803',
        provinceAbbr: '浙',
        courtDigits: '0803',
        courtLevel: 'basic',
        typeCode: '执',
        seq: 1234,
      },
    });
  });

  it.each([
    ['（2023）最高法执监12号', '最高法', null, '', 'supreme', '执监'],
    ['（2023）浙执复3号', '浙', '浙', '', 'high', '执复'],
    ['（2023）浙08执恢45号', '浙08', '浙', '08', 'intermediate', '执恢'],
    ['（2023）兵0101执保6号', '兵0101', '兵', '0101', 'basic', '执保'],
    ['（2023）京0105执异7号', '京0105', '京', '0105', 'basic', '执异'],
  ])('parses %s', (raw, courtCode, provinceAbbr, courtDigits, courtLevel, typeCode) => {
    expect(parseCaseNumber(raw)).toMatchObject({
      ok: true,
      value: { canonical: raw, courtCode, provinceAbbr, courtDigits, courtLevel, typeCode },
    });
  });

  it.each([
    ['half-width parentheses', '(2024)浙0803执1234号'],
    ['full-width digits', '（２０２４）浙０８０３执１２３４号'],
    ['stray spaces', ' ( 2024 ) 浙 0803 执 1234 号\u3000'],
    ['tabs, newlines and zero-width spaces', '(2024)\t浙0803\n执\u200B1234号'],
    ['leading zeros in the sequence', '（2024）浙0803执001234号'],
  ])('accepts %s and canonicalises', (_label, raw) => {
    expect(parseCaseNumber(raw)).toMatchObject({
      ok: true,
      value: { canonical: '（2024）浙0803执1234号', seq: 1234 },
    });
  });

  it('takes the longest type code (执恢, not 执)', () => {
    expect(parseCaseNumber('(2024)浙0803执恢1号')).toMatchObject({ ok: true, value: { typeCode: '执恢' } });
  });

  it.each([
    ['missing 号', '（2024）浙0803执1234'],
    ['missing parentheses', '2024浙0803执1234号'],
    ['2-digit year', '（24）浙0803执1234号'],
    ['no sequence', '（2024）浙0803执号'],
    ['zero sequence', '（2024）浙0803执0号'],
    ['〔〕 brackets', '〔2024〕浙0803执1234号'],
    ['empty', ''],
  ])('rejects %s as format', (_label, raw) => {
    expect(checkOf(raw)).toBe('format');
  });

  it.each([
    ['1989', '（1989）浙0803执1号'],
    ['2101', '（2101）浙0803执1号'],
  ])('rejects year %s', (_label, raw) => {
    expect(checkOf(raw)).toBe('year');
  });

  it('accepts the year bounds', () => {
    expect(checkOf('（1990）浙0803执1号')).toBe('ok');
    expect(checkOf('（2100）浙0803执1号')).toBe('ok');
  });

  it.each([
    ['unknown abbreviation', '（2024）A0803执1号'],
    ['province name instead of abbreviation', '（2024）浙江0803执1号'],
    ['1 digit', '（2024）浙0执1号'],
    ['3 digits', '（2024）浙080执1号'],
    ['6 digits', '（2024）浙330803执1号'],
    ['digits only', '（2024）0803执1号'],
    ['最高法 with digits', '（2024）最高法01执1号'],
    ['最高 without 法', '（2024）最高执1号'],
  ])('rejects %s as court_code', (_label, raw) => {
    expect(checkOf(raw)).toBe('court_code');
  });

  it.each([
    ['civil type', '（2024）浙0803民初1号'],
    ['unknown 执 variant', '（2024）浙0803执终1号'],
    ['old 字第 style', '（2014）浙0803执字第1号'],
    ['missing type', '（2024）浙08031号'],
  ])('rejects %s as type_code', (_label, raw) => {
    expect(checkOf(raw)).toBe('type_code');
  });

  const court = fc.oneof(
    fc.constant('最高法'),
    fc
      .tuple(
        fc.constantFrom(...PROVINCE_ABBREVIATIONS),
        fc
          .constantFrom(0, 2, 4)
          .chain((n) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n })),
      )
      .map(([abbr, digits]) => abbr + digits),
  );
  const canonical = fc
    .tuple(
      fc.integer({ min: 1990, max: 2100 }),
      court,
      fc.constantFrom(...CASE_TYPE_CODES),
      fc.integer({ min: 1, max: 999_999 }),
    )
    .map(([year, c, type, seq]) => `（${year}）${c}${type}${seq}号`);

  it('canonical form is a fixed point', () => {
    fc.assert(
      fc.property(canonical, (c) => {
        expect(parseCaseNumber(c)).toMatchObject({ ok: true, value: { canonical: c } });
      }),
    );
  });

  it('half-width, full-width-digit, zero-padded and spaced variants parse to the same canonical', () => {
    const variant = fc.record({
      halfWidth: fc.boolean(),
      fullWidthDigits: fc.boolean(),
      zeros: fc.integer({ min: 0, max: 3 }),
      spaces: fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\u3000', '\t', '\n')), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(canonical, variant, (c, v) => {
        let s = c.replace(/(\d+)号$/, `${'0'.repeat(v.zeros)}$1号`);
        if (v.halfWidth) s = foldWidth(s);
        if (v.fullWidthDigits) s = toFullWidthDigits(s);
        const chars = Array.from(s);
        for (const [pos, sp] of v.spaces) chars.splice(pos % (chars.length + 1), 0, sp);
        expect(parseCaseNumber(chars.join(''))).toMatchObject({ ok: true, value: { canonical: c } });
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    const unit = fc.constantFrom(
      '(',
      ')',
      '（',
      '）',
      '2',
      '0',
      '4',
      '浙',
      '最',
      '高',
      '法',
      '执',
      '恢',
      '号',
      ' ',
      'x',
    );
    fc.assert(
      fc.property(fc.string({ unit }), (s) =>
        expect(['ok', 'format', 'court_code', 'type_code', 'year']).toContain(checkOf(s)),
      ),
    );
  });
});
