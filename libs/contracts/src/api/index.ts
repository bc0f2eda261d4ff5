/**
 * The HTTP API's request and response types: what a client sends and the intake reads, what the
 * intake answers and the console (and any client) reads. Pure types, no code: the console imports
 * them with `import type` (console/tsconfig.json maps @zhijian/contracts/api here), so nothing of
 * this folder reaches the browser.
 */
export type {
  ApiAction,
  EvidenceItemView,
  JobMove,
  LeadEvidenceView,
  LeadHistoryView,
  LeadListPage,
  LeadListView,
  LeadReassignedView,
  LeadView,
  PartyView,
} from './leads';
export type { Page, UncountedPage } from './page';
export type {
  CorrectionResultView,
  CorrectionValidationView,
  QuarantineDetailView,
  QuarantinePage,
  QuarantineStatusName,
  QuarantineSummaryView,
  ReplayOutcomeName,
  ReplayResultView,
  ShownBytesView,
  ViolationView,
} from './quarantine';
export type { Rate, RatesGroupBy, RatesRow, RatesView } from './rates';
export type {
  ActionRequest,
  CourtReplyRequest,
  DiscardRequest,
  LeadListParams,
  ModelResultsParams,
  PageParams,
  QuarantineListParams,
  RatesParams,
  ReassignRequest,
  RectificationRequest,
  RejectRequest,
  SuggestionRequest,
  WithdrawRequest,
  WorklistParams,
} from './requests';
export type { SessionView } from './session';
export type {
  ConsumerPartitionView,
  HealthView,
  SourceClockView,
  StalledPartitionView,
  StatusView,
} from './status';
export type {
  DeadlineKind,
  LeadContextView,
  LeadDeadline,
  LeadSummaryView,
  MeView,
  OfficeView,
  OverdueView,
  WorklistPage,
} from './workbench';
export type * from './sources';
export type * from './casework';
export type * from './models';
