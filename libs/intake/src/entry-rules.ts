import { cstDateOf, formatFen } from '@zhijian/domain';
import type { LeadEvidence } from '@zhijian/domain';

/**
 * Rules that need the lead (the body's own checks are in intake-requests): what staff record of a
 * lead's handling must fit its facts. Pure, so that they are tested alone.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day a lead's facts are complete: the latest business date of the evidence it stands on
 * (items shown for context only do not count); a lead without dated evidence, the day it was
 * raised (business time, China). A 检察建议 or a court's reply cannot be dated before it.
 */
export function factsDateOf(lead: { evidence: LeadEvidence | null; asOf: Date }): string {
  let latest: string | null = null;
  for (const item of lead.evidence?.items ?? [])
    if (!item.context && typeof item.on === 'string' && DAY.test(item.on) && (!latest || item.on > latest))
      latest = item.on;
  return latest ?? cstDateOf(lead.asOf);
}

/** Why `date` (YYYY-MM-DD) cannot be a date of the lead's handling: before its facts; null when it can. */
export function beforeFactsProblem(label: string, date: string, factsDate: string): string | null {
  return date < factsDate ? `${label}不能早于线索所依据事实的最后日期 ${factsDate}，收到“${date}”` : null;
}

/**
 * Why a recovery cannot be recorded as it is: more than the claim (申请执行标的) without a stated
 * reason (interest for late performance, costs, …); null when it can, or when the claim is unknown.
 */
export function overClaimProblem(
  recoveredFen: number,
  claimFen: number | null,
  reason: string | null,
): string | null {
  if (claimFen === null || recoveredFen <= claimFen || reason) return null;
  return (
    `追回金额 ${formatFen(recoveredFen)} 元超过申请执行标的 ${formatFen(claimFen)} 元：` +
    '如确有超出（如迟延履行利息、执行费用），请在 overClaimReason 中说明理由'
  );
}
