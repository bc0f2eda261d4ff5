import type { ReasonCode } from '@zhijian/contracts';
import { cstStartOfDay, isCalendarDate } from '@zhijian/domain';

/** The first day the hub takes a fact from (the founding of the PRC), and the last. */
export const EARLIEST_DATE = '1949-10-01';
export const LATEST_DATE = '2100-12-31';
const EARLIEST_INSTANT = cstStartOfDay(EARLIEST_DATE);
const AFTER_LATEST_INSTANT = new Date(cstStartOfDay(LATEST_DATE).getTime() + 86_400_000);

const CST_OFFSET_MS = 8 * 3_600_000;

export const DEFAULT_SKEW_TOLERANCE_MS = 24 * 3_600_000;

/** The largest amount of money taken: 10^15 fen (10 trillion yuan); more is no real amount. */
export const MAX_FEN = 1e15;

/**
 * Date fields that say when something will end or fall due, not when a fact happened: they may
 * lie in the future (a seal expires in three years, an extension sets a new deadline). Every other
 * date of the schemas (filedOn, servedOn, controlledOn, asOf, on, receivedOn, …) is a fact's day.
 */
export const NOT_YET_HAPPENED_DATE_FIELDS: ReadonlySet<string> = new Set(['expiresOn', 'newDeadline']);

export interface TimeProblem {
  reason: Extract<ReasonCode, 'date_out_of_range' | 'future_dated'>;
  check: string;
  message: string;
}

const outOfRange = (what: string): TimeProblem => ({
  reason: 'date_out_of_range',
  check: 'date_range',
  message: `${what}超出可接受范围：须在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间`,
});

/** An instant's problem (occurredAt): out of range, or after `latest` (now + tolerance). */
export function businessTimeProblem(instant: Date, latest: Date): TimeProblem | null {
  const t = instant.getTime();
  if (!(t >= EARLIEST_INSTANT.getTime() && t < AFTER_LATEST_INSTANT.getTime()))
    return outOfRange(`业务时间 ${instant.toISOString()} `);
  if (t > latest.getTime()) return futureDated(`业务时间 ${instant.toISOString()} `, latest);
  return null;
}

/**
 * A date field's problem: out of range (whatever the calendar says of it: `0000-01-01` cannot be
 * stored), or, for a fact's day, a CST day that starts after `latest`. A text that is not
 * YYYY-MM-DD, or a day the calendar lacks, is left to the Date type's own check.
 */
export function dateProblem(text: string, field: string, latest: Date): TimeProblem | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  if (text < EARLIEST_DATE || text > LATEST_DATE) return outOfRange(`日期 ${text} `);
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  if (NOT_YET_HAPPENED_DATE_FIELDS.has(field)) return null;
  // The day's start in CST (years 1949–2100: Date.UTC reads them as they are).
  const dayStart = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CST_OFFSET_MS;
  if (dayStart > latest.getTime()) return futureDated(`日期 ${text} `, latest);
  return null;
}

function futureDated(what: string, latest: Date): TimeProblem {
  return {
    reason: 'future_dated',
    check: 'future',
    message: `${what}晚于当前时间加允许偏差（${latest.toISOString()}，SKEW_TOLERANCE_HOURS），事实尚未发生`,
  };
}
