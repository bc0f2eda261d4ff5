import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Kafka consumer's view of each partition, written by the ingest part at every lag check
 * (500 ms): the group's committed offset against the partition's end, when it last made progress,
 * since when its oldest unread message has waited, and whether its batch is failing and retried.
 * /health, /metrics and /v1/status read it, whichever process serves them.
 */
export class ConsumerPartitions1733800000000 implements MigrationInterface {
  name = 'ConsumerPartitions1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table consumer_partitions (
        topic text not null,
        kafka_partition int not null,
        committed_offset bigint not null,
        end_offset bigint not null,
        lag bigint not null,
        oldest_unread_since timestamptz,
        progressed_at timestamptz not null,
        retrying_since timestamptz,
        last_error text,
        checked_at timestamptz not null default now(),
        primary key (topic, kafka_partition)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table consumer_partitions`);
  }
}
