import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screening claim finds a round's queue rows by case number. Without an index its plan
 * depended on the planner's statistics: with stale ones (a queue analysed when nearly empty, then
 * grown to tens of thousands of rows on a server without autovacuum) one claim ran for minutes and
 * stalled screening. With this index the claim reads the rows of the round's cases only, whatever
 * the statistics say.
 */
export class ScreeningQueueCaseIndex1735400000000 implements MigrationInterface {
  name = 'ScreeningQueueCaseIndex1735400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index screening_queue_case_no on screening_queue (case_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index screening_queue_case_no`);
  }
}
