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

/** Case events the projection does not model yet: kept in the raw log, typed loosely. */
export interface OtherCaseEvent {
  type:
    | 'notice.served'
    | 'restriction.lifted'
    | 'inquiry.performed'
    | 'clue.received'
    | 'clue.verified'
    | 'asset.valued'
    | 'auction.held'
    | 'asset.offset'
    | 'funds.received'
    | 'funds.disbursed'
    | 'objection.filed'
    | 'objection.decided'
    | 'extension.approved';
  caseNo: string;
  [field: string]: unknown;
}

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
