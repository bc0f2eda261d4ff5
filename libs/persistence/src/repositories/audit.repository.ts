import type { EntityManager } from 'typeorm';
import {
  auditHash,
  firstBrokenEntry,
  GENESIS_HASH,
  type AuditRecord,
  type ChainEntry,
} from '@zhijian/access';

type Queryable = Pick<EntityManager, 'query'>;

/** What is audited: who did what to which subject, and why. Id, time and hashes are the log's. */
export interface AuditEvent {
  actor: string;
  action: string;
  subject: string;
  reason: string | null;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries that verified (all of them when ok; those before the first broken one otherwise). */
  entries: number;
  firstBrokenId: string | null;
}

/**
 * The append-only audit log (a trigger refuses update and delete). Each row's SM3 hash
 * covers the previous row's hash, so the rows form one chain in id order: appends take a
 * transaction-scoped advisory lock, read the last hash and take their ids under it, and
 * the lock is held until the caller's transaction ends, so that no two appends read the
 * same predecessor. Callers append last in their transaction, to hold it briefly.
 */
export class AuditRepository {
  async append(m: Queryable, events: AuditEvent[]): Promise<void> {
    if (!events.length) return;
    await m.query(`select pg_advisory_xact_lock(hashtextextended('zhijian:audit_log', 0))`);
    const last: { hash: string }[] = await m.query(`select hash from audit_log order by id desc limit 1`);
    const ids: { id: string }[] = await m.query(
      `select nextval(pg_get_serial_sequence('audit_log', 'id'))::text as id from generate_series(1, $1)`,
      [events.length],
    );
    const at = new Date().toISOString();
    let previous = last[0]?.hash ?? GENESIS_HASH;
    const rows = events.map((e, i) => {
      const record: AuditRecord = { id: ids[i]!.id, at, ...e };
      const hash = auditHash(previous, record);
      const row = { ...record, previousHash: previous, hash };
      previous = hash;
      return row;
    });
    await m.query(
      `insert into audit_log (id, at, actor, action, subject, reason, previous_hash, hash)
       select id, at, actor, action, subject, reason, "previousHash", hash
       from jsonb_to_recordset($1::jsonb) as x(id bigint, at timestamptz, actor text, action text, subject text,
                                              reason text, "previousHash" text, hash text)
       order by id`,
      [JSON.stringify(rows)],
    );
  }

  /** Walks the whole chain in id order, a page at a time. */
  async verify(m: Queryable, pageSize = 5000): Promise<AuditVerification> {
    let previous = GENESIS_HASH;
    let afterId = '0';
    let verified = 0;
    for (;;) {
      const rows: (Omit<ChainEntry, 'at'> & { at: Date })[] = await m.query(
        `select id::text, at, actor, action, subject, reason, previous_hash as "previousHash", hash
         from audit_log a where a.id > $1::bigint order by a.id limit $2`,
        [afterId, pageSize],
      );
      if (!rows.length) return { ok: true, entries: verified, firstBrokenId: null };
      const entries: ChainEntry[] = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
      const broken = firstBrokenEntry(entries, previous);
      if (broken) return { ok: false, entries: verified + entries.indexOf(broken), firstBrokenId: broken.id };
      verified += entries.length;
      const last = entries[entries.length - 1]!;
      previous = last.hash;
      afterId = last.id;
    }
  }
}
