/**
 * Types of envelopes after validation and normalization (libs/ingest): identifiers canonical,
 * money in integer fen (same field name), dates as canonical YYYY-MM-DD (CST), case numbers canonical.
 * The wire forms are the JSON Schemas in schemas/; these describe what the hub stores and reads.
 */
export interface Envelope<P = Record<string, unknown>> {
  schema: string;
  eventId: string;
  source: string;
  occurredAt: string;
  payload: P;
}

export interface Party {
  kind: 'person' | 'org';
  name: string;
  idNo?: string;
  uscc?: string;
}

export interface AssetRef {
  kind: 'realestate' | 'bank_account' | 'vehicle' | 'equity' | 'other';
  id: string;
}

/** Money after normalization: integer fen. */
export type Fen = number;
/** Date after normalization: YYYY-MM-DD, China Standard Time. */
export type IsoDate = string;

export type CaseOrigin = 'judgment' | 'mediation' | 'arbitration' | 'notarization' | 'administrative';
export type CaseCategory = 'labor_pay' | 'sme_debt' | 'loan' | 'contract' | 'tort' | 'other';
export type CloseMethod =
  'fully_performed' | 'terminated_this_round' | 'terminated' | 'not_enforced' | 'withdrawn' | 'rejected';

export interface CaseFiled {
  type: 'case.filed';
  caseNo: string;
  filedOn: IsoDate;
  claimAmount: Fen;
  origin: CaseOrigin;
  category: CaseCategory;
  applicants: Party[];
  respondents: Party[];
}

export interface CaseClosed {
  type: 'case.closed';
  caseNo: string;
  closedOn: IsoDate;
  method: CloseMethod;
  recoveredAmount: Fen;
  applicantNotifiedOn?: IsoDate;
}

export interface CaseRestored {
  type: 'case.restored';
  caseNo: string;
  previousCaseNo: string;
  restoredOn: IsoDate;
}

export interface AssetControlled {
  type: 'asset.controlled';
  caseNo: string;
  controlId: string;
  measure: 'seal' | 'seize' | 'freeze';
  assetRef: AssetRef;
  owner: Party;
  value: Fen;
  controlledOn: IsoDate;
  expiresOn: IsoDate;
}

export interface AssetRenewed {
  type: 'asset.renewed';
  caseNo: string;
  controlId: string;
  renewedOn: IsoDate;
  expiresOn: IsoDate;
}

export interface AssetReleased {
  type: 'asset.released';
  caseNo: string;
  controlId: string;
  releasedOn: IsoDate;
  reason: string;
}

export type NoticeKind =
  | 'execution_notice'
  | 'property_report_order'
  | 'consumption_restriction'
  | 'dishonest_list'
  | 'applicant_interview';
export type RestrictionKind = 'consumption_restriction' | 'dishonest_list';
export type InquiryChannel = 'network_national' | 'network_local' | 'onsite';
export type InquiryScope = 'deposit' | 'realestate' | 'vehicle' | 'securities' | 'equity';

export interface NoticeServed {
  type: 'notice.served';
  caseNo: string;
  notice: NoticeKind;
  servedOn: IsoDate;
}

export interface RestrictionLifted {
  type: 'restriction.lifted';
  caseNo: string;
  restriction: RestrictionKind;
  liftedOn: IsoDate;
}

export interface InquiryPerformed {
  type: 'inquiry.performed';
  caseNo: string;
  channel: InquiryChannel;
  scopes: InquiryScope[];
  performedOn: IsoDate;
  found: boolean;
}

export interface ClueReceived {
  type: 'clue.received';
  caseNo: string;
  clueId: string;
  receivedOn: IsoDate;
  assetRef?: AssetRef;
  description: string;
}

export interface ClueVerified {
  type: 'clue.verified';
  caseNo: string;
  clueId: string;
  verifiedOn: IsoDate;
  outcome: 'property_found' | 'not_found';
}

export interface AssetValued {
  type: 'asset.valued';
  caseNo: string;
  assetRef: AssetRef;
  valuation: Fen;
  valuedOn: IsoDate;
}

export interface AuctionHeld {
  type: 'auction.held';
  caseNo: string;
  assetRef: AssetRef;
  /** 1 and 2: auction rounds; 3: sale (变卖). */
  round: 1 | 2 | 3;
  startPrice: Fen;
  valuation: Fen;
  heldOn: IsoDate;
  result: 'sold' | 'unsold' | 'withdrawn';
  dealPrice?: Fen;
}

