import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read state of notifications per recipient (issue 17): a notification to an office or department
 * is read by each of its people on their own. `key` is the notification's id as the API answers
 * it (a stored one's number; a computed one's `deadline-…`, `facts-…`, `notice-…`). The unused
 * `notifications.read_at` (one state for every recipient) goes.
 */
export class NotificationReads1735100000000 implements MigrationInterface {
  name = 'NotificationReads1735100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table notification_reads (
        principal_id uuid not null references principals (id),
        key text not null,
        read_at timestamptz not null default now(),
        primary key (principal_id, key)
      );
      alter table notifications drop column read_at;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table notifications add column read_at timestamptz;
      drop table notification_reads;
    `);
  }
}
