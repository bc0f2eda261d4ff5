import { parentUnit, tierOfUnit } from '@zhijian/access';
import type { ReferralSettings } from '@zhijian/config';
import type { Tier } from '@zhijian/domain';
import { JOB_NAMES, queueNameOf, taskforceQueueOf, triageQueueOf, type JobName } from '@zhijian/contracts';

/**
 * Referral policy (supervision-models.md, "Routing"): pure functions from what a lead is
 * about to where it goes. The tiers of work: the province collects, triages and
 * distributes; the city coordinates (a class spanning several counties of one city goes
 * to the city); the county investigates. Major leads go to the provincial task force with
 * the local office informed.
 */

/** 个案 (one case), 类案 (a pattern across cases of one court), 跟进监督 (follow-up of a 检察建议). */
export type LeadKind = 'individual' | 'class' | 'followup';
/** A provincial desk a lead may sit at instead of an ordinary office queue. */
export type Desk = 'taskforce' | 'triage';
export type MajorGround = 'amount' | 'labor_applicants' | 'duty_crime';

/** Why the local office is the local office. */
export type LocalReason =
  | 'same_level'
  | 'special_court'
  | 'unknown_court'
  | 'class_court'
  | 'class_city'
  | 'followup_parent'
  | 'petition_receiver';
export type RoutingReason = LocalReason | Desk;

/** The office that handles a lead by place and level, before the task force and triage rules. */
export interface LocalOffice {
  unitCode: string;
  reason: LocalReason;
}

export interface ReferralPolicy {
  majorAmountFen: number;
  majorLaborApplicants: number;
  provinceTriage: boolean;
}

export function referralPolicyOf(s: ReferralSettings): ReferralPolicy {
  return {
    majorAmountFen: s.majorAmountYuan * 100,
    majorLaborApplicants: s.majorLaborApplicants,
    provinceTriage: s.provinceTriage,
  };
}

export interface RoutingInput {
  kind: LeadKind;
  local: LocalOffice;
  /** Claim of the case (a class: of its cases together), in fen; null when unknown. */
  claimFen: number | null;
  /** Applicants of labour-pay cases (a class: of its cases together). */
  laborApplicants: number;
  /** The model is flagged "duty crime suspected" (职务犯罪线索). */
  dutyCrimeSuspected: boolean;
}

export interface JobPlan {
  queue: string;
  name: JobName;
  /** The office whose queue it is. */
  unitCode: string;
}

export interface AssignmentPlan {
  kind: 'inform';
  fromUnit: string;
  toUnit: string;
  reason: string;
}

export interface Routing {
  unitCode: string;
  tier: Tier;
  desk: Desk | null;
  /** The local office, kept with the lead: informed of a major lead, proposed to the triage desk. */
  localUnit: string;
  reason: RoutingReason;
  majorGrounds: MajorGround[];
  /** The lead's own job first, then the informs. */
  jobs: JobPlan[];
  assignments: AssignmentPlan[];
}

export function provinceOf(unitCode: string): string {
  return `${unitCode.slice(0, 2)}0000`;
}

const GROUND_NAMES: Record<MajorGround, (p: ReferralPolicy) => string> = {
  amount: (p) => `执行标的额${p.majorAmountFen / 100}元以上`,
  labor_applicants: (p) => `劳动报酬案件申请人${p.majorLaborApplicants}人以上`,
  duty_crime: () => `涉嫌职务犯罪`,
};

/**
 * Why a lead is major, if it is. A follow-up is never major by itself: it follows a lead
 * that was already routed by these rules.
 */
export function majorGroundsOf(input: RoutingInput, policy: ReferralPolicy): MajorGround[] {
  if (input.kind === 'followup') return [];
  const grounds: MajorGround[] = [];
  if (input.claimFen !== null && input.claimFen >= policy.majorAmountFen) grounds.push('amount');
  if (input.laborApplicants >= policy.majorLaborApplicants) grounds.push('labor_applicants');
  if (input.dutyCrimeSuspected) grounds.push('duty_crime');
  return grounds;
}

/**
 * Where a new lead goes. Major → the provincial task force, the local office informed
 * (unless it is the province itself). Otherwise, with PROVINCE_TRIAGE, the provincial
 * triage desk (the local office is kept as the proposal; staff distribute with the
 * reassign endpoint); else the local office's own queue. Major leads skip triage: the
 * province already holds them.
 */
export function routeLead(input: RoutingInput, policy: ReferralPolicy): Routing {
  const local = input.local.unitCode;
  const province = provinceOf(local);
  const majorGrounds = majorGroundsOf(input, policy);
  if (majorGrounds.length) {
    const informs: JobPlan[] =
      local === province ? [] : [{ queue: queueNameOf(local), name: JOB_NAMES.inform, unitCode: local }];
    const why = majorGrounds.map((g) => GROUND_NAMES[g](policy)).join('、');
    return {
      unitCode: province,
      tier: 'province',
      desk: 'taskforce',
      localUnit: local,
      reason: 'taskforce',
      majorGrounds,
      jobs: [{ queue: taskforceQueueOf(province), name: JOB_NAMES.lead, unitCode: province }, ...informs],
      assignments: informs.map((j) => ({
        kind: 'inform',
        fromUnit: province,
        toUnit: j.unitCode,
        reason: `重大线索（${why}）由省院专班办理，告知属地检察院`,
      })),
    };
  }
  if (policy.provinceTriage) {
    return {
      unitCode: province,
      tier: 'province',
      desk: 'triage',
      localUnit: local,
      reason: 'triage',
      majorGrounds,
      jobs: [{ queue: triageQueueOf(province), name: JOB_NAMES.lead, unitCode: province }],
      assignments: [],
    };
  }
  return {
    unitCode: local,
    tier: tierOfUnit(local),
    desk: null,
    localUnit: local,
    reason: input.local.reason,
    majorGrounds,
    jobs: [{ queue: queueNameOf(local), name: JOB_NAMES.lead, unitCode: local }],
    assignments: [],
  };
}

/**
 * The local office of a class lead: the court's own office; for a basic court whose
 * class has debtors living in several counties of the court's city (`byDebtor`), the
 * city, which coordinates across its counties. `debtorCounties` are county office codes
 * (from the debtors' ID numbers or credit codes), already checked against the divisions.
 */
export function classLocalOffice(
  courtOffice: string,
  debtorCounties: readonly string[],
  byDebtor: boolean,
): LocalOffice {
  if (!byDebtor || tierOfUnit(courtOffice) !== 'county')
    return { unitCode: courtOffice, reason: 'class_court' };
  const city = parentUnit(courtOffice);
  const counties = new Set([courtOffice]);
  for (const c of debtorCounties) {
    if (/^\d{6}$/.test(c) && tierOfUnit(c) === 'county' && parentUnit(c) === city) counties.add(c);
  }
  return counties.size >= 2
    ? { unitCode: city, reason: 'class_city' }
    : { unitCode: courtOffice, reason: 'class_court' };
}

/** A follow-up of an unanswered or unrealized 检察建议 goes to the office one level up. */
export function followupLocalOffice(originalUnit: string): LocalOffice {
  return { unitCode: parentUnit(originalUnit), reason: 'followup_parent' };
}
