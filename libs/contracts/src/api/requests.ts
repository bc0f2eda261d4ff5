/**
 * What a client sends: the bodies of the actions on leads and quarantined messages, and the query
 * parameters of the lists. The intake reads exactly these names (its parsers are typed by them);
 * the values are checked there, and every problem is answered per field, in Chinese.
 */

/** The version of the lead the caller saw: the action applies only to that version (409 if stale). */
interface Versioned {
  version?: number;
}

/** POST /v1/leads/:id/claim, accept, close, suggestion-extension, keep: an optional note. */
export interface ActionRequest extends Versioned {
  reason?: string;
}

/** POST /v1/leads/:id/reject: 不予受理, with the reason. */
export interface RejectRequest extends Versioned {
  reason: string;
}

/** POST /v1/leads/:id/withdraw: 撤回（事实更正）, with the reason. */
export interface WithdrawRequest extends Versioned {
  reason: string;
}

/** POST /v1/leads/:id/suggestion: the 检察建议 issued. */
export interface SuggestionRequest extends Versioned {
  /** 检察建议文号 */
  number: string;
  /** Served on, YYYY-MM-DD, not after today (China time). */
  servedOn: string;
}

/** POST /v1/leads/:id/court-reply. */
export interface CourtReplyRequest extends Versioned {
  reply: 'adopted' | 'not_adopted';
  /** YYYY-MM-DD, not after today (China time). */
  repliedOn: string;
}

/** POST /v1/leads/:id/rectification. */
export interface RectificationRequest extends Versioned {
  /** In yuan, at most two decimals: "1234.50". */
  recoveredAmount: string;
  reason?: string;
  /** Required when more than the case's claim is recovered. */
  overClaimReason?: string;
}

/** POST /v1/leads/:id/reassign (leads.triage). */
export interface ReassignRequest extends Versioned {
  /** An office within the caller's scope, e.g. 330802. */
  toUnit: string;
  reason: string;
}

/** POST /v1/quarantine/:id/discard. */
export interface DiscardRequest {
  reason: string;
}

/** A query parameter: text on the wire (numbers are sent as their digits). */
type Param = string | number;

/** GET /v1/inbox. */
export interface PageParams {
  /** 1–1000, default 100 */
  limit?: Param;
  offset?: Param;
}

/** GET /v1/leads. */
export interface LeadListParams extends PageParams {
  caseNo?: string;
  /** Office code, e.g. 330803. */
  unitCode?: string;
  modelId?: string;
  /** Comma-separated lead statuses. */
  status?: string;
  /** Comma-separated: high, medium, low. */
  severity?: string;
  /** Court code of the case, e.g. 浙0803. */
  court?: string;
  /** Raised (business time) on or after: YYYY-MM-DD or RFC 3339. */
  from?: string;
  /** Raised on or before (a day: inclusive). */
  to?: string;
  /** newest (default), oldest, priority */
  sort?: string;
}

/** GET /v1/worklist: the list's filters and a few more; limit 1–200, default 20. */
export interface WorklistParams extends LeadListParams {
  /** Comma-separated: individual, class, followup. */
  kind?: string;
  /** The individual leads of this class lead. */
  classLeadId?: string;
  /** 'true': 民生案件 only. */
  livelihood?: string;
  /** priority (default), newest, oldest, claim */
  sort?: string;
}

/** GET /v1/rates. */
export interface RatesParams {
  /** model (default), unit, month */
  groupBy?: string;
  /** Leads raised on or after: YYYY-MM-DD. */
  from?: string;
  /** Leads raised on or before: YYYY-MM-DD. */
  to?: string;
}

/** GET /v1/models/results. */
export interface ModelResultsParams {
  modelId?: string;
  /** Leads raised on or after: YYYY-MM-DD. */
  from?: string;
  /** Leads raised on or before: YYYY-MM-DD. */
  to?: string;
}

/** GET /v1/quarantine (the read's own reason goes in the X-Read-Reason header here). */
export interface QuarantineListParams extends PageParams {
  /** Feed (court.case-events) or physical topic. */
  topic?: string;
  /** The rejection reason: malformed_json, schema_violation, … */
  reason?: string;
  /** open, corrected, replayed, discarded */
  status?: string;
  /** Received on or after: YYYY-MM-DD (China time) or RFC 3339. */
  from?: string;
  /** Received up to: YYYY-MM-DD (the day included) or before an RFC 3339 instant. */
  to?: string;
}
