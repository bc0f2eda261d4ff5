import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isRole, type Role } from './roles';
import { tierOfUnit } from './scope';
import { type Principal, type TokenCheck } from './principal';

type Queryable = Pick<EntityManager, 'query'>;

export const PRINCIPAL_TOKEN_PREFIX = 'zjt_';

/** A system's token expires this long after it is issued unless told otherwise. */
export const SYSTEM_TOKEN_DAYS = 365;

export function hashPrincipalToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh token: the prefix and 32 random bytes (base64url). */
export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export interface PrincipalRow extends Principal {
  createdAt: Date;
  disabledAt: Date | null;
  tokenExpiresAt: Date | null;
  /** Until when the token replaced by the last rotation still works; null when none does. */
  previousTokenValidUntil: Date | null;
  /** Sessions neither revoked nor past their absolute lifetime (idle ones included). */
  activeSessions: number;
}

const PRINCIPAL = `id, name, kind, role, unit_code as "unitCode"`;

const toPrincipal = (p: Principal): Principal | null =>
  isRole(p.role) ? { id: p.id, name: p.name, kind: p.kind, role: p.role, unitCode: p.unitCode } : null;

/**
 * People and systems of the intake API. A token is 32 random bytes, shown once when it is
 * created or rotated; the table keeps only its sha256, so a leaked database reveals no token.
 * A system's token expires (`token_expires_at`); a rotation keeps the replaced token working
 * until `previous_token_valid_until`. A person's token only signs in (SessionStore).
 */
export class PrincipalDirectory {
  /**
   * Creates a principal; returns its id and the plaintext token (not stored, shown once).
   * `tokenExpiresAt`: a system's default is SYSTEM_TOKEN_DAYS from now; a person's token has none.
   */
  async create(
    m: Queryable,
    name: string,
    kind: Principal['kind'],
    role: Role,
    unitCode: string,
    tokenExpiresAt?: Date | null,
  ): Promise<{ id: string; token: string }> {
    const n = name.trim();
    if (!n) throw new Error('a principal needs a name');
    if (kind !== 'person' && kind !== 'system')
      throw new Error(`kind must be person or system, got "${String(kind)}"`);
    if (!isRole(role)) throw new Error(`unknown role "${String(role)}"`);
    tierOfUnit(unitCode); // throws unless a six-digit office code
    const token = newToken(PRINCIPAL_TOKEN_PREFIX);
    const expires = tokenExpiresAt !== undefined ? tokenExpiresAt : defaultExpiry(kind);
    const rows: { id: string }[] = await m.query(
      `insert into principals (name, kind, role, unit_code, token_hash, token_expires_at)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [n, kind, role, unitCode, hashPrincipalToken(token), expires],
    );
    return { id: rows[0]!.id, token };
  }

  /** As `create`, answering the plaintext token only. */
  async createPrincipal(
    m: Queryable,
    name: string,
    kind: Principal['kind'],
    role: Role,
    unitCode: string,
  ): Promise<string> {
    return (await this.create(m, name, kind, role, unitCode)).token;
  }

  /**
   * What a principal's own token is (sessions: SessionStore): its active principal, or
   * why not. The token a rotation replaced works until the end of its grace period.
   */
  async check(m: Queryable, token: string): Promise<TokenCheck> {
    const rows: (Principal & {
      current: boolean;
      expired: boolean;
      graceOver: boolean;
      disabled: boolean;
    })[] = await m.query(
      `select ${PRINCIPAL}, token_hash = $1 as current, disabled_at is not null as disabled,
                coalesce(token_expires_at <= now(), false) as expired,
                coalesce(previous_token_valid_until <= now(), true) as "graceOver"
         from principals where token_hash = $1 or previous_token_hash = $1`,
      [hashPrincipalToken(token)],
    );
    const row = rows[0];
    const principal = row && !row.disabled ? toPrincipal(row) : null;
    if (!row || !principal) return { ok: false, failure: 'unknown' };
    if (row.current ? row.expired : row.graceOver)
      return { ok: false, failure: row.current ? 'token_expired' : 'token_rotated' };
    return { ok: true, principal, credential: 'token' };
  }

  /** The active principal holding `token` (its own token, whatever it may be used for); null otherwise. */
  async findByToken(m: Queryable, token: string): Promise<Principal | null> {
    const check = await this.check(m, token);
    return check.ok ? check.principal : null;
  }

  /**
   * Issues a new token for an active principal. The old one keeps working for `graceHours`
   * (never past its own expiry) so that a system can switch without downtime; a token an earlier
   * rotation replaced stops at once. Returns the new plaintext token, or null when no active principal.
   */
  async rotate(
    m: Queryable,
    id: string,
    graceHours: number,
    tokenExpiresAt?: Date | null,
  ): Promise<{ token: string; oldValidUntil: Date; tokenExpiresAt: Date | null } | null> {
    if (!Number.isFinite(graceHours) || graceHours < 0) throw new Error('graceHours must be 0 or more');
    const token = newToken(PRINCIPAL_TOKEN_PREFIX);
    // An update answers [rows, affected count].
    const [rows]: [{ oldValidUntil: Date; tokenExpiresAt: Date | null }[], number] = await m.query(
      `update principals
       set previous_token_hash = token_hash,
           previous_token_valid_until = least(now() + make_interval(secs => $3::float8 * 3600),
                                              coalesce(token_expires_at, 'infinity')),
           token_hash = $2,
           token_expires_at = case when $4::boolean then $5::timestamptz
                                   when kind = 'system' then now() + make_interval(days => $6) end,
           token_rotated_at = now()
       where id = $1 and disabled_at is null
       returning previous_token_valid_until as "oldValidUntil", token_expires_at as "tokenExpiresAt"`,
      [
        id,
        hashPrincipalToken(token),
        graceHours,
        tokenExpiresAt !== undefined,
        tokenExpiresAt ?? null,
        SYSTEM_TOKEN_DAYS,
      ],
    );
    const row = rows[0];
    return row ? { token, ...row } : null;
  }

  /** Disables the principal: its tokens and sessions stop working at once. */
  async disable(m: Queryable, id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await m.query(
      `update principals set disabled_at = now() where id = $1 and disabled_at is null`,
      [id],
    );
    await m.query(
      `update principal_sessions set revoked_at = now(), revoked_reason = 'principal disabled'
       where principal_id = $1 and revoked_at is null`,
      [id],
    );
    return affected > 0;
  }

  async list(m: Queryable, sessionMaxDays: number): Promise<PrincipalRow[]> {
    const rows: (PrincipalRow & { activeSessions: string })[] = await m.query(
      `select ${PRINCIPAL}, created_at as "createdAt", disabled_at as "disabledAt",
              token_expires_at as "tokenExpiresAt",
              case when previous_token_valid_until > now() then previous_token_valid_until end as "previousTokenValidUntil",
              (select count(*) from principal_sessions s
               where s.principal_id = p.id and s.revoked_at is null
                 and s.created_at > now() - make_interval(days => $1))::text as "activeSessions"
       from principals p order by unit_code, created_at`,
      [sessionMaxDays],
    );
    return rows.map((r) => ({ ...r, activeSessions: Number(r.activeSessions) }));
  }
}

function defaultExpiry(kind: Principal['kind']): Date | null {
  return kind === 'system' ? new Date(Date.now() + SYSTEM_TOKEN_DAYS * 86_400_000) : null;
}