export interface AssetOffset {
  type: 'asset.offset';
  caseNo: string;
  assetRef: AssetRef;
  offsetValue: Fen;
  to: Party;
  offsetOn: IsoDate;
}

export interface FundsReceived {
  type: 'funds.received';
  caseNo: string;
  receiptId: string;
  amount: Fen;
  receivedOn: IsoDate;
}

export interface FundsDisbursed {
  type: 'funds.disbursed';
  caseNo: string;
  receiptId: string;
  amount: Fen;
  payee: Party;
  disbursedOn: IsoDate;
}

export interface ObjectionFiled {
  type: 'objection.filed';
  caseNo: string;
  objectionId: string;
  filedOn: IsoDate;
  by: Party;
}

export interface ObjectionDecided {
  type: 'objection.decided';
  caseNo: string;
  objectionId: string;
  decidedOn: IsoDate;
  outcome: 'upheld' | 'dismissed';
}

export interface ExtensionApproved {
  type: 'extension.approved';
  caseNo: string;
  approvedOn: IsoDate;
  newDeadline: IsoDate;
}

/** Case events the projection does not model yet: kept in the raw log. */
export type OtherCaseEvent =
  | NoticeServed
  | RestrictionLifted
  | InquiryPerformed
  | ClueReceived
  | ClueVerified
  | AssetValued
  | AuctionHeld
  | AssetOffset
  | FundsReceived
  | FundsDisbursed
  | ObjectionFiled
  | ObjectionDecided
  | ExtensionApproved;

export type CaseEvent =
  CaseFiled | CaseClosed | CaseRestored | AssetControlled | AssetRenewed | AssetReleased | OtherCaseEvent;

export type RealEstateEventKind =
  'first_registration' | 'transfer' | 'mortgage' | 'mortgage_release' | 'seal' | 'seal_release';

export interface RealEstateEvent {
  unitNo: string;
  location: { adminCode: string; address: string };
  event: RealEstateEventKind;
  owners: { party: Party; share: number }[];
  registeredOn: IsoDate;
  price?: Fen;
  mortgagee?: Party;
  securedAmount?: Fen;
}

/** registry.tax/1: what a taxpayer paid for a month or a quarter. */
export interface TaxRecord {
  taxpayer: Party;
  /** `2025-03` (month) or `2025-Q1` (quarter). */
  period: string;
  taxPaid: Fen;
  income?: Fen;
  /** Administrative division code of the tax authority. */
  authority: string;
}

export interface BankAccountSnapshot {
  type: 'account.snapshot';
  holder: Party;
  bankCode: string;
  accountNo: string;
  openedOn: IsoDate;
  balance: Fen;
  asOf: IsoDate;
}

export interface BankTransfer {
  type: 'transfer';
  from: Party;
  fromAccount: string;
  to: Party;
  toAccount: string;
  amount: Fen;
  on: IsoDate;
}

/** registry.bank/1 */
export type BankEvent = BankAccountSnapshot | BankTransfer;

export type VehicleEventKind = 'registration' | 'transfer' | 'deregistration';

/** registry.vehicle/1 */
export interface VehicleEvent {
  vin: string;
  plate: string;
  /** The owner after the event. */
  owner: Party;
  event: VehicleEventKind;
  on: IsoDate;
  value?: Fen;
}

export type EquityEventKind = 'acquire' | 'transfer';

/** registry.enterprise/1: a shareholder acquiring or transferring equity of a company. */
export interface EnterpriseEvent {
  company: Party;
  shareholder: Party;
  event: EquityEventKind;
  /** Percent, 0–100. */
  sharePct: number;
  subscribedCapital: Fen;
  on: IsoDate;
  /** The company's legal person (法定代表人) as of `on`; optional (added compatibly to v1). */
  legalPerson?: Party;
}

export type PetitionKind = 'application' | 'report';
export type PetitionChannel = 'counter' | 'hotline' | 'online';

/** procuratorate.petition/1 */
export interface Petition {
  kind: PetitionKind;
  caseNo?: string;
  subject?: Party;
  receivedOn: IsoDate;
  channel: PetitionChannel;
  summary: string;
}

/** The normalized payload type of each feed schema ("<name>/<major>"). */
export interface FeedPayloads {
  'court.case-event/1': CaseEvent;
  'registry.tax/1': TaxRecord;
  'registry.bank/1': BankEvent;
  'registry.realestate/1': RealEstateEvent;
  'registry.vehicle/1': VehicleEvent;
  'registry.enterprise/1': EnterpriseEvent;
  'procuratorate.petition/1': Petition;
}
export type FeedSchemaId = keyof FeedPayloads;
