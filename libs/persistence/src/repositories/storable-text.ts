import { escapeControlText } from '@zhijian/contracts';

/**
 * Text that PostgreSQL's `text` and `jsonb` columns take whatever a producer sent: control
 * characters and lone surrogates escaped (`\u0000`). The message's own bytes go to `bytea` as they are.
 */
export function storableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [escapeControlText(k), escapeControlText(String(v))]),
  );
}

/** Violations (from the decoder or from an unforeseen error) with every string of them storable. */
export function storableViolations(violations: readonly unknown[]): unknown[] {
  return violations.map((v) => {
    if (typeof v !== 'object' || v === null) return typeof v === 'string' ? escapeControlText(v) : v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        escapeControlText(k),
        typeof x === 'string' ? escapeControlText(x) : x,
      ]),
    );
  });
}
