import fc from 'fast-check';
import {
  addDays,
  cstDateOf,
  cstStartOfDay,
  daysBetween,
  isCalendarDate,
  parseDate,
  parseInstant,
} from './date';

const checkOf = (raw: string) => {
  const r = parseDate(raw);
  return r.ok ? 'ok' : r.error.check;
};
const instantMs = (raw: string) => {
  const r = parseInstant(raw);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.getTime();
};
/** Dates as YYYY-MM-DD strings, via JS Date as an independent oracle. */
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dayOffset = fc.integer({ min: -100_000, max: 100_000 });

describe('parseDate', () => {
  it.each(['2024-02-29', '2000-02-29', '1900-01-01', '2024-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (d) => {
      expect(parseDate(d)).toEqual({ ok: true, value: d });
    },
  );

  it('accepts full-width digits and returns the canonical form', () => {
    expect(parseDate('２０２４－０３－０１')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseDate('２０２４-03-01')).toEqual({ ok: true, value: '2024-03-01' });
  });

  it.each([
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '0000-01-01',
  ])('rejects %s as calendar', (d) => {
    expect(checkOf(d)).toBe('calendar');
  });

  it.each(['2024-3-1', '20240301', '2024/03/01', ' 2024-03-01', '2024-03-01T00:00:00Z', '', '2024-03-01\n'])(
    'rejects %j as format',
    (d) => {
      expect(checkOf(d)).toBe('format');
    },
  );

  it('agrees with JS Date on every real date', () => {
    fc.assert(fc.property(isoDate, (d) => expect(parseDate(d)).toEqual({ ok: true, value: d })));
  });

  it('isCalendarDate agrees with JS Date for any y/m/d', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const js = new Date(0);
          js.setUTCFullYear(y, m - 1, d);
          const real = js.getUTCFullYear() === y && js.getUTCMonth() === m - 1 && js.getUTCDate() === d;
          expect(isCalendarDate(y, m, d)).toBe(real);
        },
      ),
    );
  });
});

describe('parseInstant', () => {
  it('applies the offset', () => {
    expect(instantMs('2024-03-01T10:00:00+08:00')).toBe(Date.UTC(2024, 2, 1, 2));
    expect(instantMs('2024-03-01T02:00:00Z')).toBe(Date.UTC(2024, 2, 1, 2));
    expect(instantMs('2024-03-01t02:00:00z')).toBe(Date.UTC(2024, 2, 1, 2));
    expect(instantMs('2024-02-29T23:30:00-05:30')).toBe(Date.UTC(2024, 2, 1, 5));
    expect(instantMs('2024-03-01T00:00:00+14:00')).toBe(Date.UTC(2024, 1, 29, 10));
  });

  it('keeps milliseconds and truncates finer fractions', () => {
    expect(instantMs('2024-03-01T10:00:00.5+08:00')).toBe(Date.UTC(2024, 2, 1, 2, 0, 0, 500));
    expect(instantMs('2024-03-01T10:00:00.123999+08:00')).toBe(Date.UTC(2024, 2, 1, 2, 0, 0, 123));
  });

  it.each([
    ['no offset', '2024-03-01T10:00:00'],
    ['date only', '2024-03-01'],
    ['offset without colon', '2024-03-01T10:00:00+0800'],
    ['no seconds', '2024-03-01T10:00+08:00'],
    ['Feb 30', '2024-02-30T10:00:00+08:00'],
    ['hour 24', '2024-03-01T24:00:00+08:00'],
    ['minute 60', '2024-03-01T10:60:00+08:00'],
    ['leap second', '2016-12-31T23:59:60Z'],
    ['offset minutes 60', '2024-03-01T10:00:00+08:60'],
    ['empty fraction', '2024-03-01T10:00:00.+08:00'],
    ['trailing text', '2024-03-01T10:00:00+08:00 '],
  ])('rejects %s', (_label, raw) => {
    expect(parseInstant(raw)).toMatchObject({ ok: false, error: { check: 'format' } });
  });

  it('agrees with JS Date parsing for any instant and offset', () => {
    const offset = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    const instant = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2200-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, offset, (t, off) => {
        const local = new Date(t.getTime() + off * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(off);
        const pad = (n: number) => String(n).padStart(2, '0');
        const raw = `${local}${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
        expect(instantMs(raw)).toBe(t.getTime());
      }),
    );
  });
});

describe('cstDateOf / cstStartOfDay', () => {
  it('uses UTC+8', () => {
    expect(cstDateOf(new Date('2024-02-29T15:59:59.999Z'))).toBe('2024-02-29');
    expect(cstDateOf(new Date('2024-02-29T16:00:00Z'))).toBe('2024-03-01');
    expect(cstStartOfDay('2024-03-01').toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  it('a CST day spans [cstStartOfDay(d), cstStartOfDay(d + 1))', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 86_399_999 }), (d, ms) => {
        const start = cstStartOfDay(d).getTime();
        expect(cstDateOf(new Date(start + ms))).toBe(d);
        expect(cstDateOf(new Date(start - 1))).toBe(addDays(d, -1));
        expect(cstStartOfDay(addDays(d, 1)).getTime() - start).toBe(86_400_000);
      }),
    );
  });

  it('refuses invalid input', () => {
    expect(() => cstDateOf(new Date(NaN))).toThrow(RangeError);
    expect(() => cstStartOfDay('2024-02-30')).toThrow(RangeError);
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
    expect(daysBetween('1900-01-01', '2100-01-01')).toBe(73_049); // 200 × 365 + 49 leap days (1900 is not a leap year, 2000 is);
  });

  it('refuses invalid dates and non-integer days', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2024-03-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => daysBetween('2024-03-01', 'tomorrow')).toThrow(RangeError);
  });

  it('daysBetween(d, addDays(d, n)) === n and addDays is invertible', () => {
    fc.assert(
      fc.property(isoDate, dayOffset, (d, n) => {
        const e = addDays(d, n);
        expect(parseDate(e)).toEqual({ ok: true, value: e });
        expect(daysBetween(d, e)).toBe(n);
        expect(addDays(e, -n)).toBe(d);
      }),
    );
  });

  it('addDays is additive', () => {
    fc.assert(
      fc.property(isoDate, dayOffset, dayOffset, (d, a, b) =>
        expect(addDays(addDays(d, a), b)).toBe(addDays(d, a + b)),
      ),
    );
  });
});
