/** The API's answers, as the console reads them. */

export interface Office {
  unitCode: string;
  tier: 'county' | 'city' | 'province';
  name: string;
  courts: string[];
}

export interface Me {
  id: string;
  name: string;
  role: string;
  roleName: string;
  unitCode: string;
  unitName: string;
  tier: string;
  permissions: string[];
  offices: Office[];
  models: { id: string; title: string }[];
  statuses: { id: string; name: string }[];
}

export interface Deadline {
  kind: 'claim' | 'court_reply' | 'rectification';
  label: string;
  due: string;
  overdue: boolean;
  daysOverdue: number;
}

export interface LeadSummary {
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
  claimAmount: string | null;
  livelihood: boolean;
  laborApplicants: number;
  claimedBy: { id: string; name: string } | null;
  escalationLevel: number;
  factsChanged?: boolean;
  version: number;
  asOf: string;
  createdAt: string;
  deadline: Deadline | null;
  availableActions: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface EvidenceItem {
  kind: 'event' | 'registry_fact' | 'petition' | 'record';
  source: string;
  eventId: string;
  on: string;
  summary: string;
  context?: boolean;
}

export interface Party {
  role: string;
  kind: 'person' | 'org';
  name: string;
  idNo?: string;
  uscc?: string;
}

export interface Lead {
  id: string;
  modelId: string;
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
  evidence: { items: EvidenceItem[]; parties: Party[]; facts: Record<string, unknown> };
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
  recoveredAmount: string | null;
  closedAt: string | null;
  escalationLevel: number;
  withdrawn: { at: string; by: 'system' | 'staff'; reason: string | null } | null;
  factsChanged: {
    at: string;
    asOf: string;
    statement: string;
    items: EvidenceItem[];
    open: boolean;
    keptAt: string | null;
  } | null;
  version: number;
  availableActions: string[];
  asOf: string;
  createdAt: string;
}

export interface LeadContext {
  lead: LeadSummary;
  classLead: LeadSummary | null;
  members: LeadSummary[];
  sourceLead: LeadSummary | null;
  followups: LeadSummary[];
}

export interface History {
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

export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface RatesRow {
  key: string;
  leads: number;
  conversion: Rate;
  adoption: Rate;
  rectification: Rate;
  recovery: Rate;
}

export interface Rates {
  groupBy: 'model' | 'unit' | 'month';
  groups: RatesRow[];
  total: RatesRow;
}

export interface Overdue {
  today: string;
  overdue: LeadSummary[];
  pending: number;
  followups: { total: number; items: LeadSummary[] };
}

export interface QuarantineSummary {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  violations: { pointer: string; message: string; check?: string }[];
  status: 'open' | 'corrected' | 'replayed' | 'discarded';
  receivedAt: string;
  rawBytes: number;
  corrected: boolean;
  replayOutcome: string | null;
}

export interface ShownBytes {
  encoding: 'utf8' | 'base64';
  text: string;
}

export interface QuarantineDetail extends QuarantineSummary {
  headers: Record<string, string>;
  raw: ShownBytes;
  correction: ShownBytes | null;
  correctedBy: string | null;
  replayedBy: string | null;
  discardedBy: string | null;
  discardReason: string | null;
}

/** A Kafka partition as GET /v1/status reports the ingest consumer on it. */
export interface ConsumerPartition {
  topic: string;
  partition: number;
  committedOffset: string;
  endOffset: string;
  lag: number;
  oldestUnprocessedAgeSeconds: number;
  idleSeconds: number;
  stalled: boolean;
  retryingSince: string | null;
  lastError: string | null;
  checkedAt: string;
}

/** The part of GET /v1/status the operators' view shows. */
export interface FeedStatus {
  health: 'ok' | 'degraded';
  stallAfterMs: number;
  rejected: Record<string, number>;
  partitions: ConsumerPartition[];
}
