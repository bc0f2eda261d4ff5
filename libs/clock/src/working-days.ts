import { isWorkday } from 'chinese-days';
import { addDays } from '@zhijian/normalize';

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
