import { foldWidth } from './text';
import { err, ok, type Result } from './result';

const MS_PER_DAY = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when year-month-day (month 1–12) exists in the proleptic Gregorian calendar, years 1–9999. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12) return false;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
  return day >= 1 && day <= monthDays;
}

/** Days of each month in a common year. */
const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
function epochDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() / MS_PER_DAY;
}

function formatUtcDate(d: Date): string {
  const y = d.getUTCFullYear();
  if (!Number.isFinite(y) || y < 1 || y > 9999) throw new RangeError('date out of range 0001–9999');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function parseDate(raw: string): Result<string, { check: 'format' | 'calendar'; message: string }> {
  const m = DATE.exec(foldWidth(raw));
  if (!m) return err({ check: 'format', message: 'date must be YYYY-MM-DD' });
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  if (!isCalendarDate(y, mo, d)) {
    return err({ check: 'calendar', message: 'date does not exist in the calendar' });
  }
  return ok(m[0]);
}

function requireEpochDay(date: string, fn: string): number {
  const r = parseDate(date);
  if (!r.ok) throw new RangeError(`${fn}: invalid date, expected YYYY-MM-DD`);
  const [y, m, d] = r.value.split('-').map(Number) as [number, number, number];
  return epochDay(y, m, d);
}

export function parseInstant(raw: string): Result<Date, { check: 'format'; message: string }> {
  const m = INSTANT.exec(raw);
  const fail = (message: string) => err({ check: 'format' as const, message });
  if (!m) return fail('instant must be RFC 3339 with an offset, e.g. 2024-03-01T10:00:00+08:00');
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', zulu, sign, oh = '', om = ''] = m.slice(7);
  if (!isCalendarDate(y, mo, d)) return fail('instant date does not exist in the calendar');
  // JS Date cannot represent leap second 60.
  if (h > 23 || mi > 59 || s > 59) return fail('instant time of day is out of range');
  if (Number(oh) > 23 || Number(om) > 59) return fail('instant offset is out of range');
  const offsetMin = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const t = epochDay(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offsetMin) * 60 + s) * 1000 + ms;
  return ok(new Date(t));
}

export function cstDateOf(instant: Date): string {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('cstDateOf: invalid Date');
  return formatUtcDate(new Date(t + CST_OFFSET_MS));
}

export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError('addDays: days must be an integer');
  return formatUtcDate(new Date((requireEpochDay(date, 'addDays') + days) * MS_PER_DAY));
}

export function daysBetween(from: string, to: string): number {
  return requireEpochDay(to, 'daysBetween') - requireEpochDay(from, 'daysBetween');
}

export function cstStartOfDay(date: string): Date {
  return new Date(requireEpochDay(date, 'cstStartOfDay') * MS_PER_DAY - CST_OFFSET_MS);
}
