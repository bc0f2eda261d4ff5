import {
  addDays,
  codePointLabel,
  cstDateOf,
  cstStartOfDay,
  parseDate,
  parseInstant,
  parseMoneyToFen,
  textProblem,
  withoutInvalidText,
  LEAD_STATUSES,
} from '@zhijian/domain';
import type {
  ActionRequest,
  CourtReplyRequest,
  LeadListParams,
  PageParams,
  RatesGroupBy,
  ModelResultsParams,
  RatesParams,
  ReassignRequest,
  RectificationRequest,
  RejectRequest,
  SuggestionRequest,
  WithdrawRequest,
  WorklistParams,
} from '@zhijian/contracts';
import type { LeadQuery, LeadSort } from './repositories/intake.repository';

/**
 * Checks of the intake API's query parameters and request bodies, pure so that they are
 * tested alone. Every problem is named at once, per field, in Chinese for staff.
 */
export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const MAX_REASON = 1000;
const SEVERITIES = ['high', 'medium', 'low'];
const SORTS: LeadSort[] = ['newest', 'oldest', 'priority'];
const GROUPS: RatesGroupBy[] = ['model', 'unit', 'month'];

type Query = Record<string, unknown>;

/** A field of request `T`: the contract names what the parser may read (any name for a plain query). */
type Name<T> = Extract<keyof T, string>;

export class Fields<T extends object = Query> {
  readonly errors: FieldErrors = {};
  constructor(readonly source: Query) {}

  fail(field: string, message: string): undefined {
    this.errors[field] ??= message;
    return undefined;
  }

  /**
   * A trimmed, non-empty string, or undefined when absent. Text PostgreSQL cannot store or staff
   * cannot read is refused as the ingest refuses it (`invalid_text`): control characters (`lines`:
   * but tab and line breaks, in free text) and lone surrogates; and text over `max` characters.
   */
  text(field: Name<T>, label: string, max = 200, lines = false): string | undefined {
    const v = this.source[field];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return this.fail(field, `${label}须为文本`);
    const t = v.trim();
    if (!t) return undefined;
    const problem = textProblem(t, { lines });
    if (problem?.kind === 'control')
      return this.fail(
        field,
        `${label}含有不可见的控制字符（${codePointLabel(problem.codePoint)}，第 ${[...t.slice(0, problem.index)].length + 1} 个字符），请删除后重新提交`,
      );
    if (problem?.kind === 'lone_surrogate')
      return this.fail(field, `${label}含有无效的字符编码（不成对的代理项），请删除后重新提交`);
    if ([...t].length > max) return this.fail(field, `${label}不能超过 ${max} 字`);
    return t;
  }

  required(field: Name<T>, label: string, max = 200, lines = false): string | undefined {
    const t = this.text(field, label, max, lines);
    return t === undefined && !this.errors[field] ? this.fail(field, `请填写${label}`) : t;
  }

  /** A YYYY-MM-DD date; with `today`, not after it (a day in China time). */
  date(field: Name<T>, label: string, required: boolean, today?: string): string | undefined {
    const t = required ? this.required(field, label, 10) : this.text(field, label, 10);
    if (t === undefined) return undefined;
    const d = parseDate(t);
    if (!d.ok) return this.fail(field, `${label}须为 YYYY-MM-DD 格式的有效日期，收到“${t}”`);
    if (today !== undefined && d.value > today)
      return this.fail(field, `${label}不能晚于今天（北京时间 ${today}），收到“${d.value}”`);
    return d.value;
  }

