/** Reason codes of spec/feeds.md §6; the wire contract names them, so they never change spelling. */
export const REASON_CODES = [
  'malformed_json',
  'unknown_schema',
  'schema_violation',
  'invalid_identifier',
  'invalid_case_number',
  'invalid_text',
  'too_large',
  'too_deep',
  'date_out_of_range',
  'future_dated',
  'source_not_authorized',
  /** Failed for a reason none of the others names (an exception in decoding or storing it); the error is kept. */
  'unprocessable',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export function isReasonCode(s: string): s is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(s);
}

/** What each reason means, for staff and producers (upload answers, quarantine rows), beside the code. */
export const REASON_MESSAGES_ZH: Readonly<Record<ReasonCode, string>> = {
  malformed_json: '消息不是合法的 JSON，或不是 UTF-8 编码',
  unknown_schema: '消息的 schema 名称或主版本号未知，或不属于该主题',
  schema_violation: '字段不符合接口规范（见各字段的 JSON 指针）',
  invalid_identifier: '公民身份号码或统一社会信用代码校验未通过',
  invalid_case_number: '案号无法识别',
  invalid_text: '文本含有 NUL 等控制字符或孤立的代理项（lone surrogate）',
  too_large: '消息超过大小上限',
  too_deep: '消息嵌套层数超过上限',
  date_out_of_range: '日期超出可接受范围（1949-10-01 至 2100-12-31）',
  future_dated: '业务时间晚于当前时间，超出允许的时钟偏差',
  source_not_authorized: '来源无权写入该数据（法院只能报送本院案件，登记机关只能报送本类别、本辖区的数据）',
  unprocessable: '消息无法处理（原因不属于以上任何一类，错误已保留）',
};

/** The Chinese message of a reason code; a code this version does not know (e.g. an old row's) is shown as itself. */
export function reasonMessageZh(reason: string): string {
  return isReasonCode(reason) ? REASON_MESSAGES_ZH[reason] : reason;
}

export interface Violation {
  /** JSON pointer into the envelope, e.g. /payload/respondents/0/idNo */
  pointer: string;
  message: string;
  /** For identifiers and case numbers: which check failed (format, check_char, birth_date, …). */
  check?: string;
  /** For schema violations: the JSON Schema keyword that failed (enum, pattern, required, …). */
  rule?: string;
  /** For engineers, beside the Chinese `message`: the validator's own (English) text. */
  detail?: string;
}

export interface Rejection {
  reason: ReasonCode;
  violations: Violation[];
}

// C0 controls, DEL, C1 controls, and UTF-16 surrogates that are not part of a pair.
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A text form of any string that PostgreSQL stores in `text` and `jsonb` (which refuse NUL and
 * lone surrogates) and that shows no raw control character: each control character and lone
 * surrogate is written as the six characters of its `\uXXXX` escape.
 */
export function escapeControlText(s: string): string {
  return s.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Violations whose pointers and messages are storable and printable whatever the message held. */
export function sanitizeViolations<V extends Violation>(violations: readonly V[]): V[] {
  return violations.map((v) => ({
    ...v,
    pointer: escapeControlText(v.pointer),
    message: escapeControlText(v.message),
    ...(v.check !== undefined ? { check: escapeControlText(v.check) } : {}),
    ...(v.detail !== undefined ? { detail: escapeControlText(v.detail) } : {}),
  }));
}
