import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entity linking (libs/linking).
 *
 * - `subject_links` keeps every decision: a revoked link stays as it was, and a relink is a new
 *   row, so the table gets its own id; at most one active link per subject.
 * - Namesakes are found by (kind, name); a batch first asks which of its names have a subject
 *   without identifier at all (a small partial index), so linking costs little where there is none.
 * - Accounts are matched on either side of a transfer.
 * - registry.enterprise events may name the company's legal person (`legal_person` relations).
 */
export class Linking1733500000000 implements MigrationInterface {
  name = 'Linking1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table subject_links drop constraint subject_links_pkey;
      alter table subject_links add column id bigserial primary key;
      create unique index subject_links_active_uq on subject_links (subject_id) where revoked_at is null;
      create index subject_links_subject_idx on subject_links (subject_id, id);

      create index subjects_kind_name_idx on subjects (kind, name);
      create index subjects_unidentified_name_idx on subjects (kind, name) where id_no is null and uscc is null;
      create index bank_transfers_from_account_idx on bank_transfers (from_account);
      create index bank_transfers_to_account_idx on bank_transfers (to_account);

      alter table enterprise_equity_events add column legal_person_subject_id bigint references subjects (id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table enterprise_equity_events drop column legal_person_subject_id;
      drop index bank_transfers_to_account_idx, bank_transfers_from_account_idx, subjects_unidentified_name_idx,
        subjects_kind_name_idx,
        subject_links_subject_idx, subject_links_active_uq;
      delete from subject_links where revoked_at is not null;
      alter table subject_links drop constraint subject_links_pkey;
      alter table subject_links drop column id;
      alter table subject_links add primary key (subject_id);
    `);
  }
}
