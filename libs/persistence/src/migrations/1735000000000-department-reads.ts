import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department visibility on reads (issue 17): a person of 控告申诉 also reads the leads with an
 * application or report, looked up by the petition's lead.
 */
export class DepartmentReads1735000000000 implements MigrationInterface {
  name = 'DepartmentReads1735000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index petitions_lead_idx on petitions (lead_id) where lead_id is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index petitions_lead_idx`);
  }
}
