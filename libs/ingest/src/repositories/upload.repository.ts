import type { EntityManager } from 'typeorm';
import { storableHeaders, storableViolations } from '@zhijian/persistence';

/** One (source, eventId) pair of an upload line that passed validation and authorization. */
export interface ReceiptCandidate {
  source: string;
  eventId: string;
  line: number;
}

/** A rejected upload line, kept whole like a rejected Kafka message. */
export interface UploadQuarantineRow {
  line: number;
  raw: Buffer;
  reason: string;
  violations: unknown[];
  headers: Record<string, string>;
}

export interface UploadCounts {
  lines: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

/**
 * SQL of the HTTP feed upload. Each chunk of lines costs a few multi-row statements in one
 * transaction; see the migration FeedUpload1732900000000 for the keying.
 */
export class UploadRepository {
  /**
   * Records the upload id for this key and topic. A retried request (same id, key and topic)
   * continues the same upload; an id already used by another key or for another topic is a conflict.
   */
  async beginUpload(
    m: EntityManager,
    uploadId: string,
    keyId: string,
    topic: string,
  ): Promise<'new' | 'retry' | 'conflict'> {
    const inserted: unknown[] = await m.query(
      `insert into feed_uploads (id, key_id, topic) values ($1, $2::bigint, $3) on conflict (id) do nothing
       returning id`,
      [uploadId, keyId, topic],
    );
    if (inserted.length) return 'new';
    const rows: { keyId: string; topic: string }[] = await m.query(
      `select key_id::text as "keyId", topic from feed_uploads where id = $1`,
      [uploadId],
    );
    return rows[0]?.keyId === keyId && rows[0].topic === topic ? 'retry' : 'conflict';
  }

  async finishUpload(m: EntityManager, uploadId: string, counts: UploadCounts): Promise<void> {
    await m.query(
      `update feed_uploads set finished_at = now(), lines = $2, accepted = $3, duplicate = $4, rejected = $5
       where id = $1`,
      [uploadId, counts.lines, counts.accepted, counts.duplicate, counts.rejected],
    );
  }

  /**
   * Claims the pairs for this upload; returns the lines whose receipt this call inserted. A pair
   * already in the raw log (delivered by Kafka, or by an earlier upload and consumed) is not
   * claimed, nor one with a receipt. Receipts are inserted in key order, so that two uploads
   * sharing pairs wait on each other rather than deadlock; a pair another open transaction has
   * just claimed waits for that transaction and is then not claimed (or is, if it rolled back).
   */
  async claimReceipts(m: EntityManager, uploadId: string, rows: ReceiptCandidate[]): Promise<Set<number>> {
    if (!rows.length) return new Set();
    const claimed: { line: number }[] = await m.query(
      `insert into upload_receipts (source, event_id, upload_id, upload_line)
       select x.source, x.event_id, $3, x.line
       from unnest($1::text[], $2::text[], $4::int[]) as x(source, event_id, line)
       where not exists (select 1 from raw_events r where r.source = x.source and r.event_id = x.event_id)
       order by x.source, x.event_id
       on conflict (source, event_id) do nothing
       returning upload_line as line`,
      [rows.map((r) => r.source), rows.map((r) => r.eventId), uploadId, rows.map((r) => r.line)],
    );
    return new Set(claimed.map((c) => c.line));
  }

  /**
   * Of pairs not claimed, the lines whose receipt is this upload's for that very line (a retried
   * body). A statement of its own, so that it sees receipts committed while the claim waited.
   */
  async ownReceipts(m: EntityManager, uploadId: string, rows: ReceiptCandidate[]): Promise<Set<number>> {
    if (!rows.length) return new Set();
    const own: { line: number }[] = await m.query(
      `select x.line
       from unnest($1::text[], $2::text[], $4::int[]) as x(source, event_id, line)
       join upload_receipts u on u.source = x.source and u.event_id = x.event_id
       where u.upload_id = $3 and u.upload_line = x.line`,
      [rows.map((r) => r.source), rows.map((r) => r.eventId), uploadId, rows.map((r) => r.line)],
    );
    return new Set(own.map((o) => o.line));
  }

  /**
   * Quarantines rejected lines of an upload under (upload_id, upload_line); a retried body finds
   * its lines already there. kafka_partition = -1 marks the HTTP transport; kafka_offset is only
   * a unique filler for the (topic, partition, offset) constraint of Kafka rows.
   */
  async insertQuarantine(
    m: EntityManager,
    physicalTopic: string,
    uploadId: string,
    rows: UploadQuarantineRow[],
  ): Promise<number> {
    if (!rows.length) return 0;
    const inserted: unknown[] = await m.query(
      `insert into quarantine (topic, kafka_partition, kafka_offset, message_key, headers, raw, reason, violations,
                               upload_id, upload_line)
       select $2, -1, nextval('quarantine_upload_offset_seq'), null, x.headers, decode(x.raw, 'base64'), x.reason,
              x.violations, $3, x.line
       from jsonb_to_recordset($1::jsonb) as x(line int, headers jsonb, raw text, reason text, violations jsonb)
       on conflict (upload_id, upload_line) do nothing
       returning id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            ...r,
            headers: storableHeaders(r.headers),
            violations: storableViolations(r.violations),
            raw: r.raw.toString('base64'),
          })),
        ),
        physicalTopic,
        uploadId,
      ],
    );
    return inserted.length;
  }
}
