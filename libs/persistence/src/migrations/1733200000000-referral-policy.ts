import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral policy (README, "Referral policy"):
 *
 * - Generations: a lead closed or rejected is raised again, on new facts only, as a new
 *   lead whose dedup key is the first one's with `#<generation>` appended. `base_key` and
 *   `generation` are computed from `dedup_key` by Postgres, so there is one source of truth
 *   and every writer gets them right; the latest generation of a key is one index probe.
 * - Where a lead went and why: `desk` (the provincial task force or triage desk, else null),
 *   `local_unit` (the office by place and level: informed of a major lead, proposed to
 *   triage), `routing_reason`. `class_key` names the class (court and period) an individual
 *   lead counts toward; `source_lead_id` the lead a follow-up follows.
 * - `outbox.job_name`: `lead` or `inform` (the county office told of a major lead).
 * - `followup_timers`: business time at which a lead's 检察建议 must be looked at again. A
 *   trigger queues the lead for a look at once (`-infinity`) whenever its suggestion or reply
 *   columns change, whoever changes them (the intake API's lifecycle endpoints).
 * - `petitions.screened_at` / `lead_id`: a petition becomes a lead, or joins one, once.
 */
export class ReferralPolicy1733200000000 implements MigrationInterface {
  name = 'ReferralPolicy1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table leads
        add column base_key text generated always as (regexp_replace(dedup_key, '#[0-9]+$', '')) stored,
        add column generation int generated always as
          (coalesce(substring(dedup_key from '#([0-9]+)$')::int, 1)) stored,
        add column desk text check (desk in ('taskforce', 'triage')),
        add column local_unit text,
        add column routing_reason text,
        add column class_key text,
        add column source_lead_id uuid references leads (id),
        add constraint leads_kind_ck check (kind in ('individual', 'class', 'followup'));
      update leads set local_unit = unit_code, routing_reason = 'same_level' where local_unit is null;
      create index leads_generation_idx on leads (model_id, base_key, generation desc);
      create index leads_class_key_idx on leads (model_id, class_key) where class_key is not null;
      create index leads_unclaimed_idx on leads ((coalesce(escalated_at, created_at)))
        where status = 'new' and tier <> 'province';
      create index leads_source_lead_idx on leads (source_lead_id) where source_lead_id is not null;

      alter table outbox add column job_name text not null default 'lead';

      create table followup_timers (
        lead_id uuid primary key references leads (id),
        due_at timestamptz not null
      );
      create index followup_timers_due_idx on followup_timers (due_at);
      create function leads_followup_watch() returns trigger language plpgsql as $$
        begin
          insert into followup_timers (lead_id, due_at) values (new.id, '-infinity')
          on conflict (lead_id) do update set due_at = '-infinity';
          return null;
        end $$;
      create trigger leads_followup_watch
        after update of suggestion_served_on, suggestion_extended, court_reply, court_replied_on on leads
        for each row when (
          old.suggestion_served_on is distinct from new.suggestion_served_on
          or old.suggestion_extended is distinct from new.suggestion_extended
          or old.court_reply is distinct from new.court_reply
          or old.court_replied_on is distinct from new.court_replied_on)
        execute function leads_followup_watch();

      alter table petitions
        add column screened_at timestamptz,
        add column lead_id uuid references leads (id);
      create index petitions_unscreened_idx on petitions (raw_event_id) where screened_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index petitions_unscreened_idx;
      alter table petitions drop column lead_id, drop column screened_at;
      drop trigger leads_followup_watch on leads;
      drop function leads_followup_watch();
      drop table followup_timers;
      alter table outbox drop column job_name;
      drop index leads_source_lead_idx;
      drop index leads_unclaimed_idx;
      drop index leads_class_key_idx;
      drop index leads_generation_idx;
      alter table leads
        drop constraint leads_kind_ck,
        drop column source_lead_id, drop column class_key, drop column routing_reason,
        drop column local_unit, drop column desk, drop column generation, drop column base_key;
    `);
  }
}
