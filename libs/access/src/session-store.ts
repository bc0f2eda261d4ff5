import type { EntityManager } from 'typeorm';
import { isRole } from './roles';
import { type Principal, type TokenCheck } from './principal';
import { hashPrincipalToken, newToken } from './principal-directory';

type Queryable = Pick<EntityManager, 'query'>;

export const SESSION_TOKEN_PREFIX = 'zjs_';

/** How long sessions last (SESSION_IDLE_HOURS, SESSION_MAX_DAYS). */
export interface SessionPolicy {
  idleHours: number;
  maxDays: number;
}

/** A session's use is written at most this often (a read per request, not a write). */
const TOUCH_EVERY_SECONDS = 60;

/**
 * People's sessions: each sign-in issues a new random token (32 bytes, shown once; only its
 * sha256 is kept). A session ends when it is unused for `idleHours`, `maxDays` after its
 * sign-in, when signed out or revoked, or when its principal is disabled. The lifetimes are
 * applied when a session is used, so a changed policy holds for sessions already issued.
 */
export class SessionStore {
  static isSessionToken(token: string): boolean {
    return token.startsWith(SESSION_TOKEN_PREFIX);
  }

  /** A new session of an active principal: its id, the plaintext token, and when it ends at the latest. */
  async create(
    m: Queryable,
    principalId: string,
    policy: SessionPolicy,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newToken(SESSION_TOKEN_PREFIX);
    const rows: { id: string; expiresAt: Date }[] = await m.query(
      `insert into principal_sessions (principal_id, token_hash)
       select id, $2 from principals where id = $1 and disabled_at is null
       returning id, created_at + make_interval(days => $3) as "expiresAt"`,
      [principalId, hashPrincipalToken(token), policy.maxDays],
    );
    if (!rows[0]) throw new Error(`no active principal ${principalId}`);
    return { id: rows[0].id, token, expiresAt: rows[0].expiresAt };
  }

  /** What a session token is: its principal (the session's use recorded), or why not. */
  async check(m: Queryable, token: string, policy: SessionPolicy): Promise<TokenCheck> {
    const rows: (Principal & {
      sessionId: string;
      disabled: boolean;
      revoked: boolean;
      expired: boolean;
      touch: boolean;
    })[] = await m.query(
      `select s.id as "sessionId", p.id, p.name, p.kind, p.role, p.unit_code as "unitCode",
              p.disabled_at is not null as disabled, s.revoked_at is not null as revoked,
              (s.created_at + make_interval(days => $2) <= now()
                 or s.last_used_at + make_interval(hours => $3) <= now()) as expired,
              s.last_used_at < now() - make_interval(secs => $4) as touch
       from principal_sessions s join principals p on p.id = s.principal_id
       where s.token_hash = $1`,
      [hashPrincipalToken(token), policy.maxDays, policy.idleHours, TOUCH_EVERY_SECONDS],
    );
    const row = rows[0];
    if (!row || row.disabled || !isRole(row.role)) return { ok: false, failure: 'unknown' };
    if (row.revoked) return { ok: false, failure: 'session_revoked' };
    if (row.expired) return { ok: false, failure: 'session_expired' };
    if (row.touch)
      await m.query(
        `update principal_sessions set last_used_at = now() where id = $1 and revoked_at is null`,
        [row.sessionId],
      );
    return {
      ok: true,
      credential: 'session',
      sessionId: row.sessionId,
      principal: { id: row.id, name: row.name, kind: row.kind, role: row.role, unitCode: row.unitCode },
    };
  }

  /** Signs one session out. */
  async revoke(m: Queryable, sessionId: string, reason: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await m.query(
      `update principal_sessions set revoked_at = now(), revoked_reason = $2 where id = $1 and revoked_at is null`,
      [sessionId, reason],
    );
    return affected > 0;
  }

  /** Revokes every session of a principal; answers how many were still open. */
  async revokeAll(m: Queryable, principalId: string, reason: string): Promise<number> {
    const [, affected]: [unknown[], number] = await m.query(
      `update principal_sessions set revoked_at = now(), revoked_reason = $2
       where principal_id = $1 and revoked_at is null`,
      [principalId, reason],
    );
    return affected;
  }
}
