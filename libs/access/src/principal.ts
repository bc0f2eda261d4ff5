import type { Role } from './roles';

/** Who is calling: a person at an office, or a system (a case-management system pulling leads). */
export interface Principal {
  id: string;
  name: string;
  kind: 'person' | 'system';
  role: Role;
  /** The office (GB/T 2260 code) the principal belongs to; its scope follows from it. */
  unitCode: string;
}

/** Why a bearer token does not authenticate (each has its own Chinese 401 message, `AUTH_FAILURE_MESSAGES`). */
export type AuthFailure =
  /** Unknown, or its principal is disabled (not told apart: neither says more to a guesser). */
  | 'unknown'
  /** A principal's token past its expiry date. */
  | 'token_expired'
  /** A token replaced by `principal rotate`, after its grace period. */
  | 'token_rotated'
  /** A session idle too long, or past its absolute lifetime. */
  | 'session_expired'
  /** A session signed out, or revoked (`principal revoke-sessions`). */
  | 'session_revoked';

/**
 * What a bearer token is: a principal's own token (a system's for the API, a person's for signing
 * in only) or a person's session (from signing in), or why it is neither.
 */
export type TokenCheck =
  | { ok: true; principal: Principal; credential: 'token' }
  | { ok: true; principal: Principal; credential: 'session'; sessionId: string }
  | { ok: false; failure: AuthFailure };

/**
 * Where the guard looks a bearer token up. An abstract class so that it is its own Nest
 * injection token; the application binds the store (a database table) in `AccessModule.forRoot`.
 */
export abstract class PrincipalStore {
  abstract check(token: string): Promise<TokenCheck>;
}
