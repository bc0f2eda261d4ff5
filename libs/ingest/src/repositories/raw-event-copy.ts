import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** One new envelope for the raw log: the producer's text as received, and the normalized payload. */
export interface RawEventCopyRow {
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
    `create temp table if not exists raw_events_in (
       n int, source text, event_id text, schema_id text, topic text, kafka_partition int,
       kafka_offset bigint, occurred_at timestamptz, envelope json, payload jsonb
     ) on commit delete rows`,
  );
  const client = (await m.queryRunner.connect()) as PoolClient;
  const lines = rows.map(
    (r, n) =>
      [
        String(n),
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
  await pipeline(
    Readable.from(chunks(lines)),
    client.query(
      copyFrom(
        `copy raw_events_in (n, source, event_id, schema_id, topic, kafka_partition, kafka_offset, occurred_at,
                             envelope, payload) from stdin`,
      ),
    ),
  );
  return m.query(
    `insert into raw_events (source, event_id, schema_id, topic, kafka_partition, kafka_offset, occurred_at, envelope, payload)
     select source, event_id, schema_id, topic, kafka_partition, kafka_offset, occurred_at, envelope, payload
     from raw_events_in order by n
     on conflict (source, event_id) do nothing
     returning id::text, source, event_id as "eventId"`,
  );
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
