import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offices whose signed model packages this hub imports (issue 18): each office's SM2 public
 * key (uncompressed, hex), kept by an operator (`models.trust`); every change is audited.
 */
export class ModelTrustedKeys1735300000000 implements MigrationInterface {
  name = 'ModelTrustedKeys1735300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table model_trusted_keys (
        unit_code text primary key check (unit_code ~ '^[0-9]{6}$'),
        public_key text not null check (public_key ~ '^04[0-9a-f]{128}$'),
        note text,
        added_by text not null,
        added_at timestamptz not null default now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table model_trusted_keys`);
  }
}
