import { addDays, cstDateOf, cstStartOfDay, parseDate } from '@zhijian/domain';
import type { ConformancePeriod } from './repositories/source-conformance.repository';

/** Days of a conformance report when none are given. */
export const DEFAULT_REPORT_DAYS = 14;

/**
 * The period of a conformance report from `from` / `to` days (YYYY-MM-DD, China time, both
 * included); by default the last DEFAULT_REPORT_DAYS days through today. Throws on a bad day.
 */
export function conformancePeriod(
  raw: { from?: string; to?: string },
  silentMs: number,
  now: Date = new Date(),
): ConformancePeriod {
  const day = (name: string, v: string | undefined, fallback: string) => {
    if (v === undefined || v === '') return fallback;
    const d = parseDate(v.trim());
    if (!d.ok) throw new Error(`${name} must be a date YYYY-MM-DD, got "${v}"`);
    return d.value;
  };
  const toDay = day('to', raw.to, cstDateOf(now));
  const fromDay = day('from', raw.from, addDays(toDay, -(DEFAULT_REPORT_DAYS - 1)));
  if (fromDay > toDay) throw new Error(`from (${fromDay}) is after to (${toDay})`);
  if (addDays(fromDay, 366) < toDay) throw new Error('a report covers at most 366 days');
  return { from: cstStartOfDay(fromDay), to: cstStartOfDay(addDays(toDay, 1)), now, silentMs };
}
