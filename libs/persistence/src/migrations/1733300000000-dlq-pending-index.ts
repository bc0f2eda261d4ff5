import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The DLQ relay looks for quarantine rows not yet copied every few seconds: keep that cheap. */
export class DlqPendingIndex1733300000000 implements MigrationInterface {
  name = 'DlqPendingIndex1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `create index quarantine_dlq_pending_idx on quarantine (id) where dlq_published_at is null`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index quarantine_dlq_pending_idx`);
  }
}
