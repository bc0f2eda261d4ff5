import { isWorkday } from 'chinese-days';
import { addDays } from '../normalize/date';

/**
 * 民事诉讼法 art. 85: the first day of a period is not counted, and a period whose
 * last day falls on a rest day or statutory holiday ends on the next working day.
 * China's calendar, with its make-up working days (调休), comes from `chinese-days`,
 * a maintained package, rather than a hand-typed list.
 */
export function periodEnd(start: string, days: number): string {
  let end = addDays(start, days);
  while (!isWorkday(end)) end = addDays(end, 1);
  return end;
}

/**
 * A period of `months` months (民事诉讼法 art. 85; 民法典 art. 202): it ends on the day of the
 * last month that corresponds to the start date, or on that month's last day when it has no
 * such day, moved to the next working day when that is a rest day or holiday.
 */
export function periodEndMonths(start: string, months: number): string {
  let end = addMonths(start, months);
  while (!isWorkday(end)) end = addDays(end, 1);
  return end;
}

/**
 * The day `months` calendar months after `start`: the corresponding day, or the month's last day
 * when it has none. No holiday rule: for a minimum duration ("less than 3 months after filing"),
 * not for the last day of a period to act.
 */
export function addMonths(start: string, months: number): string {
  if (!Number.isSafeInteger(months) || months < 0) throw new RangeError('addMonths: months must be ≥ 0');
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function isWorkingDay(date: string): boolean {
  return isWorkday(date);
}

/** The date `n` working days after `start` (start itself not counted). */
export function addWorkingDays(start: string, n: number): string {
  let date = start;
  for (let left = n; left > 0;) {
    date = addDays(date, 1);
    if (isWorkday(date)) left--;
  }
  return date;
}
