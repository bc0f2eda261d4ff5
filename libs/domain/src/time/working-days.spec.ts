import { addWorkingDays, periodEnd, periodEndMonths } from './working-days';

describe('periodEnd (民事诉讼法 art. 85)', () => {
  it('does not count the first day', () => {
    // 2024-03-01 (Fri) + 30 days = 2024-03-31 (Sun) -> next working day 2024-04-01 (Mon)
    expect(periodEnd('2024-03-01', 30)).toBe('2024-04-01');
    expect(periodEnd('2024-03-04', 30)).toBe('2024-04-03'); // a Wednesday
  });

  it('moves a period ending in the National Day holiday to the next working day', () => {
    // 2024-09-01 + 30 = 2024-10-01, holiday until 10-07; 10-08 is the first working day
    expect(periodEnd('2024-09-01', 30)).toBe('2024-10-08');
  });

  it('treats a make-up working day (调休) as a working day', () => {
    // 2024-10-12 is a Saturday worked in lieu of the holiday
    expect(periodEnd('2024-09-12', 30)).toBe('2024-10-12');
  });
});

describe('addWorkingDays', () => {
  it('skips weekends and holidays', () => {
    expect(addWorkingDays('2024-09-30', 3)).toBe('2024-10-10');
    expect(addWorkingDays('2024-03-01', 1)).toBe('2024-03-04');
  });
});

describe('periodEndMonths', () => {
  it("ends on the corresponding day of the last month, or that month's last day", () => {
    expect(periodEndMonths('2024-03-05', 3)).toBe('2024-06-05'); // a Wednesday
    expect(periodEndMonths('2023-11-30', 3)).toBe('2024-02-29'); // leap February has no 30th
    expect(periodEndMonths('2024-10-15', 3)).toBe('2025-01-15');
  });

  it('moves an end on a rest day or holiday to the next working day', () => {
    // 2024-06-01 + 4 months = 2024-10-01 (National Day) -> 2024-10-08
    expect(periodEndMonths('2024-06-01', 4)).toBe('2024-10-08');
    // 2024-03-02 + 3 months = 2024-06-02 (Sunday) -> 2024-06-03
    expect(periodEndMonths('2024-03-02', 3)).toBe('2024-06-03');
  });
});
