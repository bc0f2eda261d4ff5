import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's keyed chain starts at an epoch (`audit_epoch`, one row, written by the hub
 * with the key it alone holds: the migration cannot re-chain the existing rows without it).
 * The log also refuses TRUNCATE now, as it refuses UPDATE and DELETE.
 */
export class KeyedAuditChain1734000000000 implements MigrationInterface {
  name = 'KeyedAuditChain1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table audit_epoch (
        id smallint primary key check (id = 1),
        after_id bigint not null,
        head_hash text not null,
        at timestamptz not null,
        mac text not null
      );
      create trigger audit_epoch_no_change before update or delete on audit_epoch
        for each row execute function audit_log_append_only();
      create trigger audit_epoch_no_truncate before truncate on audit_epoch
        for each statement execute function audit_log_append_only();
      create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop trigger audit_log_no_truncate on audit_log;
      drop table audit_epoch;
    `);
  }
}
