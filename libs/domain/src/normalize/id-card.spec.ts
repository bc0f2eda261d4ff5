import fc from 'fast-check';
import { idCardCheckChar, maskIdCard, normalizeIdCard } from './id-card';

const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
];
PROVINCES.push(
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
);
const CHECK_CHARS = '0123456789X'.split('');

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const birthDate = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true });
const ymd = (d: Date) => d.toISOString().slice(0, 10);
/** A valid 17-char body: province + 4 digits + YYYYMMDD + 3 digits. */
const body17 = fc
  .tuple(fc.constantFrom(...PROVINCES), digits(4), birthDate('1900-01-01', '2100-12-31'), digits(3))
  .map(([p, area, d, seq]) => `${p}${area}${ymd(d).replace(/-/g, '')}${seq}`);
const withCheck = (body: string) => body + idCardCheckChar(body);

/** ISO 7064 MOD 11-2 stated independently of idCardCheckChar: Σ aᵢ·2^(17−i) over all 18 chars (X = 10) is ≡ 1 (mod 11). */
const mod11_2 = (id: string) =>
  Array.from(id).reduce((acc, c, i) => (acc + (c === 'X' ? 10 : Number(c)) * 2 ** (17 - i)) % 11, 0);

const errorOf = (raw: string) => {
  const r = normalizeIdCard(raw);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('normalizeIdCard', () => {
  it('accepts the GB 11643 sample and decodes it', () => {
    expect(normalizeIdCard('11010519491231002X')).toEqual({
      ok: true,
      value: {
        value: '11010519491231002X',
        areaCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
        upgradedFrom15: false,
      },
    });
  });

  it('derives sex from the 17th digit', () => {
    const male = withCheck('33080319900101123');
    expect(normalizeIdCard(male)).toMatchObject({
      ok: true,
      value: { sex: 'male', birthDate: '1990-01-01' },
    });
  });

  it.each([
    ['lower-case x', '11010519491231002x'],
    ['full-width digits and X', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width lower-case x', '１１０１０５１９４９１２３１００２ｘ'],
    ['spaces and hyphens', ' 110105-19491231-002 X\u3000'],
    ['full-width hyphens', '110105－19491231－002X'],
  ])('accepts %s', (_label, raw) => {
    expect(normalizeIdCard(raw)).toMatchObject({ ok: true, value: { value: '11010519491231002X' } });
  });

  it('upgrades a 15-digit legacy number', () => {
    expect(normalizeIdCard('110105491231002')).toEqual({
      ok: true,
      value: {
        value: '11010519491231002X',
        areaCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
        upgradedFrom15: true,
      },
    });
  });

  it('rejects a wrong check char instead of correcting it', () => {
    for (const c of '0123456789') expect(errorOf(`11010519491231002${c}`).check).toBe('check_char');
  });

  it.each([
    ['Feb 30', '19900230'],
    ['Feb 29 in a non-leap year', '19900229'],
    ['Feb 29 in 1900 (not a leap year)', '19000229'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['before 1900', '18991231'],
    ['after 2100', '21010101'],
  ])('rejects a birth date on %s even with a correct check char', (_label, date) => {
    expect(errorOf(withCheck(`330803${date}123`)).check).toBe('birth_date');
  });

  it('accepts the birth date bounds and leap days', () => {
    for (const date of ['19000101', '21001231', '20000229', '20240229']) {
      expect(normalizeIdCard(withCheck(`330803${date}123`)).ok).toBe(true);
    }
  });

  it('rejects a 15-digit number with an impossible birth date', () => {
    expect(errorOf('110105490230002').check).toBe('birth_date');
  });

  it.each([
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '47',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '83',
    '90',
    '99',
  ])('rejects province code %s', (p) => {
    expect(errorOf(withCheck(`${p}010519491231002`)).check).toBe('area_code');
  });

  it.each([
    ['empty', ''],
    ['17 chars', '11010519491231002'],
    ['19 chars', '11010519491231002X1'],
    ['16 digits', '1101054912310021'],
    ['X not last', '1101051949123100X2'],
    ['15 digits ending in X', '11010549123100X'],
    ['letters', '11010519491231002A'],
    ['Arabic-Indic digits', '١١٠١٠٥١٩٤٩١٢٣١٠٠٢X'],
  ])('rejects %s as format', (_label, raw) => {
    expect(errorOf(raw).check).toBe('format');
  });

  it('appending idCardCheckChar to any valid body is accepted; any other last char is rejected', () => {
    fc.assert(
      fc.property(body17, fc.constantFrom(...CHECK_CHARS), (body, other) => {
        const check = idCardCheckChar(body);
        expect(mod11_2(body + check)).toBe(1);
        const r = normalizeIdCard(body + check);
        expect(r).toMatchObject({ ok: true, value: { value: body + check, upgradedFrom15: false } });
        fc.pre(other !== check);
        expect(normalizeIdCard(body + other)).toMatchObject({ ok: false, error: { check: 'check_char' } });
      }),
    );
  });

  it('a 15-digit number upgrades to an 18-char number that is itself valid', () => {
    const legacy = fc
      .tuple(fc.constantFrom(...PROVINCES), digits(4), birthDate('1900-01-01', '1999-12-31'), digits(3))
      .map(([p, area, d, seq]) => `${p}${area}${ymd(d).slice(2).replace(/-/g, '')}${seq}`);
    fc.assert(
      fc.property(legacy, (raw) => {
        const r = normalizeIdCard(raw);
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.upgradedFrom15).toBe(true);
        expect(r.value.value).toBe(`${raw.slice(0, 6)}19${raw.slice(6)}${r.value.value[17]}`);
        expect(normalizeIdCard(r.value.value)).toEqual({
          ok: true,
          value: { ...r.value, upgradedFrom15: false },
        });
      }),
    );
  });

  it('never throws and never echoes the input in an error message', () => {
    const raw = fc.string({ unit: fc.constantFrom(...'0123456789Xx -'), minLength: 6, maxLength: 20 });
    fc.assert(
      fc.property(raw, (s) => {
        const r = normalizeIdCard(s);
        if (r.ok) {
          expect(r.value.value[17]).toBe(idCardCheckChar(r.value.value.slice(0, 17)));
        } else {
          expect(r.error.message).not.toMatch(/\d{5}/);
        }
      }),
    );
  });
});

describe('idCardCheckChar', () => {
  it('computes the ISO 7064 MOD 11-2 check char', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('maskIdCard', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdCard('33080319900101123X')).toBe('330803********123X');
    expect(maskIdCard('110105491231002')).toBe('110105*****1002');
    expect(maskIdCard('1234567890')).toBe('1234567890');
  });

  it('masks everything below 10 characters', () => {
    expect(maskIdCard('123456789')).toBe('*********');
    expect(maskIdCard('')).toBe('');
  });

  it('preserves length', () => {
    fc.assert(fc.property(fc.string(), (s) => expect(maskIdCard(s)).toHaveLength(Array.from(s).length)));
  });
});
