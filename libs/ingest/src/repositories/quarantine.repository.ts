import type { EntityManager } from 'typeorm';
import { reasonMessageZh } from '@zhijian/contracts';
import { storableViolations } from '@zhijian/persistence';

export const QUARANTINE_STATUSES = ['open', 'corrected', 'replayed', 'discarded'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

export const REPLAY_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;
export type ReplayOutcome = (typeof REPLAY_OUTCOMES)[number];

export function isQuarantineStatus(s: string): s is QuarantineStatus {
  return (QUARANTINE_STATUSES as readonly string[]).includes(s);
}

/** A failing field as the decoder reports it (JSON pointer, message, which check). */
export interface QuarantineViolation {
  pointer: string;
  message: string;
  check?: string;
}

/** Bytes shown to an operator: as text when they are valid UTF-8, else base64. */
export interface ShownBytes {
  encoding: 'utf8' | 'base64';
  text: string;
  bytes: number;
}

export interface QuarantineFilter {
  /** Physical topic names; a row matches any of them. */
  topics?: string[];
  reason?: string;
  status?: QuarantineStatus;
  /** received_at >= from */
  from?: Date;
  /** received_at < to */
  to?: Date;
  limit: number;
  offset: number;
}

export interface QuarantineSummary {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  /** The reason in Chinese, for staff (REASON_MESSAGES_ZH). */
  messageZh: string;
  violations: QuarantineViolation[];
  status: QuarantineStatus;
  receivedAt: Date;
  rawBytes: number;
  corrected: boolean;
  correctedAt: Date | null;
  replayedAt: Date | null;
  replayOutcome: ReplayOutcome | null;
  discardedAt: Date | null;
  dlqPublishedAt: Date | null;
}

export interface QuarantineDetail extends QuarantineSummary {
  headers: Record<string, string>;
  raw: ShownBytes;
  correction: ShownBytes | null;
  correctedBy: string | null;
  replayedBy: string | null;
  discardedBy: string | null;
  discardReason: string | null;
}

/** What a replay needs: the stored bytes and where they came from. */
export interface QuarantineRecord {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  raw: Buffer;
  correctedRaw: Buffer | null;
  status: QuarantineStatus;
}

const SUMMARY_COLUMNS = `
  id::text, topic, kafka_partition as partition, kafka_offset::text as "offset", message_key as key, reason,
  violations, status, received_at as "receivedAt", octet_length(raw) as "rawBytes",
  corrected_raw is not null as corrected, corrected_at as "correctedAt", replayed_at as "replayedAt",
  replay_outcome as "replayOutcome", discarded_at as "discardedAt", dlq_published_at as "dlqPublishedAt"`;

// ignoreBOM: a byte-order mark is part of what was received (and why JSON.parse failed), so it is shown.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function withMessageZh<T extends { reason: string }>(row: T): T & { messageZh: string } {
  return { ...row, messageZh: reasonMessageZh(row.reason) };
}

export function showBytes(bytes: Buffer): ShownBytes {
  try {
    return { encoding: 'utf8', text: utf8.decode(bytes), bytes: bytes.length };
  } catch {
    return { encoding: 'base64', text: bytes.toString('base64'), bytes: bytes.length };
  }
}

/**
 * Operators' view of and work on the quarantine. The original `raw` bytes are never
 * changed; a correction is stored beside them. Transitions are guarded in SQL so that
 * a concurrent change cannot skip a state: open → corrected → replayed, open|corrected → discarded.
 */
/** A quarantined message on its way to the DLQ topic. */
export interface DlqCandidate {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  raw: Buffer;
  reason: string;
  violations: unknown;
  uploadId: string | null;
  uploadLine: number | null;
}

export class QuarantineRepository {
  /**
   * Newest first. The total and the page are read in one REPEATABLE READ transaction, so from one
   * snapshot: read apart, a rejection committed by the consumer between the two statements was
   * in the page but not in the total (`total: 0` beside an item) — on a busy machine, at any hour.
   */
  async list(m: EntityManager, f: QuarantineFilter): Promise<{ items: QuarantineSummary[]; total: number }> {
    if (m.queryRunner?.isTransactionActive) return this.listIn(m, f);
    return m.transaction('REPEATABLE READ', (t) => this.listIn(t, f));
  }

