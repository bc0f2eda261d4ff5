import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isRole, tierOfUnit, type Principal, type Role } from '@zhijian/access';

type Queryable = Pick<EntityManager, 'query'>;

export const PRINCIPAL_TOKEN_PREFIX = 'zjt_';

export function hashPrincipalToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface PrincipalRow extends Principal {
  createdAt: Date;
  disabledAt: Date | null;
}

const COLUMNS = `id, name, kind, role, unit_code as "unitCode", created_at as "createdAt", disabled_at as "disabledAt"`;

/**
 * People and systems of the intake API. A token is 32 random bytes, shown once when it is
 * created; the table keeps only its sha256, so a leaked database reveals no token.
 */
export class PrincipalRepository {
  /** Creates a principal; returns its id and the plaintext token (not stored, shown once). */
  async create(
    m: Queryable,
    name: string,
    kind: Principal['kind'],
    role: Role,
    unitCode: string,
  ): Promise<{ id: string; token: string }> {
    const n = name.trim();
    if (!n) throw new Error('a principal needs a name');
    if (kind !== 'person' && kind !== 'system')
      throw new Error(`kind must be person or system, got "${String(kind)}"`);
    if (!isRole(role)) throw new Error(`unknown role "${String(role)}"`);
    tierOfUnit(unitCode); // throws unless a six-digit office code
    const token = PRINCIPAL_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const rows: { id: string }[] = await m.query(
      `insert into principals (name, kind, role, unit_code, token_hash) values ($1, $2, $3, $4, $5) returning id`,
      [n, kind, role, unitCode, hashPrincipalToken(token)],
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

  /** The active principal holding `token`; null when unknown, disabled, or of a role this version does not know. */
  async findByToken(m: Queryable, token: string): Promise<Principal | null> {
    const rows: PrincipalRow[] = await m.query(
      `select ${COLUMNS} from principals where token_hash = $1 and disabled_at is null`,
      [hashPrincipalToken(token)],
    );
    const p = rows[0];
    return p && isRole(p.role)
      ? { id: p.id, name: p.name, kind: p.kind, role: p.role, unitCode: p.unitCode }
      : null;
  }

  async disable(m: Queryable, id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await m.query(
      `update principals set disabled_at = now() where id = $1 and disabled_at is null`,
      [id],
    );
    return affected > 0;
  }

  async list(m: Queryable): Promise<PrincipalRow[]> {
    return m.query(`select ${COLUMNS} from principals order by unit_code, created_at`);
  }
}
