import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';

/** One new envelope for the raw log: the producer's text as received, and the normalized payload. */
export interface RawEventCopyRow {
  /** The id reserved for it (reserveRawEventIds); the row takes it if it is new. */
  id: string;
  source: string;
  eventId: string;
  schemaId: string;
  topic: string;
  partition: number | null;
  offset: string | null;
  occurredAt: string;
  /** The envelope exactly as the producer sent it (UTF-8 text, checked by the decoder). */
  envelopeText: string;
  /** The normalized payload as JSON text. */
  payloadText: string;
}

/**
 * `n` ids of the raw log's sequence, ascending, for a batch's envelopes before its transaction:
 * the projections collect their rows once, with the ids the rows will have. An id whose envelope
 * turns out to be stored already is never used (the sequence has gaps anyway).
 */
export async function reserveRawEventIds(db: DataSource | EntityManager, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const rows: { id: string }[] = await db.query(
    `select id::text from (select nextval('raw_events_id_seq') as id from generate_series(1, $1::int)) x order by x.id`,
    [n],
  );
  return rows.map((r) => r.id);
}

/**
 * Appends envelopes to the raw log by COPY (pg-copy-streams): the producer's bytes go in as
 * they came, once, rather than parsed, re-serialized and sent inside one JSON array with the
 * payload; PostgreSQL reads plain rows instead of expanding a JSON document. The rows land in a
 * session temporary table (emptied at commit), then one INSERT … ON CONFLICT DO NOTHING moves
 * the new ones to `raw_events`, in the batch's order. Must run in a transaction.
 */
export async function copyRawEvents(
  m: EntityManager,
  rows: RawEventCopyRow[],
): Promise<{ id: string; source: string; eventId: string }[]> {
  if (!rows.length) return [];
  if (!m.queryRunner?.isTransactionActive) throw new Error('copyRawEvents needs a transaction');
  await m.query(
    `create temp table if not exists raw_events_copy (
       n int, id bigint, source text, event_id text, schema_id text, topic text, kafka_partition int,
       kafka_offset bigint, occurred_at timestamptz, envelope json, payload jsonb
     ) on commit delete rows`,
  );
  const lines = rows.map(
    (r, n) =>
      [
        String(n),
        r.id,
        field(r.source),
        field(r.eventId),
        field(r.schemaId),
        field(r.topic),
        r.partition === null ? '\\N' : String(r.partition),
        r.offset === null ? '\\N' : field(r.offset),
        field(r.occurredAt),
        field(r.envelopeText),
        field(r.payloadText),
      ].join('\t') + '\n',
  );
  await copyLines(
    m,
    `copy raw_events_copy (n, id, source, event_id, schema_id, topic, kafka_partition, kafka_offset, occurred_at,
                           envelope, payload) from stdin`,
    lines,
  );
  return m.query(
    `insert into raw_events (id, source, event_id, schema_id, topic, kafka_partition, kafka_offset, occurred_at,
                             envelope, payload)
     select id, source, event_id, schema_id, topic, kafka_partition, kafka_offset, occurred_at, envelope, payload
     from raw_events_copy order by n
     on conflict (source, event_id) do nothing
     returning id::text, source, event_id as "eventId"`,
  );
}

/**
 * Rows of a batch's fresh events into a table by COPY, in the batch's transaction: for tables keyed
 * by the raw event (`raw_event_id`), which a fresh event cannot have rows in yet, so nothing can
 * conflict. No JSON document to build and expand; each value in COPY's text format (null: `\N`).
 */
export async function copyRows(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  if (!rows.length) return;
  if (!m.queryRunner?.isTransactionActive) throw new Error('copyRows needs a transaction');
  const lines = rows.map(
    (r) =>
      r.map((v) => (v === null ? '\\N' : typeof v === 'number' ? String(v) : field(v))).join('\t') + '\n',
  );
  await copyLines(m, `copy ${table} (${columns.join(', ')}) from stdin`, lines);
}

/** COPY … FROM STDIN of these lines on the transaction's connection. */
async function copyLines(m: EntityManager, copySql: string, lines: string[]): Promise<void> {
  const client = (await m.queryRunner!.connect()) as PoolClient;
  await pipeline(Readable.from(chunks(lines)), client.query(copyFrom(copySql)));
}

/** A value in COPY's text format: backslash, newline, carriage return and tab escaped. */
function field(value: string): string {
  return /[\\\n\r\t]/.test(value)
    ? value.replace(/[\\\n\r\t]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
      )
    : value;
}

/** The lines in chunks of about 256 KB: few writes, bounded memory. */
function* chunks(lines: string[]): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
