import fc from 'fast-check';
import { formatFen, parseMoneyToFen } from './money';

const checkOf = (raw: unknown) => {
  const r = parseMoneyToFen(raw);
  return r.ok ? 'ok' : r.error.check;
};

describe('parseMoneyToFen', () => {
  it.each([
    ['1234.5', 123450],
    ['0.07', 7],
    ['1234', 123400],
    ['1234.50', 123450],
    ['0', 0],
    ['0.1', 10],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in binary floating point
    ['1.15', 115],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parses %s yuan as %d fen', (raw, fen) => {
    expect(parseMoneyToFen(raw)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['empty', ''],
    ['3 decimals', '1.234'],
    ['trailing dot', '1.'],
    ['leading dot', '.5'],
    ['negative', '-1.00'],
    ['plus sign', '+1.00'],
    ['thousands separator', '1,234.00'],
    ['surrounding spaces', ' 12.00 '],
    ['full-width digits', '１２.００'],
    ['exponent', '1e3'],
    ['currency sign', '¥12'],
    ['comma decimal', '12,50'],
  ])('rejects %s as format', (_label, raw) => {
    expect(checkOf(raw)).toBe('format');
  });

  it.each([
    ['number', 12.5],
    ['bigint', 1250n],
    ['null', null],
    ['undefined', undefined],
    ['object', { yuan: '12.50' }],
  ])('rejects a non-string (%s) as format', (_label, raw) => {
    expect(checkOf(raw)).toBe('format');
  });

  it('rejects amounts above Number.MAX_SAFE_INTEGER fen as range', () => {
    expect(checkOf('90071992547409.92')).toBe('range');
    expect(checkOf('90071992547410')).toBe('range');
    expect(checkOf('9'.repeat(10_000))).toBe('range');
  });

  it('parses any 2-decimal string exactly like integer arithmetic on its digits', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
        fc.integer({ min: 0, max: 2 }),
        (fen, decimals) => {
          const yuan = (fen / 100n).toString();
          const cents = (fen % 100n).toString().padStart(2, '0');
          const raw = decimals === 0 ? yuan : `${yuan}.${cents.slice(0, decimals)}`;
          const expected = BigInt(yuan) * 100n + BigInt(cents.slice(0, decimals).padEnd(2, '0'));
          expect(parseMoneyToFen(raw)).toEqual({ ok: true, value: Number(expected) });
        },
      ),
    );
  });
});

describe('formatFen', () => {
  it.each([
    [123450, '1234.50'],
    [7, '0.07'],
    [70, '0.70'],
    [0, '0.00'],
    [100, '1.00'],
    [-123450, '-1234.50'],
    [-5, '-0.05'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %d fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it.each([0.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (fen) => {
    expect(() => formatFen(fen)).toThrow(RangeError);
  });

  it('round-trips: parseMoneyToFen(formatFen(n)) === n for n in [0, 1e12]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseMoneyToFen(formatFen(n))).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('round-trips up to Number.MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseMoneyToFen(formatFen(n))).toEqual({ ok: true, value: n });
      }),
    );
  });
});
