/**
 * SQLSTATE classes that say the database could not do the work now, not that the data is bad:
 * 08 connection exception, 40 transaction rollback (serialization failure, deadlock),
 * 53 insufficient resources, 57P0x operator intervention (shutdown, cannot connect now).
 */
const TRANSIENT_SQLSTATE = /^(08[0-9A-Z]{3}|40[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[0-9A-Z])$/;

/** Node's socket errors: the database (or the network to it) is gone. */
const TRANSIENT_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres and TypeORM say when the connection, not the statement, failed (they carry no SQLSTATE). */
const TRANSIENT_MESSAGE =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|cannot use a pool after calling end|connection is not established|terminating connection/i;

/**
 * Whether an error from storing a batch is transient: replaying the same batch later can succeed,
 * so nothing in it may be quarantined for it. Looks through TypeORM's `driverError` and `cause`.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof TransientIngestError) return true;
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (typeof e === 'object' && e !== null && !seen.has(e)) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET.has(code)))
      return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGE.test(message)) return true;
    const next = e as { driverError?: unknown; cause?: unknown };
    e = next.driverError ?? next.cause;
  }
  return false;
}

/** Longest error text kept on a quarantined message. */
export const ERROR_TEXT_MAX = 500;

/**
 * An error as text fit to store beside a quarantined message and show to operators: its name,
 * SQLSTATE and message, without control characters or lone surrogates, at most ERROR_TEXT_MAX
 * characters. (Never logged: a database error may quote the message's data.)
 */
export function errorText(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` [${code}]` : '';
    text = `${error.name}${sqlState}: ${error.message}`;
  } else {
    text = String(error);
  }
  return sanitizeText(text, ERROR_TEXT_MAX);
}

/** Replaces control characters and lone surrogates, collapses whitespace, cuts to `max` characters. */
export function sanitizeText(text: string, max: number): string {
  const clean = text
    .slice(0, max * 4)
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= max) return clean;
  // Do not cut a surrogate pair in two.
  const cut = /[\ud800-\udbff]/.test(clean[max - 2] ?? '') ? max - 2 : max - 1;
  return `${clean.slice(0, cut)}…`;
}

/**
 * Text PostgreSQL stores whatever it holds: control characters, backslashes and lone surrogates as
 * `\uXXXX` escapes (the form the decoder's storable text uses, with backslashes escaped too so
 * that every character is recoverable). Used for a message's key and headers when storing them as they came failed.
 */
export function escapeText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped
    /[\u0000-\u001f\u007f-\u009f\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => {
      const n = c.charCodeAt(0);
      return `\\u${n.toString(16).padStart(4, '0')}`;
    },
  );
}

/** The error's class and SQLSTATE, for logs: never its message, which may quote personal data. */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) {
    // An RPC error as Nest hands it on: `{ status: 'error', message }` (the message already a kind).
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? sanitizeText(message, 100) : typeof error;
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}

/** Storing failed where only the database can be at fault: replay the batch later, skip nothing. */
export class TransientIngestError extends Error {
  override readonly name = 'TransientIngestError';

  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/** Characters PostgreSQL refuses in text and jsonb: NUL, and UTF-16 surrogates without their pair. */
// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The text itself, or escaped (see escapeText) when PostgreSQL would refuse it. */
export function storableText(text: string): string {
  return UNSTORABLE.test(text) ? escapeText(text) : text;
}

/**
 * The JSON pointer of the first string (value or key) in `value` that PostgreSQL cannot store,
 * or null. Iterative: any depth.
 */
export function unstorableTextIn(value: unknown): string | null {
  // Paths are kept as links to the parent and written out only for a hit: deep JSON stays linear.
  interface Node {
    value: unknown;
    key: string;
    parent: Node | null;
  }
  const pointerOf = (n: Node | null): string => {
    const keys: string[] = [];
    for (let at = n; at?.parent; at = at.parent) keys.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1'));
    return keys
      .reverse()
      .map((k) => `/${k}`)
      .join('');
  };
  const stack: Node[] = [{ value, key: '', parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return pointerOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: node });
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return pointerOf({ value: child, key: k, parent: node });
        stack.push({ value: child, key: k, parent: node });
      }
    }
  }
  return null;
}
