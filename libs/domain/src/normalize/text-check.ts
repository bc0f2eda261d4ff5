/**
 * Why a text cannot be stored as it is (spec §6 `invalid_text`): a control character, or half of a
 * UTF-16 surrogate pair without its other half (PostgreSQL refuses both, NUL first of all).
 */
export type TextProblem =
  { kind: 'control'; index: number; codePoint: number } | { kind: 'lone_surrogate'; index: number };

// C0 controls, DEL and C1 controls; tab, line feed and carriage return only where lines are allowed.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first problem of `s`, or null. `lines`: tab, line feed and carriage return are allowed (free text). */
export function textProblem(s: string, options: { lines?: boolean } = {}): TextProblem | null {
  const control = (options.lines ? CONTROL_BUT_LINES : CONTROL).exec(s);
  const surrogate = LONE_SURROGATE.exec(s);
  if (control && (!surrogate || control.index < surrogate.index))
    return { kind: 'control', index: control.index, codePoint: control[0].charCodeAt(0) };
  return surrogate ? { kind: 'lone_surrogate', index: surrogate.index } : null;
}

/** U+0000 style, for messages. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` without what `textProblem` finds (for text that is recorded but not refused, e.g. a read's reason). */
export function withoutInvalidText(s: string, options: { lines?: boolean } = {}): string {
  let out = s;
  for (let p = textProblem(out, options); p; p = textProblem(out, options))
    out = out.slice(0, p.index) + out.slice(p.index + 1);
  return out;
}
