/** Queue and job names of the office intake queues, in one place. */

/** The intake queue of an office: `intake-330803`. */
export function queueNameOf(unitCode: string): string {
  return `intake-${unitCode}`;
}

/** The provincial task force (专班) for major leads: `intake-330000-taskforce`. */
export function taskforceQueueOf(provinceUnit: string): string {
  return `intake-${provinceUnit}-taskforce`;
}

/** The provincial triage desk (分流) when PROVINCE_TRIAGE is on: `intake-330000-triage`. */
export function triageQueueOf(provinceUnit: string): string {
  return `intake-${provinceUnit}-triage`;
}

/**
 * The queue holding a lead's `lead` job: its provincial desk's while it is at the province
 * with a desk (task force, triage), else its office's. A lead distributed away from a desk is
 * in its new office's queue whatever `desk` still says.
 */
export function leadQueueOf(lead: { unitCode: string; desk: 'taskforce' | 'triage' | null }): string {
  if (lead.desk && lead.unitCode.endsWith('0000')) {
    return lead.desk === 'taskforce' ? taskforceQueueOf(lead.unitCode) : triageQueueOf(lead.unitCode);
  }
  return queueNameOf(lead.unitCode);
}

/**
 * Job names: `lead` asks the office to handle the lead (first referral, escalation);
 * `inform` tells an office of a lead handled elsewhere (a major lead's county office).
 * The job id is the lead id in every queue.
 */
export const JOB_NAMES = { lead: 'lead', inform: 'inform' } as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** Outbox entries of this name remove the lead's job from the queue instead of adding one. */
export const WITHDRAW_JOB = 'withdraw';
