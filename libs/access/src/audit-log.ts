import type { EntityManager } from 'typeorm';
import {
  auditHash,
  auditMac,
  epochMac,
  GENESIS_HASH,
  sameHex,
  type AuditCheckpoint,
  type AuditEpoch,
  type AuditRecord,
  type ChainEntry,
} from './audit-chain';

type Queryable = Pick<EntityManager, 'query'>;

/** What is audited: who did what to which subject, and why. Id, time and hashes are the log's. */
export interface AuditEvent {
  actor: string;
  action: string;
  subject: string;
  reason: string | null;
}

/**
 * What `verify` found wrong, first one only: `edited` an entry's fields no longer match its MAC;
 * `recomputed` the chain from an entry on was recomputed without the key (plain SM3 or another
 * key); `relinked` an entry does not link to the one before it (entries removed or reordered);
 * `epoch` the record where the keyed chain starts is missing, moved or forged, or unkeyed entries cut.
 * The checkpoint problems (`truncated`, `tail_deleted`, `rewritten`, `deleted`, `checkpoint`)
 * are found by comparing the log with its checkpoints outside the database.
 */
export type AuditProblem =
  | 'edited'
  | 'recomputed'
  | 'relinked'
  | 'epoch'
  | 'truncated'
  | 'tail_deleted'
  | 'rewritten'
  | 'deleted'
  | 'checkpoint';

export interface AuditVerification {
  ok: boolean;
  /** Entries that verified (all of them when ok; those before the first broken one otherwise). */
  entries: number;
  firstBrokenId: string | null;
  /** What is wrong (null when ok). */
  problem?: AuditProblem | null;
  /** The finding in Chinese, for operators. */
  message?: string;
  /** Entries up to this id keep the unkeyed SM3 chain of before the audit key; null: no epoch yet. */
  keyedAfterId?: string | null;
}

/** The log's head as checkpointed: entries, the last id and its MAC. */
export type AuditHead = Pick<AuditCheckpoint, 'count' | 'lastId' | 'lastMac'>;

let processKey: Buffer | null = null;

/**
 * The audit key of this process (set once at boot from the configuration), used by
 * repositories constructed without one, so that every `new AuditLog()` appends to the
 * keyed chain.
 */
export function useAuditKey(key: Buffer | null): void {
  processKey = key ? Buffer.from(key) : null;
}

const LOCK = `select pg_advisory_xact_lock(hashtextextended('zhijian:audit_log', 0))`;

/**
 * The append-only audit log (a trigger refuses update, delete and truncate; the hub's role has
 * neither the privileges nor the table). Each row's hash is an HMAC-SM3 MAC, with a key the
 * database does not hold, over the previous row's hash, so the rows form one chain in id order;
 * rows written before the key was introduced keep their SM3 chain up to the epoch
 * (`audit_epoch`), whose head the first keyed row links to. Appends take a transaction-scoped
 * advisory lock, read the last hash and take their ids under it, and the lock is held until
 * the caller's transaction ends, so that no two appends read the same predecessor. Callers
 * append last in their transaction, to hold it briefly.
 */
export class AuditLog {
  constructor(private readonly key?: Buffer) {}

  private keyOf(): Buffer {
    const key = this.key ?? processKey;
    if (!key) throw new Error('no audit key: set AUDIT_KEY or AUDIT_KEY_FILE');
    return key;
  }

