import type { EnvReader } from './env-reader';

/**
 * Where leads go and what happens to them afterwards (README, "Referral policy"). Read from
 * the environment with the rest of HubConfig; every bad key is named at boot.
 */
export type EscalationClockMode = 'wall' | 'fixed';

export interface ReferralSettings {
  /** MAJOR_AMOUNT_YUAN: a claim of at least this many yuan makes a lead major (provincial task force). */
  majorAmountYuan: number;
  /** MAJOR_LABOR_APPLICANTS: at least this many applicants of labour-pay cases make a lead major. */
  majorLaborApplicants: number;
  /** PROVINCE_TRIAGE: every new lead goes to the provincial triage desk first. */
  provinceTriage: boolean;
  /** CLASS_LEAD_MIN_CASES: leads of one model on this many cases of one court in one period make a class lead. */
  classLeadMinCases: number;
  /** CLASS_LEAD_PERIOD_DAYS: length of the class periods (fixed windows of business dates). */
  classLeadPeriodDays: number;
  /** CLASS_LEAD_BY_DEBTOR: a basic court's class whose debtors live in several counties of its city goes to the city. */
  classLeadByDebtor: boolean;
  /** ESCALATE_AFTER_DAYS: a lead still unclaimed this many days after it reached an office goes one tier up. */
  escalateAfterDays: number;
  /** ESCALATION_CLOCK: `wall` (now); `fixed` (tests: starts at boot, moved by the test through the ESCALATION_CLOCK provider). */
  escalationClock: EscalationClockMode;
  /** ESCALATION_POLL_MS: how often the escalation loop looks for unclaimed leads. */
  escalationPollMs: number;
  /** FOLLOWUP_ACT_WITHIN_DAYS: days after an "adopted" reply by which the recommended act must show in the case. */
  followupActWithinDays: number;
  /**
   * LEAD_SETTLE_MINUTES: wall time a new lead waits in the outbox before it is queued to its office,
   * so that late facts can cure it (withdrawn unseen) first; 0 queues at once.
   */
  leadSettleMinutes: number;
}

export const REFERRAL_DEFAULTS: ReferralSettings = {
  majorAmountYuan: 10_000_000,
  majorLaborApplicants: 10,
  provinceTriage: false,
  classLeadMinCases: 5,
  classLeadPeriodDays: 365,
  classLeadByDebtor: true,
  escalateAfterDays: 7,
  escalationClock: 'wall',
  escalationPollMs: 60_000,
  followupActWithinDays: 30,
  leadSettleMinutes: 0,
};

export function readReferralSettings(read: EnvReader): ReferralSettings {
  const int = read.int.bind(read);
  const bool = read.bool.bind(read);
  const escalationClock = read.oneOf(
    'ESCALATION_CLOCK',
    ['wall', 'fixed'] as const,
    REFERRAL_DEFAULTS.escalationClock,
  );
  const d = REFERRAL_DEFAULTS;
  return {
    majorAmountYuan: int('MAJOR_AMOUNT_YUAN', d.majorAmountYuan, 1, 1_000_000_000_000),
    majorLaborApplicants: int('MAJOR_LABOR_APPLICANTS', d.majorLaborApplicants, 1, 100_000),
    provinceTriage: bool('PROVINCE_TRIAGE', d.provinceTriage),
    classLeadMinCases: int('CLASS_LEAD_MIN_CASES', d.classLeadMinCases, 2, 10_000),
    classLeadPeriodDays: int('CLASS_LEAD_PERIOD_DAYS', d.classLeadPeriodDays, 1, 3660),
    classLeadByDebtor: bool('CLASS_LEAD_BY_DEBTOR', d.classLeadByDebtor),
    escalateAfterDays: int('ESCALATE_AFTER_DAYS', d.escalateAfterDays, 1, 365),
    escalationClock,
    escalationPollMs: int('ESCALATION_POLL_MS', d.escalationPollMs, 10, 3_600_000),
    followupActWithinDays: int('FOLLOWUP_ACT_WITHIN_DAYS', d.followupActWithinDays, 1, 365),
    leadSettleMinutes: int('LEAD_SETTLE_MINUTES', d.leadSettleMinutes, 0, 30 * 24 * 60),
  };
}