  private async listIn(
    m: EntityManager,
    f: QuarantineFilter,
  ): Promise<{ items: QuarantineSummary[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.topics?.length) add('topic = any(?::text[])', f.topics);
    if (f.reason) add('reason = ?', f.reason);
    if (f.status) add('status = ?', f.status);
    if (f.from) add('received_at >= ?', f.from);
    if (f.to) add('received_at < ?', f.to);
    const clause = where.length ? `where ${where.join(' and ')}` : '';
    const total: { n: number }[] = await m.query(
      `select count(*)::int as n from quarantine ${clause}`,
      params,
    );
    const rows: Omit<QuarantineSummary, 'messageZh'>[] = await m.query(
      `select ${SUMMARY_COLUMNS} from quarantine ${clause}
       order by received_at desc, id desc limit $${params.length + 1} offset $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(withMessageZh), total: total[0]?.n ?? 0 };
  }

  async get(m: EntityManager, id: string): Promise<QuarantineDetail | null> {
    const rows: (Omit<QuarantineSummary, 'messageZh'> & {
      headers: Record<string, string>;
      raw: Buffer;
      correctedRaw: Buffer | null;
      correctedBy: string | null;
      replayedBy: string | null;
      discardedBy: string | null;
      discardReason: string | null;
    })[] = await m.query(
      `select ${SUMMARY_COLUMNS}, headers, raw, corrected_raw as "correctedRaw", corrected_by as "correctedBy",
              replayed_by as "replayedBy", discarded_by as "discardedBy", discard_reason as "discardReason"
       from quarantine where id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const { raw, correctedRaw, ...rest } = row;
    return {
      ...withMessageZh(rest),
      raw: showBytes(raw),
      correction: correctedRaw ? showBytes(correctedRaw) : null,
    };
  }

  /** The stored bytes and origin of one message; `lock` takes a row lock for the caller's transaction. */
  async load(m: EntityManager, id: string, lock = false): Promise<QuarantineRecord | null> {
    const rows: QuarantineRecord[] = await m.query(
      `select id::text, topic, kafka_partition as partition, kafka_offset::text as "offset", message_key as key,
              headers, raw, corrected_raw as "correctedRaw", status
       from quarantine where id = $1 ${lock ? 'for update' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Stores corrected bytes (the original stays as it is); only while the message is open or corrected. */
  async recordCorrection(m: EntityManager, id: string, corrected: Buffer, actor: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `update quarantine set corrected_raw = $2, corrected_at = now(), corrected_by = $3, status = 'corrected'
       where id = $1 and status in ('open', 'corrected')
       returning id`,
      [id, corrected, actor],
    );
    return rows.length > 0;
  }

  /**
   * Records a replay. Accepted or duplicate: the event is in the raw log, the message is
   * replayed. Rejected: the new reason and violations replace the old, the status stays.
   * A discarded message is never changed.
   */
  async recordReplay(
    m: EntityManager,
    id: string,
    outcome: ReplayOutcome,
    actor: string,
    rejection?: { reason: string; violations: QuarantineViolation[] },
  ): Promise<boolean> {
    const rows: unknown[] =
      outcome === 'rejected'
        ? await m.query(
            `update quarantine set replayed_at = now(), replayed_by = $2, replay_outcome = 'rejected',
                    reason = $3, violations = $4::jsonb
             where id = $1 and status in ('open', 'corrected')
             returning id`,
            [id, actor, rejection?.reason, JSON.stringify(storableViolations(rejection?.violations ?? []))],
          )
        : await m.query(
            `update quarantine set replayed_at = now(), replayed_by = $2, replay_outcome = $3, status = 'replayed'
             where id = $1 and status in ('open', 'corrected')
             returning id`,
            [id, actor, outcome],
          );
    return rows.length > 0;
  }

  async discard(m: EntityManager, id: string, reason: string, actor: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `update quarantine set status = 'discarded', discarded_at = now(), discarded_by = $2, discard_reason = $3
       where id = $1 and status in ('open', 'corrected')
       returning id`,
      [id, actor, reason],
    );
    return rows.length > 0;
  }

  /** Quarantined messages not copied to their DLQ topic yet, oldest first, locked for this publisher. */
  async claimUnpublished(m: EntityManager, limit: number): Promise<DlqCandidate[]> {
    return m.query(
      `select id::text, topic, kafka_partition as partition, kafka_offset::text as "offset", message_key as key, raw,
              reason, violations, upload_id as "uploadId", upload_line as "uploadLine"
       from quarantine where dlq_published_at is null
       order by id limit $1 for update skip locked`,
      [limit],
    );
  }

  async markPublished(m: EntityManager, ids: string[]): Promise<void> {
    await m.query(`update quarantine set dlq_published_at = now() where id = any($1::bigint[])`, [ids]);
  }
}
