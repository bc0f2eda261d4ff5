import type { UncountedPage } from './page';

/**
 * What may be done to a lead over the API: the lifecycle's moves (LEAD_ACTIONS in the domain,
 * checked equal by the intake), plus the extension of a 检察建议 and the reassignment.
 */
export type ApiAction =
  | 'claim'
  | 'accept'
  | 'reject'
  | 'issue_suggestion'
  | 'record_reply'
  | 'record_rectification'
  | 'close'
  | 'withdraw'
  | 'keep'
  | 'extend_suggestion'
  | 'reassign';

/** One fact of a lead's evidence, as the API shows it (texts masked unless the role reads unmasked). */
export interface EvidenceItemView {
  kind: 'event' | 'registry_fact' | 'petition' | 'record';
  /** The producer's code: `court:浙0803`, `agency:tax:3302`, `procuratorate:330803`, `lead`. */
  source: string;
  /** The producer by name (浙江省衢州市衢江区人民法院, 国家税务总局宁波市税务局); the code when unknown. */
  sourceName: string;
  eventId: string;
  /** Business date of the fact, YYYY-MM-DD. */
  on: string;
  summary: string;
  /** Shown for context, not a ground of the violation. */
  context?: boolean;
}

/** A person or organisation a lead is about (masked unless the role reads unmasked). */
export interface PartyView {
  role: string;
  kind: 'person' | 'org';
  name: string;
  idNo?: string;
  uscc?: string;
}

export interface LeadEvidenceView {
  items: EvidenceItemView[];
  parties: PartyView[];
  facts: Record<string, unknown>;
}

/** GET /v1/leads/:id, and the answer of every action on a lead. */
export interface LeadView {
  id: string;
  modelId: string;
  modelVersion: number;
  caseNo: string | null;
  unitCode: string;
  tier: string;
  severity: string;
  priority: number;
  status: string;
  statusName: string;
  kind: string;
  classLeadId: string | null;
  title: string;
  statement: string;
  legalBasis: string;
  evidence: LeadEvidenceView;
  livelihood: boolean;
  laborApplicants: number;
  claimFen: number | null;
  claimedBy: { id: string; name: string } | null;
  claimedAt: string | null;
  acceptedAt: string | null;
  rejectedReason: string | null;
  suggestion: { number: string; servedOn: string | null; extended: boolean } | null;
  courtReply: { reply: 'adopted' | 'not_adopted'; repliedOn: string | null } | null;
  recoveredFen: number | null;
  /** The recovered amount in yuan, "1234.50". */
  recoveredAmount: string | null;
  closedAt: string | null;
  escalationLevel: number;
  /** 已撤回（事实更正）: when, by whom (`system`: later facts cured it while new; `staff`), why. */
  withdrawn: { at: string; by: 'system' | 'staff'; reason: string | null } | null;
  /**
   * 事实已变更: later facts no longer show the violation (the facts that arrived since, as evidence
   * items); `open` while its handler has not yet withdrawn it or carried on.
   */
  factsChanged: {
    at: string;
    asOf: string;
    statement: string;
    items: EvidenceItemView[];
    open: boolean;
    keptAt: string | null;
  } | null;
  /** Send it back with an action to act only on the lead as seen. */
  version: number;
  /** Actions this caller may take now. */
  availableActions: ApiAction[];
  asOf: string;
  createdAt: string;
  updatedAt: string;
}

/** What a list answers for a lead: everything but the evidence. */
export type LeadListView = Omit<LeadView, 'evidence'>;

/** GET /v1/leads and GET /v1/inbox. */
export type LeadListPage = UncountedPage<LeadListView>;

/** Where a reassignment put the lead's queued job. */
export type JobMove = 'moved' | 'not_yet_queued' | 'left_in_old_queue';

/** POST /v1/leads/:id/reassign. */
export interface LeadReassignedView extends LeadView {
  reassignment: { fromUnit: string; toUnit: string; job: JobMove };
}

/** GET /v1/leads/:id/history, oldest first. */
export interface LeadHistoryView {
  leadId: string;
  transitions: {
    id: string;
    action: string;
    from: string;
    to: string;
    actor: { id: string | null; name: string };
    at: string;
    reason: string | null;
    data: Record<string, unknown>;
  }[];
  assignments: {
    id: string;
    kind: string;
    fromUnit: string;
    toUnit: string;
    reason: string;
    actorName: string;
    at: string;
  }[];
}