  int(field: Name<T>, label: string, min: number, max: number): number | undefined {
    const v = this.source[field];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < min || n > max)
      return this.fail(field, `${label}须为 ${min}–${max} 之间的整数`);
    return n;
  }

  /** A comma-separated list of allowed values. */
  list(field: Name<T>, label: string, allowed: readonly string[]): string[] | undefined {
    const t = this.text(field, label);
    if (t === undefined) return undefined;
    const values = [...new Set(t.split(',').map((s) => s.trim()))].filter(Boolean);
    const bad = values.filter((s) => !allowed.includes(s));
    if (bad.length) return this.fail(field, `${label}“${bad.join('、')}”无效，可选：${allowed.join('、')}`);
    return values;
  }

  oneOf<V extends string>(field: Name<T>, label: string, allowed: readonly V[], fallback?: V): V | undefined {
    const t = this.text(field, label);
    if (t === undefined) return fallback ?? this.fail(field, `请填写${label}（${allowed.join('、')}）`);
    return (allowed as readonly string[]).includes(t)
      ? (t as V)
      : this.fail(field, `${label}“${t}”无效，可选：${allowed.join('、')}`);
  }

  unitCode(field: Name<T>, label: string, required: boolean): string | undefined {
    const t = required ? this.required(field, label, 6) : this.text(field, label, 6);
    if (t === undefined) return undefined;
    return /^\d{6}$/.test(t) ? t : this.fail(field, `${label}须为六位检察院代码（如 330803），收到“${t}”`);
  }

  /** A day (YYYY-MM-DD, China time; `end` = the end of that day) or an RFC 3339 instant. */
  bound(field: Name<T>, label: string, end: boolean): Date | undefined {
    const t = this.text(field, label, 40);
    if (t === undefined) return undefined;
    const day = parseDate(t);
    if (day.ok) return cstStartOfDay(end ? addDays(day.value, 1) : day.value);
    const instant = parseInstant(t);
    return instant.ok
      ? instant.value
      : this.fail(field, `${label}须为日期 YYYY-MM-DD 或带时区的时间（如 2024-03-01T10:00:00+08:00）`);
  }

  done<T>(value: T): Parsed<T> {
    return Object.keys(this.errors).length ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

function bodyFields<B extends object>(body: unknown): Fields<B> | FieldErrors {
  if (body === undefined || body === null || body === '') return new Fields<B>({});
  if (typeof body !== 'object' || Array.isArray(body)) return { body: '请求体须为 JSON 对象' };
  return new Fields<B>(body as Query);
}

/** Reads a body of request type `B` (the API contract's) into the checked value `T`. */
export function withBody<B extends object, T>(body: unknown, read: (f: Fields<B>) => T): Parsed<T> {
  const f = bodyFields<B>(body);
  if (!(f instanceof Fields)) return { ok: false, errors: f };
  const value = read(f);
  return f.done(value);
}

/** The version the caller saw (optional): the action applies only to that version. */
const version = (f: Fields<{ version?: number }>) => f.int('version', '版本号 version', 1, 2 ** 31 - 1);

export interface ActionBody {
  reason: string | null;
  version?: number;
}

/** claim, accept, close, suggestion-extension: an optional reason. */
export function parseActionBody(body: unknown): Parsed<ActionBody> {
  return withBody(body, (f: Fields<ActionRequest>) => ({
    reason: f.text('reason', '说明 reason', MAX_REASON, true) ?? null,
    version: version(f),
  }));
}

export function parseRejectBody(body: unknown): Parsed<{ reason: string; version?: number }> {
  return withBody(body, (f: Fields<RejectRequest>) => ({
    reason: f.required('reason', '不予受理的理由 reason', MAX_REASON, true)!,
    version: version(f),
  }));
}

/** 撤回（事实更正）: the handler withdraws a lead later facts no longer support, with the reason. */
export function parseWithdrawBody(body: unknown): Parsed<{ reason: string; version?: number }> {
  return withBody(body, (f: Fields<WithdrawRequest>) => ({
    reason: f.required('reason', '撤回理由 reason', MAX_REASON)!,
    version: version(f),
  }));
}
/** Today in China time, the latest day an entry may be dated. */
export const chinaToday = (): string => cstDateOf(new Date());

export function parseSuggestionBody(
  body: unknown,
  today = chinaToday(),
): Parsed<{ number: string; servedOn: string; version?: number }> {
  return withBody(body, (f: Fields<SuggestionRequest>) => ({
    number: f.required('number', '检察建议文号 number', 100)!,
    servedOn: f.date('servedOn', '送达日期 servedOn', true, today)!,
    version: version(f),
  }));
}

export function parseCourtReplyBody(
  body: unknown,
  today = chinaToday(),
): Parsed<{ reply: 'adopted' | 'not_adopted'; repliedOn: string; version?: number }> {
  return withBody(body, (f: Fields<CourtReplyRequest>) => ({
    reply: f.oneOf('reply', '法院回复 reply', ['adopted', 'not_adopted'] as const)!,
    repliedOn: f.date('repliedOn', '回复日期 repliedOn', true, today)!,
    version: version(f),
  }));
}

export function parseRectificationBody(
  body: unknown,
): Parsed<{ recoveredFen: number; reason: string | null; overClaimReason: string | null; version?: number }> {
  return withBody(body, (f: Fields<RectificationRequest>) => {
    const raw = f.source.recoveredAmount;
    let recoveredFen: number | undefined;
    if (raw === undefined || raw === null || raw === '')
      f.fail('recoveredAmount', '请填写追回金额 recoveredAmount（元）');
    else {
      const money = parseMoneyToFen(typeof raw === 'string' ? raw.trim() : raw);
      if (money.ok) recoveredFen = money.value;
      else
        f.fail(
          'recoveredAmount',
          money.error.check === 'range'
            ? '追回金额 recoveredAmount 超出范围'
            : '追回金额 recoveredAmount 须为以元为单位的金额字符串，最多两位小数，如 "1234.50"',
        );
    }
    return {
      recoveredFen: recoveredFen!,
      reason: f.text('reason', '说明 reason', MAX_REASON, true) ?? null,
      overClaimReason:
        f.text('overClaimReason', '超出执行标的的理由 overClaimReason', MAX_REASON, true) ?? null,
      version: version(f),
    };
  });
}

export function parseReassignBody(
  body: unknown,
): Parsed<{ toUnit: string; reason: string; version?: number }> {
  return withBody(body, (f: Fields<ReassignRequest>) => ({
    toUnit: f.unitCode('toUnit', '改派目标 toUnit', true)!,
    reason: f.required('reason', '改派理由 reason', MAX_REASON, true)!,
    version: version(f),
  }));
}

export function parsePage(query: Query): Parsed<{ limit: number; offset: number }> {
  const f = new Fields<PageParams>(query);
  return f.done({
    limit: f.int('limit', '每页条数 limit', 1, 1000) ?? 100,
    offset: f.int('offset', '偏移量 offset', 0, 1_000_000_000) ?? 0,
  });
}

export function parseLeadQuery(query: Query): Parsed<Omit<LeadQuery, 'scopePrefix'>> {
  const f = new Fields<LeadListParams>(query);
  const value = {
    caseNo: f.text('caseNo', '案号 caseNo'),
    unitCode: f.unitCode('unitCode', '检察院代码 unitCode', false),
    modelId: f.text('modelId', '模型 modelId'),
    statuses: f.list('status', '状态 status', LEAD_STATUSES),
    severities: f.list('severity', '严重程度 severity', SEVERITIES),
    court: f.text('court', '法院代码 court', 20),
    from: f.bound('from', '起始日期 from', false),
    to: f.bound('to', '截止日期 to', true),
    sort: f.oneOf('sort', '排序 sort', SORTS, 'newest')!,
    limit: f.int('limit', '每页条数 limit', 1, 1000) ?? 100,
    offset: f.int('offset', '偏移量 offset', 0, 1_000_000_000) ?? 0,
  };
  if (value.from && value.to && value.from >= value.to) f.fail('to', '截止日期 to 须晚于起始日期 from');
  return f.done(value);
}

export type WorklistSort = LeadSort | 'claim';
const WORKLIST_SORTS: WorklistSort[] = ['priority', 'newest', 'oldest', 'claim'];
const KINDS = ['individual', 'class', 'followup'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The console's lead list: the list's filters and a few more, one page and the total. */
export interface WorklistQuery extends Omit<LeadQuery, 'scopePrefix' | 'sort'> {
  sort: WorklistSort;
  livelihood?: boolean;
  kinds?: string[];
  classLeadId?: string;
}

export function parseWorklistQuery(query: Query): Parsed<WorklistQuery> {
  const f = new Fields<WorklistParams>(query);
  const flag = f.oneOf('livelihood', '民生案件 livelihood', ['true', 'false'] as const, 'false');
  const classLeadId = f.text('classLeadId', '类案线索 classLeadId', 36);
  if (classLeadId !== undefined && !UUID.test(classLeadId))
    f.fail('classLeadId', '类案线索 classLeadId 须为 UUID');
  const value: WorklistQuery = {
    caseNo: f.text('caseNo', '案号 caseNo'),
    unitCode: f.unitCode('unitCode', '检察院代码 unitCode', false),
    modelId: f.text('modelId', '模型 modelId'),
    statuses: f.list('status', '状态 status', LEAD_STATUSES),
    severities: f.list('severity', '严重程度 severity', SEVERITIES),
    court: f.text('court', '法院代码 court', 20),
    from: f.bound('from', '起始日期 from', false),
    to: f.bound('to', '截止日期 to', true),
    sort: f.oneOf('sort', '排序 sort', WORKLIST_SORTS, 'priority')!,
    limit: f.int('limit', '每页条数 limit', 1, 200) ?? 20,
    offset: f.int('offset', '偏移量 offset', 0, 1_000_000_000) ?? 0,
    livelihood: flag === 'true' ? true : undefined,
    kinds: f.list('kind', '线索类别 kind', KINDS),
    classLeadId,
  };
  if (value.from && value.to && value.from >= value.to) f.fail('to', '截止日期 to 须晚于起始日期 from');
  return f.done(value);
}

export function parseRatesQuery(
  query: Query,
): Parsed<{ groupBy: RatesGroupBy; from: Date | null; to: Date | null }> {
  const f = new Fields<RatesParams>(query);
  const value = {
    groupBy: f.oneOf('groupBy', '分组 groupBy', GROUPS, 'model')!,
    from: f.bound('from', '起始日期 from', false) ?? null,
    to: f.bound('to', '截止日期 to', true) ?? null,
  };
  if (value.from && value.to && value.from >= value.to) f.fail('to', '截止日期 to 须晚于起始日期 from');
  return f.done(value);
}

/** GET /v1/models/results: an optional model and the period of raising (as /v1/rates). */
export function parseModelResultsQuery(
  query: Query,
): Parsed<{ modelId: string | null; from: Date | null; to: Date | null }> {
  const f = new Fields<ModelResultsParams>(query);
  const modelId = query['modelId'];
  const value = {
    modelId: typeof modelId === 'string' && modelId.trim() ? modelId.trim() : null,
    from: f.bound('from', '起始日期 from', false) ?? null,
    to: f.bound('to', '截止日期 to', true) ?? null,
  };
  if (value.from && value.to && value.from >= value.to) f.fail('to', '截止日期 to 须晚于起始日期 from');
  return f.done(value);
}

/** The reason of a read: the X-Read-Reason header (percent-encoded UTF-8 allowed) or the `reason` query parameter. */
export function readReason(header: string | undefined, query: string | undefined): string | null {
  const raw = header ?? query;
  if (!raw?.trim()) return null;
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: kept as sent
  }
  // Recorded in the audit log as sent, less what PostgreSQL cannot store (NUL, lone surrogates).
  return [...withoutInvalidText(text).trim()].slice(0, MAX_REASON).join('') || null;
}

/** A 400 body: every problem in one message, and per field. */
export function badRequestBody(errors: FieldErrors): {
  statusCode: 400;
  error: string;
  message: string;
  fields: FieldErrors;
} {
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: `请求有误：${Object.values(errors).join('；')}`,
    fields: errors,
  };
}
