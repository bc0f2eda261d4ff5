import type { DeadlineKind, LeadDeadline } from '@zhijian/contracts';
import { periodEnd, periodEndMonths, addDays, cstDateOf, daysBetween } from '@zhijian/domain';

/** The facts a deadline is computed from. */
export interface DeadlineFacts {
  status: string;
  /** When the lead reached its current office: created, escalated, triaged or reassigned. */
  arrivedAt: Date;
  suggestionServedOn: string | null;
  suggestionExtended: boolean;
  courtReply: 'adopted' | 'not_adopted' | null;
  courtRepliedOn: string | null;
  recoveredFen: number | null;
}

export interface DeadlinePolicy {
  /** ESCALATE_AFTER_DAYS: a new lead is due to be claimed within this many days. */
  escalateAfterDays: number;
  /** FOLLOWUP_ACT_WITHIN_DAYS: after an adopted reply, the recommended act is due within this many days. */
  followupActWithinDays: number;
}

/** Months the court has to reply to a 检察建议 (4 when extended), as the follow-up model counts them. */
const REPLY_MONTHS = 3;
const EXTENDED_REPLY_MONTHS = 4;

const LABELS: Record<DeadlineKind, string> = {
  claim: '认领期限',
  court_reply: '法院回复期限',
  rectification: '整改落实期限',
};

/**
 * The deadline a lead is waiting on, as of `today` (China time, YYYY-MM-DD), or null: a new lead
 * is to be claimed within ESCALATE_AFTER_DAYS of reaching its office (calendar days, as the
 * escalation counts them); a 检察建议 is to be answered within 3 months of service (4 when
 * extended) and an adopted one carried out within FOLLOWUP_ACT_WITHIN_DAYS of the reply, both
 * counted as 民事诉讼法 art. 85 (as `recommendation_followup` does on business time).
 */
export function deadlineOf(lead: DeadlineFacts, today: string, policy: DeadlinePolicy): LeadDeadline | null {
  let kind: DeadlineKind;
  let due: string;
  if (lead.status === 'new') {
    kind = 'claim';
    due = addDays(cstDateOf(lead.arrivedAt), policy.escalateAfterDays);
  } else if (lead.status === 'suggestion_issued' && lead.suggestionServedOn) {
    kind = 'court_reply';
    due = periodEndMonths(
      lead.suggestionServedOn,
      lead.suggestionExtended ? EXTENDED_REPLY_MONTHS : REPLY_MONTHS,
    );
  } else if (
    lead.status === 'court_replied' &&
    lead.courtReply === 'adopted' &&
    lead.courtRepliedOn &&
    lead.recoveredFen === null
  ) {
    kind = 'rectification';
    due = periodEnd(lead.courtRepliedOn, policy.followupActWithinDays);
  } else return null;
  const late = daysBetween(due, today);
  return { kind, label: LABELS[kind], due, overdue: late > 0, daysOverdue: Math.max(0, late) };
}

/** Today in China time. */
export function todayCst(now: Date = new Date()): string {
  return cstDateOf(now);
}
