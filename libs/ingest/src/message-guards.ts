import type { ReasonCode, Violation } from '@zhijian/contracts';

/**
 * Checks on a message's bytes and parsed value that run before anything recursive (ajv, the
 * normalizer) or PostgreSQL sees it. Each is iterative, so that hostile input (100,000 levels of
 * nesting, NUL escapes, lone surrogates) is answered with a reason instead of a thrown error.
 */
export interface GuardFailure {
  reason: ReasonCode;
  violations: Violation[];
}

export const DEFAULT_MAX_MESSAGE_BYTES = 900 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 32;

/**
 * String properties that hold free text (a description, a summary, an address, a reason): TAB, LF
 * and CR are allowed there. Everywhere else (keys, ids, names, eventId, source, codes) every
 * control character is refused.
 */
export const FREE_TEXT_PROPERTIES: ReadonlySet<string> = new Set([
  'description',
  'summary',
  'reason',
  'address',
]);

// ignoreBOM: a byte-order mark stays in the text (and JSON.parse refuses it), as the ingest path reads the bytes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** JSON pointer reference token (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function toPointer(path: readonly (string | number)[]): string {
  return path.length ? path.map((k) => `/${pointerToken(k)}`).join('') : '/';
}

/** U+XXXX of a UTF-16 code unit. */
function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message as text, or why it cannot be: over the size limit, not UTF-8. */
export function decodeText(bytes: Buffer | string, maxBytes: number): { text: string } | GuardFailure {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.length;
  if (size > maxBytes) {
    return {
      reason: 'too_large',
      violations: [
        {
          pointer: '/',
          message: `消息大小 ${size} 字节，超过上限 ${maxBytes} 字节（MAX_MESSAGE_BYTES）`,
          check: 'max_bytes',
        },
      ],
    };
  }
  if (typeof bytes === 'string') return { text: bytes };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return {
      reason: 'malformed_json',
      violations: [
        {
          pointer: '/',
          message: `消息不是合法的 UTF-8 编码（第 ${firstInvalidUtf8(bytes)} 字节起）`,
          check: 'utf8',
        },
      ],
    };
  }
}

/** Byte offset of the first invalid UTF-8 sequence (for the message; the bytes are known to be invalid). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!len || i + len > bytes.length) return i;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}

// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
const OPENING = /[{[]/g;
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

interface Frame {
  kind: 'object' | 'array';
  key: string | number | null;
  index: number;
  expectKey: boolean;
}

/**
 * One pass over the JSON text without parsing it: nesting deeper than `maxDepth` is `too_deep`,
 * and a raw control character other than JSON's whitespace (TAB, LF, CR) is `invalid_text`. Each
 * with the JSON pointer of where it is (as far as the text up to there tells it). Text that is not
 * JSON is left to JSON.parse.
 */
export function scanText(text: string, maxDepth: number): GuardFailure | null {
  // Fast path (native regexes): no control character at all and too few brackets to nest too deep.
  if (!ANY_CONTROL.test(text) && (text.match(OPENING)?.length ?? 0) <= maxDepth) return null;
  const stack: Frame[] = [];
  // The pointer of a position: the path of keys and indices of the enclosing containers.
  const pointerHere = (): string => {
    const p: (string | number)[] = [];
    for (const f of stack) {
      if (f.kind === 'array') p.push(f.index);
      else if (f.key !== null && !f.expectKey) p.push(f.key);
    }
    return toPointer(p);
  };
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        i++;
        continue;
      }
      if (c === 0x22 /* " */) {
        inString = false;
        const top = stack[stack.length - 1];
        if (top?.kind === 'object' && top.expectKey) top.key = parseKey(text.slice(stringStart, i + 1));
        continue;
      }
      if (c < 0x20 || c === 0x7f) return rawControl(c, pointerHere(), i);
      continue;
    }
    switch (c) {
      case 0x22:
        inString = true;
        stringStart = i;
        break;
      case 0x7b /* { */:
      case 0x5b /* [ */: {
        if (stack.length >= maxDepth) {
          return {
            reason: 'too_deep',
            violations: [
              {
                pointer: pointerHere(),
                message: `嵌套超过 ${maxDepth} 层（MAX_JSON_DEPTH），在第 ${i} 个字符处`,
                check: 'max_depth',
              },
            ],
          };
        }
        stack.push({ kind: c === 0x7b ? 'object' : 'array', key: null, index: 0, expectKey: c === 0x7b });
        break;
      }
      case 0x7d /* } */:
      case 0x5d /* ] */:
        stack.pop();
        break;
      case 0x3a /* : */: {
        const top = stack[stack.length - 1];
        if (top?.kind === 'object') top.expectKey = false;
        break;
      }
      case 0x2c /* , */: {
        const top = stack[stack.length - 1];
        if (top?.kind === 'object') {
          top.expectKey = true;
          top.key = null;
        } else if (top) top.index++;
        break;
      }
      default:
        if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f)
          return rawControl(c, pointerHere(), i);
    }
  }
  return null;
}

