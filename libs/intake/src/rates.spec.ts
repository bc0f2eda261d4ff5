import { rate, ratesOf, totalOf } from './rates';

const group = (key: string, n: Partial<Parameters<typeof ratesOf>[0]>) => ({
  key,
  leads: 0,
  accepted: 0,
  suggestions: 0,
  adopted: 0,
  rectified: 0,
  recoveredFen: 0,
  claimFen: 0,
  ...n,
});

describe('rates', () => {
  it('divides, and has no rate without a denominator', () => {
    expect(rate(1, 4)).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
  });

  it('pairs each outcome with its denominator', () => {
    expect(
      ratesOf(
        group('m', {
          leads: 10,
          accepted: 6,
          suggestions: 4,
          adopted: 3,
          rectified: 1,
          recoveredFen: 50,
          claimFen: 200,
        }),
      ),
    ).toEqual({
      key: 'm',
      leads: 10,
      conversion: rate(6, 10),
      adoption: rate(3, 4),
      rectification: rate(1, 3),
      recovery: rate(50, 200),
    });
  });

  it('totals the counts, not the rates', () => {
    const total = totalOf([
      group('a', { leads: 1, accepted: 1 }),
      group('b', { leads: 3, accepted: 0, claimFen: 7 }),
    ]);
    expect(total).toEqual(group('total', { leads: 4, accepted: 1, claimFen: 7 }));
    expect(ratesOf(total).conversion.rate).toBe(0.25);
  });
});
