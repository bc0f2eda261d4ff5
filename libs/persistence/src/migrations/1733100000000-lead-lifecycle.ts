import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procuratorate's side of a lead: who may see and act (principals), what was done
 * (transitions, assignments), what was read (a tamper-evident audit log), and the facts
 * of its handling that rates are computed from.
 */
export class LeadLifecycle1733100000000 implements MigrationInterface {
  name = 'LeadLifecycle1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table principals (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        kind text not null check (kind in ('person', 'system')),
        role text not null,
        unit_code text not null,
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        disabled_at timestamptz
      );

      alter table leads
        add column kind text not null default 'individual',
        add column class_lead_id uuid references leads (id),
        add column claim_fen bigint,
        add column livelihood boolean not null default false,
        add column labor_applicants int not null default 0,
        add column claimed_by uuid references principals (id),
        add column claimed_at timestamptz,
        add column accepted_at timestamptz,
        add column rejected_reason text,
        add column suggestion_no text,
        add column suggestion_served_on date,
        add column suggestion_extended boolean not null default false,
        add column court_reply text check (court_reply in ('adopted', 'not_adopted')),
        add column court_replied_on date,
        add column recovered_fen bigint,
        add column closed_at timestamptz,
        add column escalation_level int not null default 0,
        add column escalated_at timestamptz,
        add column version int not null default 1;
      create index leads_status_idx on leads (unit_code, status, created_at desc);
      create index leads_class_idx on leads (class_lead_id) where class_lead_id is not null;

      -- Every lifecycle move: who, when, from what to what, why.
      create table lead_transitions (
        id bigserial primary key,
        lead_id uuid not null references leads (id),
        action text not null,
        from_status text not null,
        to_status text not null,
        actor_id uuid references principals (id),
        actor_name text not null,
        at timestamptz not null default now(),
        reason text,
        data jsonb not null default '{}'
      );
      create index lead_transitions_lead_idx on lead_transitions (lead_id, id);

      -- Routing changes after the first referral: triage, manual reassignment, escalation.
      create table lead_assignments (
        id bigserial primary key,
        lead_id uuid not null references leads (id),
        from_unit text not null,
        to_unit text not null,
        kind text not null check (kind in ('triage', 'reassign', 'escalate', 'inform')),
        reason text not null,
        actor_name text not null,
        at timestamptz not null default now()
      );
      create index lead_assignments_lead_idx on lead_assignments (lead_id, id);

      -- Append-only audit log; each row's hash chains SM3 over the previous row's.
      create table audit_log (
        id bigserial primary key,
        at timestamptz not null default now(),
        actor text not null,
        action text not null,
        subject text not null,
        reason text,
        previous_hash text not null,
        hash text not null
      );
      create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$;
      create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table audit_log, lead_assignments, lead_transitions;
      drop function audit_log_append_only();
      alter table leads
        drop column kind, drop column class_lead_id, drop column claim_fen, drop column livelihood,
        drop column labor_applicants, drop column claimed_by, drop column claimed_at, drop column accepted_at,
        drop column rejected_reason, drop column suggestion_no, drop column suggestion_served_on,
        drop column suggestion_extended, drop column court_reply, drop column court_replied_on,
        drop column recovered_fen, drop column closed_at, drop column escalation_level, drop column escalated_at,
        drop column version;
      drop index if exists leads_status_idx;
      drop table principals;
    `);
  }
}