function parseKey(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

function rawControl(code: number, pointer: string, at: number): GuardFailure {
  return {
    reason: 'invalid_text',
    violations: [
      {
        pointer,
        message: `${pointer} 处含有控制字符 ${codePointName(code)}（第 ${at} 个字符），消息中不允许出现未转义的控制字符`,
        check: 'control_character',
      },
    ],
  };
}

/** The first character of `s` not allowed in text, with why; TAB, LF and CR are allowed when `freeText`. */
export function textProblem(s: string, freeText: boolean): { check: string; message: string } | null {
  if (!SUSPECT.test(s)) return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (freeText && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return {
        check: 'control_character',
        message: `含有控制字符 ${codePointName(c)}（第 ${i} 个字符）${
          freeText ? '；自由文本中只允许制表符、换行和回车' : '；该字段不允许任何控制字符'
        }`,
      };
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { check: 'lone_surrogate', message: `含有孤立的代理项 ${codePointName(c)}（第 ${i} 个字符）` };
    }
    if (c >= 0xdc00 && c <= 0xdfff)
      return { check: 'lone_surrogate', message: `含有孤立的代理项 ${codePointName(c)}（第 ${i} 个字符）` };
  }
  return null;
}

/**
 * Walks a parsed value without recursion: every key and string is checked for control characters
 * and lone surrogates (`invalid_text`), every number for being finite (`1e400` parses to Infinity:
 * `schema_violation`, check `out_of_range`). Returns every violation found (at most `limit`).
 */
export function walkValues(root: unknown, limit = 50): GuardFailure | null {
  const text: Violation[] = [];
  const numbers: Violation[] = [];
  // Each node keeps its parent and key; a pointer is built only for a violation.
  interface Node {
    value: unknown;
    parent: Node | null;
    key: string | number;
    freeText: boolean;
  }
  const pointerOf = (node: Node, last?: string): string => {
    const keys: (string | number)[] = last === undefined ? [] : [last];
    for (let n: Node | null = node; n && n.parent; n = n.parent) keys.push(n.key);
    return toPointer(keys.reverse());
  };
  const stack: Node[] = [{ value: root, parent: null, key: '', freeText: false }];
  while (stack.length && text.length + numbers.length < limit) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const problem = textProblem(value, node.freeText);
      if (problem) {
        const pointer = pointerOf(node);
        text.push({ pointer, message: `${pointer} ${problem.message}`, check: problem.check });
      }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        const pointer = pointerOf(node);
        numbers.push({ pointer, message: `${pointer} 数值超出可表示的范围`, check: 'out_of_range' });
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], parent: node, key: i, freeText: false });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const problem = textProblem(key, false);
        if (problem) {
          const pointer = pointerOf(node, key);
          text.push({ pointer, message: `字段名 ${pointer} ${problem.message}`, check: problem.check });
        }
        stack.push({
          value: (value as Record<string, unknown>)[key],
          parent: node,
          key,
          freeText: FREE_TEXT_PROPERTIES.has(key),
        });
      }
    }
  }
  if (text.length) return { reason: 'invalid_text', violations: text };
  if (numbers.length) return { reason: 'schema_violation', violations: numbers };
  return null;
}
