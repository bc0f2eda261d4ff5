import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People sign in (a session token per sign-in, expiring when idle and absolutely); systems' tokens
 * expire and rotate with a grace period for the token they replace. Only sha256 of tokens is kept.
 * System tokens issued before this migration get a year from now.
 */
export class SessionsAndTokenExpiry1734200000000 implements MigrationInterface {
  name = 'SessionsAndTokenExpiry1734200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table principals
        add column token_expires_at timestamptz,
        add column token_rotated_at timestamptz,
        add column previous_token_hash text unique,
        add column previous_token_valid_until timestamptz,
        add constraint principals_previous_token_grace check ((previous_token_hash is null) = (previous_token_valid_until is null));
      update principals set token_expires_at = now() + interval '365 days' where kind = 'system';

      create table principal_sessions (
        id uuid primary key default gen_random_uuid(),
        principal_id uuid not null references principals (id),
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        last_used_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_reason text
      );
      create index principal_sessions_active_idx on principal_sessions (principal_id) where revoked_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table principal_sessions;
      alter table principals
        drop constraint principals_previous_token_grace,
        drop column previous_token_valid_until,
        drop column previous_token_hash,
        drop column token_rotated_at,
        drop column token_expires_at;
    `);
  }
}
