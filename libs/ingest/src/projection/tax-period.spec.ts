import { taxPeriodRange } from './tax-period';

describe('taxPeriodRange', () => {
  it.each([
    ['2025-03', '2025-03-01', '2025-04-01'],
    ['2025-12', '2025-12-01', '2026-01-01'],
    ['2025-Q1', '2025-01-01', '2025-04-01'],
    ['2025-Q4', '2025-10-01', '2026-01-01'],
  ])('%s covers [%s, %s)', (period, start, end) => {
    expect(taxPeriodRange(period)).toEqual({ start, end });
  });

  it('refuses anything else', () => {
    expect(() => taxPeriodRange('2025/03')).toThrow('not a tax period');
  });
});
