import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HTTP batch upload (POST /v1/feeds/:topic) for agencies without Kafka.
 *
 * - `feed_keys`: API keys, stored as sha256 hex only, each bound to the sources it may publish as
 *   (exact, or a prefix ending in `*`) and the topics it may post to.
 * - `feed_uploads`: one row per upload id (the client's `Idempotency-Key`, or a generated one),
 *   owned by the key and topic that first used it; counts once finished.
 * - `upload_receipts`: the (source, event_id) pairs an upload accepted, i.e. put on Kafka. Inserted
 *   on conflict do nothing, in the transaction that waits for Kafka's acknowledgement, so two
 *   concurrent uploads of one event decide atomically which one accepted it; a committed receipt
 *   means the message is on Kafka. `upload_line` lets a retried body get its first answers back.
 * - `quarantine`: rejected upload lines are kept like Kafka rejections, with kafka_partition = -1,
 *   kafka_offset from a sequence (so the existing unique (topic, partition, offset) never collides)
 *   and the real key (upload_id, upload_line): a retried body does not quarantine twice.
 */
export class FeedUpload1732900000000 implements MigrationInterface {
  name = 'FeedUpload1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table feed_keys (
        id bigserial primary key,
        key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
        name text not null,
        allowed_sources text[] not null check (cardinality(allowed_sources) > 0),
        allowed_topics text[] not null check (cardinality(allowed_topics) > 0),
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        constraint feed_keys_key_hash_uq unique (key_hash)
      );

      create table feed_uploads (
        id text primary key,
        key_id bigint not null references feed_keys (id),
        topic text not null,
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        lines int,
        accepted int,
        duplicate int,
        rejected int
      );

      create table upload_receipts (
        source text not null,
        event_id text not null,
        upload_id text not null,
        upload_line int not null,
        accepted_at timestamptz not null default now(),
        primary key (source, event_id)
      );

      alter table quarantine add column upload_id text, add column upload_line int;
      create unique index quarantine_upload_line_uq on quarantine (upload_id, upload_line);
      create sequence quarantine_upload_offset_seq;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop sequence quarantine_upload_offset_seq;
      drop index quarantine_upload_line_uq;
      alter table quarantine drop column upload_line, drop column upload_id;
      drop table upload_receipts, feed_uploads, feed_keys;
    `);
  }
}
