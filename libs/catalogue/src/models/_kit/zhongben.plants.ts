import { type CaseScript, type PlantContext, ALL_SCOPES, PERIODIC_CHECK_DAYS } from './plant';

export const CHECK_YEARS = 5;

/** A 终本 case with room after it for a deadline (closing on day +100 of the compliant course). */
export const zhongben = (ctx: PlantContext, room = 0): CaseScript =>
  ctx.compliantCase(
    room
      ? { ending: 'zhongben', filedDay: ctx.rng.int(0, Math.max(0, ctx.lastDay - 100 - room)) }
      : { ending: 'zhongben' },
  );

/** `network_national` inquiries every PERIODIC_CHECK_DAYS from `from`, within the history and the check years. */
export function periodicChecks(
  ctx: PlantContext,
  s: CaseScript,
  closedDay: number,
  from: number,
  channel = 'network_national',
) {
  for (let d = from; d <= ctx.lastDay && d <= closedDay + CHECK_YEARS * 365 - 5; d += PERIODIC_CHECK_DAYS) {
    s.add('inquiry.performed', d, { channel, scopes: ALL_SCOPES, found: false });
  }
}
