import type { ApiAction } from './leads';
import type { Page } from './page';

/** What a lead is waiting for, in the console's badges and the leaders' overdue list. */
export type DeadlineKind = 'claim' | 'court_reply' | 'rectification';

export interface LeadDeadline {
  kind: DeadlineKind;
  /** 认领期限, 法院回复期限, 整改落实期限 */
  label: string;
  /** The last day (China time), YYYY-MM-DD. */
  due: string;
  overdue: boolean;
  /** Days past `due` (0 when not overdue). */
  daysOverdue: number;
}

/** A lead in a list: no evidence, hence no personal data. */
export interface LeadSummaryView {
  id: string;
  modelId: string;
  caseNo: string | null;
  court: string | null;
  unitCode: string;
  tier: string;
  desk: 'taskforce' | 'triage' | null;
  localUnit: string | null;
  severity: string;
  priority: number;
  title: string;
  status: string;
  statusName: string;
  kind: string;
  classLeadId: string | null;
  sourceLeadId: string | null;
  claimFen: number | null;
  /** The claim in yuan, "1234.50". */
  claimAmount: string | null;
  livelihood: boolean;
  laborApplicants: number;
  claimedBy: { id: string; name: string } | null;
  escalationLevel: number;
  /** 事实已变更: later facts no longer show the violation; its handler decides. */
  factsChanged: boolean;
  version: number;
  asOf: string;
  createdAt: string;
  /** What the lead waits on and by when (China time), overdue or not. */
  deadline: LeadDeadline | null;
  availableActions: ApiAction[];
}

/** GET /v1/worklist. */
export type WorklistPage = Page<LeadSummaryView>;

/** A procuratorate office and the courts whose cases it supervises. */
export interface OfficeView {
  /** The office's admin division code, e.g. 330803 (county), 330800 (city), 330000 (province). */
  unitCode: string;
  tier: 'county' | 'city' | 'province';
  name: string;
  courts: string[];
}

/** GET /v1/me: the caller. */
export interface MeView {
  id: string;
  name: string;
  kind: 'person' | 'system';
  role: string;
  roleName: string;
  unitCode: string;
  unitName: string;
  tier: string;
  permissions: string[];
  /** Offices whose leads this principal sees (and, with leads.triage, may reassign to). */
  offices: OfficeView[];
  models: { id: string; title: string }[];
  statuses: { id: string; name: string }[];
}

/** GET /v1/leads/:id/context. */
export interface LeadContextView {
  lead: LeadSummaryView;
  /** The class lead this lead counts toward, when in the caller's scope. */
  classLead: LeadSummaryView | null;
  /** A class lead's individual leads in the caller's scope. */
  members: LeadSummaryView[];
  /** The lead whose 检察建议 a follow-up lead is about. */
  sourceLead: LeadSummaryView | null;
  /** Follow-up leads raised on this lead's 检察建议. */
  followups: LeadSummaryView[];
}

/** GET /v1/followups/overdue. */
export interface OverdueView {
  today: string;
  /** Leads in scope past their court-reply or rectification deadline, most overdue first. */
  overdue: LeadSummaryView[];
  /** Those still within it. */
  pending: number;
  /** Follow-up leads (检察建议回复超期、整改未落实) not yet handled. */
  followups: { total: number; items: LeadSummaryView[] };
}
