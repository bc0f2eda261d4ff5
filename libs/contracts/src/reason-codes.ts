/** Reason codes of spec/feeds.md §6; the wire contract names them, so they never change spelling. */
export const REASON_CODES = [
  'malformed_json',
  'unknown_schema',
  'schema_violation',
  'invalid_identifier',
  'invalid_case_number',
  /** Failed for a reason none of the others names (an exception in decoding or storing it); the error is kept. */
  'unprocessable',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Violation {
  /** JSON pointer into the envelope, e.g. /payload/respondents/0/idNo */
  pointer: string;
  message: string;
  /** For identifiers and case numbers: which check failed (format, check_char, birth_date, …). */
  check?: string;
}

export interface Rejection {
  reason: ReasonCode;
  violations: Violation[];
}
