import { isWorkingDay, periodEnd, addDays } from '@zhijian/domain';
import type { PlantContext } from './plant';

/** Day index of the last day of a period of `days` days from day `start` (民诉法 art. 85). */
export const lastDayOf = (ctx: PlantContext, start: number, days: number): number =>
  ctx.day(periodEnd(ctx.date(start), days));

/** A day from `from` on whose `offset`-th day after is a rest day (so that the period's last day is moved). */
export function dayWithRestDayAfter(ctx: PlantContext, from: number, offset: number): number {
  let day = from;
  while (isWorkingDay(addDays(ctx.date(day), offset))) day++;
  return day;
}
