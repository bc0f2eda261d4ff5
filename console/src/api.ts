/**
 * The console talks to the hub's API only, with the user's bearer token: what a page shows
 * is what the API answers this user, so scope, masking and permissions are the API's.
 */

const TOKEN_KEY = 'zhijian.console.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Called when the API answers 401: the session expired or was revoked, or the principal disabled. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

const FALLBACK: Record<number, string> = {
  400: '请求有误，请检查填写的内容',
  401: '登录已失效，请重新登录',
  403: '无权限执行此操作',
  404: '未找到该记录，或不在本院管辖范围内',
  409: '操作与当前状态冲突，请刷新后重试',
  413: '提交的内容过大',
  429: '请求过于频繁，请稍后再试',
  415: '提交内容的格式不受支持',
  500: '服务器内部错误，请稍后重试',
  503: '服务暂不可用，请稍后重试',
};

interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Sent as is, with this content type (e.g. text/plain), instead of JSON. */
  raw?: { text: string; type: string };
  headers?: Record<string, string>;
  /** A 401 is the caller's to handle (sign-in), not a reason to go to the sign-in page. */
  noRedirect?: boolean;
}

export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const t = token();
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(t ? { authorization: `Bearer ${t}` } : {}),
    ...options.headers,
  };
  let body: string | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.type;
    body = options.raw.text;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', headers, body });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络或服务状态后重试');
  }
  const text = await res.text();
  let parsed: unknown = text;
  if (text && res.headers.get('content-type')?.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (res.ok) return parsed as T;
  const answer = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
    message?: unknown;
    fields?: Record<string, string>;
  };
  const message = Array.isArray(answer.message) ? answer.message.join('；') : answer.message;
  const error = new ApiError(
    res.status,
    typeof message === 'string' && /[\u4e00-\u9fff]/.test(message)
      ? message
      : (FALLBACK[res.status] ?? `请求失败（HTTP ${res.status}）`),
    answer.fields ?? {},
  );
  if (res.status === 401 && !options.noRedirect) onUnauthorized();
  throw error;
}

type Value = string | number | boolean;

/**
 * A query string from the set values. `P`, the API's parameters type (e.g. WorklistParams), names
 * the parameters that may be sent: a name the API does not read fails to compile.
 */
export function qs<P extends object = Record<string, Value>>(params: {
  [K in keyof P]?: P[K] | null;
}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params as Record<string, Value | undefined | null>))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function messageOf(e: unknown): string {
  return e instanceof ApiError ? e.message : '发生未知错误，请刷新页面后重试';
}

/** Signs the session out (best effort: the tab forgets it either way). */
export async function signOut(): Promise<void> {
  if (token()) await api('/v1/session', { method: 'DELETE', noRedirect: true }).catch(() => undefined);
  setToken(null);
}
