import type { DataSource, EntityManager } from 'typeorm';
import type { SubjectRow } from './ingest.repository';

interface Known {
  id: string;
  name: string;
}

/**
 * Subject ids by identity key, kept across batches (a subject's id never changes). A batch's
 * subjects are made to exist before its transaction, each new one in a statement of its own
 * (`insert … on conflict do nothing`), so that no batch transaction holds subject rows locked
 * while it writes the rest of the batch; in the transaction, only a subject whose name changed
 * is updated (the newest stored batch names it, as before). Bounded: past `capacity` keys the
 * oldest half is forgotten (looked up again when next seen).
 */
export class SubjectCache {
  private readonly known = new Map<string, Known>();

  constructor(private readonly capacity = 200_000) {}

  /** Ids of these subjects, inserting the missing ones outside any batch transaction. */
  async ensure(dataSource: DataSource, rows: SubjectRow[]): Promise<void> {
    let missing = uniqueByKey(rows.filter((r) => !this.known.has(r.identityKey)));
    // A subject another process inserts while we do is not in our statement's snapshot: looked up again.
    for (let attempt = 0; missing.length && attempt < 5; attempt++) {
      const found: { id: string; identityKey: string; name: string }[] = await dataSource.query(
        `with x as (
           select * from jsonb_to_recordset($1::jsonb)
             as x("identityKey" text, kind text, "idNo" text, uscc text, name text)),
         ins as (
           insert into subjects (identity_key, kind, id_no, uscc, name)
           select x."identityKey", x.kind, x."idNo", x.uscc, x.name from x order by x."identityKey"
           on conflict (identity_key) do nothing
           returning id, identity_key, name)
         select id::text, identity_key as "identityKey", name from ins
         union all
         select s.id::text, s.identity_key, s.name from subjects s
         where s.identity_key in (select "identityKey" from x)`,
        [JSON.stringify(missing)],
      );
      for (const f of found) this.remember(f.identityKey, { id: f.id, name: f.name });
      missing = missing.filter((r) => !this.known.has(r.identityKey));
    }
    if (missing.length) throw new Error(`${missing.length} subject(s) could not be stored`);
  }

  /**
   * In the batch's transaction: identity key → id for these subjects (after `ensure`), their
   * names brought up to date where they changed. The names are remembered once `committed` is called.
   */
  async idsIn(
    m: EntityManager,
    rows: SubjectRow[],
  ): Promise<{ ids: Map<string, string>; committed: () => void }> {
    const ids = new Map<string, string>();
    const renamed: SubjectRow[] = [];
    const unique = uniqueByKey(rows);
    // Forgotten since `ensure` (a concurrent batch filled the cache): read again, in the transaction.
    const forgotten = unique.filter((r) => !this.known.has(r.identityKey)).map((r) => r.identityKey);
    const reread = new Map<string, Known>();
    if (forgotten.length) {
      const found: { id: string; identityKey: string; name: string }[] = await m.query(
        `select id::text, identity_key as "identityKey", name from subjects where identity_key = any($1::text[])`,
        [forgotten],
      );
      for (const f of found) reread.set(f.identityKey, { id: f.id, name: f.name });
    }
    for (const r of unique) {
      const k = this.known.get(r.identityKey) ?? reread.get(r.identityKey);
      if (!k) throw new Error('subject referenced but not stored');
      ids.set(r.identityKey, k.id);
      if (k.name !== r.name) renamed.push(r);
    }
    if (renamed.length) {
      await m.query(
        `update subjects s set name = x.name
         from (select * from unnest($1::text[], $2::text[]) as u(identity_key, name) order by identity_key) x
         where s.identity_key = x.identity_key`,
        [renamed.map((r) => r.identityKey), renamed.map((r) => r.name)],
      );
    }
    return {
      ids,
      committed: () => {
        for (const r of renamed) this.remember(r.identityKey, { id: ids.get(r.identityKey)!, name: r.name });
      },
    };
  }

  private remember(key: string, value: Known): void {
    if (this.known.size >= this.capacity && !this.known.has(key)) {
      let drop = Math.floor(this.capacity / 2);
      for (const k of this.known.keys()) {
        if (drop-- <= 0) break;
        this.known.delete(k);
      }
    }
    this.known.set(key, value);
  }
}

/** The last row of each identity key (the batch's newest name, as the upsert took it). */
function uniqueByKey(rows: SubjectRow[]): SubjectRow[] {
  return [...new Map(rows.map((r) => [r.identityKey, r])).values()];
}