  async append(m: Queryable, events: AuditEvent[]): Promise<void> {
    if (!events.length) return;
    const key = this.keyOf();
    await m.query(LOCK);
    await this.epochUnderLock(m, key);
    const last: { hash: string }[] = await m.query(`select hash from audit_log order by id desc limit 1`);
    const ids: { id: string }[] = await m.query(
      `select nextval(pg_get_serial_sequence('audit_log', 'id'))::text as id from generate_series(1, $1)`,
      [events.length],
    );
    const at = new Date().toISOString();
    let previous = last[0]?.hash ?? GENESIS_HASH;
    const rows = events.map((e, i) => {
      const record: AuditRecord = { id: ids[i]!.id, at, ...e };
      const hash = auditMac(key, previous, record);
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

  /**
   * Starts the keyed chain at the current head if it has not started yet (the hub does it at
   * boot, the first keyed append otherwise). Run it in a transaction: it takes the append lock.
   */
  async ensureEpoch(m: Queryable): Promise<AuditEpoch> {
    const key = this.keyOf();
    await m.query(LOCK);
    return this.epochUnderLock(m, key);
  }

  private async epochUnderLock(m: Queryable, key: Buffer): Promise<AuditEpoch> {
    const existing = await this.epoch(m);
    if (existing) return existing.epoch;
    const head: { id: string; hash: string }[] = await m.query(
      `select id::text, hash from audit_log order by id desc limit 1`,
    );
    const epoch: AuditEpoch = {
      afterId: head[0]?.id ?? '0',
      headHash: head[0]?.hash ?? GENESIS_HASH,
      at: new Date().toISOString(),
    };
    await m.query(`insert into audit_epoch (id, after_id, head_hash, at, mac) values (1, $1, $2, $3, $4)`, [
      epoch.afterId,
      epoch.headHash,
      epoch.at,
      epochMac(key, epoch),
    ]);
    return epoch;
  }

  private async epoch(m: Queryable): Promise<{ epoch: AuditEpoch; mac: string } | null> {
    const rows: { afterId: string; headHash: string; at: Date; mac: string }[] = await m.query(
      `select after_id::text as "afterId", head_hash as "headHash", at, mac from audit_epoch where id = 1`,
    );
    const r = rows[0];
    return r
      ? { epoch: { afterId: r.afterId, headHash: r.headHash, at: r.at.toISOString() }, mac: r.mac }
      : null;
  }

  /** The log's head now: entries, the last id and its hash (`0` and GENESIS_HASH when empty). */
  async head(m: Queryable): Promise<AuditHead> {
    const rows: { count: number; lastId: string | null; lastMac: string | null }[] = await m.query(
      `select (select count(*) from audit_log)::int as count, l.id::text as "lastId", l.hash as "lastMac"
       from (select 1) one left join (select id, hash from audit_log order by id desc limit 1) l on true`,
    );
    const r = rows[0]!;
    return { count: r.count, lastId: r.lastId ?? '0', lastMac: r.lastMac ?? GENESIS_HASH };
  }

  /** How the log stands against a checkpoint of its head: what it still holds up to `lastId`. */
  async atCheckpoint(
    m: Queryable,
    c: AuditHead,
  ): Promise<{ total: number; upTo: number; macAtLast: string | null }> {
    const rows: { total: number; upTo: number; macAtLast: string | null }[] = await m.query(
      `select (select count(*) from audit_log)::int as total,
              (select count(*) from audit_log where id <= $1::bigint)::int as "upTo",
              (select hash from audit_log where id = $1::bigint) as "macAtLast"`,
      [c.lastId],
    );
    return rows[0]!;
  }

  /**
   * Walks the whole chain in id order, a page at a time: the SM3 chain up to the epoch, then
   * the keyed chain, which must link to the epoch's head. Names the first problem.
   */
  async verify(m: Queryable, pageSize = 5000): Promise<AuditVerification> {
    const key = this.keyOf();
    const stored = await this.epoch(m);
    if (stored && !sameHex(epochMac(key, stored.epoch), stored.mac)) {
      return broken(
        'epoch',
        0,
        null,
        '审计日志的密钥纪元记录（audit_epoch）被改动或伪造：其 MAC 与本密钥不符',
        stored,
      );
    }
    const epoch = stored?.epoch ?? null;
    const keyedAfter = epoch ? BigInt(epoch.afterId) : null;
    let previous = GENESIS_HASH;
    let afterId = '0';
    let verified = 0;
    let pending: ChainEntry | null = null; // a keyed entry whose MAC failed, told apart by its successor
    for (;;) {
      const rows: (Omit<ChainEntry, 'at'> & { at: Date })[] = await m.query(
        `select id::text, at, actor, action, subject, reason, previous_hash as "previousHash", hash
         from audit_log a where a.id > $1::bigint order by a.id limit $2`,
        [afterId, pageSize],
      );
      if (!rows.length) break;
      for (const row of rows) {
        const e: ChainEntry = { ...row, at: row.at.toISOString() };
        if (pending) return macFailure(key, pending, verified, e, stored);
        const keyed = keyedAfter !== null && BigInt(e.id) > keyedAfter;
        if (e.previousHash !== previous) {
          return broken(
            'relinked',
            verified,
            e.id,
            `第 ${e.id} 条审计记录与前一条不相衔接：其间的记录被删除、插入或调换`,
            stored,
          );
        }
        const expected = keyed ? auditMac(key, previous, e) : auditHash(previous, e);
        if (!sameHex(expected, e.hash)) {
          if (!stored) return broken('epoch', verified, e.id, EPOCH_MISSING, stored);
          if (!keyed) {
            return broken(
              'edited',
              verified,
              e.id,
              `第 ${e.id} 条审计记录（启用密钥前的 SM3 链）被改动`,
              stored,
            );
          }
          pending = e;
          continue;
        }
        previous = e.hash;
        verified += 1;
      }
      afterId = rows[rows.length - 1]!.id;
    }
    if (pending) return macFailure(key, pending, verified, null, stored);
    if (epoch) {
      // Every entry up to the epoch verified as SM3; the chain's legacy part must end at its head.
      const legacyHead: { hash: string | null }[] = await m.query(
        `select (select hash from audit_log where id <= $1::bigint order by id desc limit 1) as hash`,
        [epoch.afterId],
      );
      if ((legacyHead[0]?.hash ?? GENESIS_HASH) !== epoch.headHash) {
        return broken(
          'epoch',
          verified,
          null,
          `启用密钥前的审计记录被删除：密钥纪元记载其链头止于第 ${epoch.afterId} 条，现已不符`,
          stored,
        );
      }
    } else if (verified > 0) {
      return broken('epoch', verified, null, EPOCH_MISSING, stored);
    }
    return {
      ok: true,
      entries: verified,
      firstBrokenId: null,
      problem: null,
      message: `审计日志完整：${verified} 条记录，链与密钥 MAC 均可验证`,
      keyedAfterId: epoch?.afterId ?? null,
    };
  }

  /** The database the log lives in, by name and oid: a dropped and recreated database is another log. */
  async databaseIdentity(m: Queryable): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `select current_database() || '/' || oid::text as id from pg_database where datname = current_database()`,
    );
    return rows[0]!.id;
  }
}

const EPOCH_MISSING =
  '审计日志缺少密钥纪元记录（audit_epoch）：该记录被删除，或中枢尚未以审计密钥启动过（启动一次即建立）';

function broken(
  problem: AuditProblem,
  entries: number,
  firstBrokenId: string | null,
  message: string,
  stored: { epoch: AuditEpoch } | null,
): AuditVerification {
  return { ok: false, entries, firstBrokenId, problem, message, keyedAfterId: stored?.epoch.afterId ?? null };
}

/**
 * A keyed entry whose MAC does not match. If its successor verifies against the entry's stored
 * MAC, only this entry's fields were changed (`edited`); if not, the chain from it on was
 * recomputed (`recomputed`) — with plain SM3 when that is what the stored hash is.
 */
function macFailure(
  key: Buffer,
  e: ChainEntry,
  verified: number,
  next: ChainEntry | null,
  stored: { epoch: AuditEpoch } | null,
): AuditVerification {
  const plainSm3 = auditHash(e.previousHash, e) === e.hash;
  const nextHolds =
    next !== null && next.previousHash === e.hash && sameHex(auditMac(key, e.hash, next), next.hash);
  if (plainSm3 || (next !== null && !nextHolds)) {
    return broken(
      'recomputed',
      verified,
      e.id,
      `自第 ${e.id} 条起，审计链被不用本密钥重算（${plainSm3 ? '普通 SM3' : '错误的密钥'}）：记录被改写后伪造了链`,
      stored,
    );
  }
  return broken('edited', verified, e.id, `第 ${e.id} 条审计记录被改动：其内容与 MAC 不符`, stored);
}
