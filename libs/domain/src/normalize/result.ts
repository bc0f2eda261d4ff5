export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Messages are English and must never echo the raw identifier: identifiers are personal data and errors end up in logs. */
export interface IdentifierError {
  check: 'format' | 'area_code' | 'birth_date' | 'check_char';
  message: string;
}

export interface CaseNumberError {
  check: 'format' | 'court_code' | 'type_code' | 'year';
  message: string;
}

export interface MoneyError {
  check: 'format' | 'range';
  message: string;
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
