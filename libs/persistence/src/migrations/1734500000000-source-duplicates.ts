import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicates per source and day (issue 16, the conformance report's duplicate rate): a message
 * whose (source, eventId) the raw log already held is not stored, so it is counted here, by the
 * ingest transaction that found it. Days are China time.
 */
export class SourceDuplicates1734500000000 implements MigrationInterface {
  name = 'SourceDuplicates1734500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table source_duplicates (
        source text not null,
        day date not null,
        duplicates bigint not null default 0,
        primary key (source, day)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table source_duplicates`);
  }
}
