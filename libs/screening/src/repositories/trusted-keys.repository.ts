import type { EntityManager } from 'typeorm';

/** An office whose signed model packages this hub imports, with its SM2 public key. */
export interface TrustedKeyRow {
  unitCode: string;
  publicKey: string;
  note: string | null;
  addedBy: string;
  addedAt: string;
}

type Queryable = Pick<EntityManager, 'query'>;

/** Table `model_trusted_keys` (migration 1735300000000). */
export class TrustedKeysRepository {
  all(m: Queryable): Promise<TrustedKeyRow[]> {
    return m.query(
      `select unit_code as "unitCode", public_key as "publicKey", note, added_by as "addedBy",
              to_char(added_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "addedAt"
       from model_trusted_keys order by unit_code`,
    );
  }

  async upsert(
    m: Queryable,
    row: { unitCode: string; publicKey: string; note: string | null; addedBy: string },
  ) {
    await m.query(
      `insert into model_trusted_keys (unit_code, public_key, note, added_by) values ($1, $2, $3, $4)
       on conflict (unit_code) do update
         set public_key = excluded.public_key, note = excluded.note, added_by = excluded.added_by, added_at = now()`,
      [row.unitCode, row.publicKey, row.note, row.addedBy],
    );
  }

  /** Whether a key was there to remove. */
  async remove(m: Queryable, unitCode: string): Promise<boolean> {
    const rows: { n: number }[] = await m.query(
      `with d as (delete from model_trusted_keys where unit_code = $1 returning 1) select count(*)::int as n from d`,
      [unitCode],
    );
    return (rows[0]?.n ?? 0) > 0;
  }
}
