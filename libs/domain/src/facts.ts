import type { LeadEvidence } from './evidence';

/** The facts supervision models read, as screening loads them. Pure types. */

export interface EventRef {
  source: string;
  eventId: string;
}

export interface CaseRow {
  caseNo: string;
  courtCode: string;
  courtLevel: string;
  filedOn: string | null;
  claimFen: number | null;
  origin: string | null;
  category: string | null;
  closedOn: string | null;
  closeMethod: string | null;
  filedEvent: EventRef | null;
  closedEvent: EventRef | null;
}

export interface PartyFact {
  caseNo: string;
  role: 'applicant' | 'respondent';
  subjectId: string;
  kind: 'person' | 'org';
  name: string;
  idNo: string | null;
  uscc: string | null;
}

export interface HoldingFact {
  unitNo: string;
  subjectId: string;
  share: number;
  heldFrom: string;
  heldTo: string | null;
  fromEvent: EventRef;
  toEvent: EventRef | null;
}

export interface RestorationFact {
  caseNo: string;
  previousCaseNo: string;
  restoredOn: string;
  event: EventRef | null;
}

/** One court event of a case timeline: its type, business date, normalized payload (money in fen) and origin. */
export interface CaseEventFact {
  rawEventId: string;
  caseNo: string;
  type: string;
  /** Business date of the event (filedOn, servedOn, …), YYYY-MM-DD. */
  on: string;
  payload: Record<string, unknown>;
  ref: EventRef;
  /** Subject of the party the event names (payee, offset taker, objector, owner), if any. */
  partySubjectId: string | null;
}

export interface VehicleHoldingFact {
  vin: string;
  subjectId: string;
  heldFrom: string;
  heldTo: string | null;
  fromEvent: EventRef;
  toEvent: EventRef | null;
}

/** A stake in a company; heldFrom null: held since before the first event the registry sent. */
export interface EquityHoldingFact {
  companySubjectId: string;
  companyUscc: string | null;
  shareholderSubjectId: string;
  sharePct: number;
  heldFrom: string | null;
  heldTo: string | null;
  fromEvent: EventRef | null;
  toEvent: EventRef | null;
}

export interface BankAccountFact {
  bankCode: string;
  accountNo: string;
  subjectId: string;
  balanceFen: number;
  asOf: string;
  event: EventRef;
}

export interface TaxFact {
  subjectId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  taxPaidFen: number;
  incomeFen: number | null;
  event: EventRef;
}

export interface TransferFact {
  fromSubjectId: string;
  toSubjectId: string;
  amountFen: number;
  on: string;
  event: EventRef;
}

export interface MortgageFact {
  unitNo: string;
  mortgageeSubjectId: string | null;
  securedFen: number | null;
  registeredOn: string;
  releasedOn: string | null;
  event: EventRef;
}

export interface RelationFact {
  kind: string;
  fromSubjectId: string;
  toSubjectId: string;
  validFrom: string | null;
  validTo: string | null;
  event: EventRef | null;
}

/** An active link of a subject without identifier to an identified one. */
export interface SubjectLinkFact {
  subjectId: string;
  canonicalSubjectId: string;
}

/**
 * Everything the case models read about a set of cases (the screened cases and the cases that
 * share a party subject with them), loaded in a fixed number of queries.
 */
export interface CaseFactSet {
  cases: CaseRow[];
  parties: PartyFact[];
  holdings: HoldingFact[];
  restorations: RestorationFact[];
  events: CaseEventFact[];
  vehicles: VehicleHoldingFact[];
  equities: EquityHoldingFact[];
  accounts: BankAccountFact[];
  taxes: TaxFact[];
  transfers: TransferFact[];
  mortgages: MortgageFact[];
  relations: RelationFact[];
  links: SubjectLinkFact[];
  /** Cases loaded because they share a party with a screened case (not screened themselves). */
  relatedCaseNos: string[];
}

/** What referral needs of a case: the claim, the category and how many applicants. */
export interface CaseSummary {
  caseNo: string;
  claimFen: number | null;
  category: string | null;
  applicants: number;
}

export interface ClassMember {
  id: string;
  caseNo: string;
  classLeadId: string | null;
  claimFen: number | null;
  livelihood: boolean;
  laborApplicants: number;
  evidence: LeadEvidence;
}

/** A lead's 检察建议 and the court's reply, as the follow-up model reads them. */
export interface SuggestionRecord {
  leadId: string;
  modelId: string;
  kind: string;
  caseNo: string | null;
  unitCode: string;
  status: string;
  title: string;
  suggestionNo: string | null;
  /** YYYY-MM-DD */
  servedOn: string | null;
  extended: boolean;
  courtReply: 'adopted' | 'not_adopted' | null;
  /** YYYY-MM-DD */
  repliedOn: string | null;
  parties: LeadEvidence['parties'];
  claimFen: number | null;
  livelihood: boolean;
  laborApplicants: number;
}

/** A court act in a case (or in the case that restored it), from the projections. */
export interface CourtActivity {
  /** The case the lead is about. */
  caseNo: string;
  kind: 'restored' | 'closed' | 'controlled' | 'renewed' | 'released';
  /** YYYY-MM-DD */
  on: string;
}

/** A petition not yet made a lead or joined to one, with its event and the party it names. */
export interface PendingPetition {
  rawEventId: string;
  kind: 'application' | 'report';
  caseNo: string | null;
  receivedOn: string;
  channel: string;
  summary: string;
  /** Envelope source, `procuratorate:<unit code>` of the receiving office. */
  source: string;
  eventId: string;
  subject: { kind: 'person' | 'org'; name: string; idNo: string | null; uscc: string | null } | null;
}
