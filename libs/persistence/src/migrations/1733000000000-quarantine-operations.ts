import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operators' work on quarantined messages (spec §6: "see it, fix or replay it"). The
 * original bytes in `raw` are never changed: a correction goes to `corrected_raw`, with
 * who and when; a replay records when and its outcome. Status: open → corrected →
 * replayed, or discarded (with a reason) from open or corrected.
 */
export class QuarantineOperations1733000000000 implements MigrationInterface {
  name = 'QuarantineOperations1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table quarantine
        add column corrected_raw bytea,
        add column corrected_at timestamptz,
        add column corrected_by text,
        add column replayed_at timestamptz,
        add column replayed_by text,
        add column replay_outcome text,
        add column discarded_at timestamptz,
        add column discarded_by text,
        add column discard_reason text,
        add constraint quarantine_status_ck check (status in ('open', 'corrected', 'replayed', 'discarded')),
        add constraint quarantine_replay_outcome_ck
          check (replay_outcome is null or replay_outcome in ('accepted', 'duplicate', 'rejected'));
      create index quarantine_status_received_idx on quarantine (status, received_at desc);
      create index quarantine_received_idx on quarantine (received_at desc);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index quarantine_received_idx;
      drop index quarantine_status_received_idx;
      alter table quarantine
        drop constraint quarantine_replay_outcome_ck,
        drop constraint quarantine_status_ck,
        drop column discard_reason,
        drop column discarded_by,
        drop column discarded_at,
        drop column replay_outcome,
        drop column replayed_by,
        drop column replayed_at,
        drop column corrected_by,
        drop column corrected_at,
        drop column corrected_raw;
    `);
  }
}
