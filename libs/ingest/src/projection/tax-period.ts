/**
 * The days a tax period covers, [start, end): `2025-03` is March 2025, `2025-Q1` January
 * to March. The schema's pattern guarantees one of the two forms.
 */
export function taxPeriodRange(period: string): { start: string; end: string } {
  const m = /^(\d{4})-(?:(\d{2})|Q([1-4]))$/.exec(period);
  if (!m) throw new Error(`not a tax period: ${period}`);
  const year = Number(m[1]);
  const firstMonth = m[2] ? Number(m[2]) : (Number(m[3]) - 1) * 3 + 1;
  const months = m[2] ? 1 : 3;
  return { start: monthStart(year, firstMonth), end: monthStart(year, firstMonth + months) };
}

function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const mm = ((month - 1) % 12) + 1;
  return `${y}-${String(mm).padStart(2, '0')}-01`;
}
