import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business time per source, and leads that later facts cure (issue 11).
 *
 * - `source_progress`: per producer (`court:浙0803`, `agency:tax:330800`, …) and partition, the
 *   newest business time it has delivered (never past the wall clock), how many events, when it
 *   last sent; written by the partition's own batches, so partitions never wait on each other.
 * - `source_clocks`: each producer's business clock (monotone; now once it is live), written by
 *   screening. A case is judged as of its own court's clock.
 * - `leads.withdrawn_*`: a lead whose violation later facts no longer show, still new, is
 *   withdrawn (status `withdrawn`) by the system; a lead being handled is flagged
 *   (`facts_changed_*`) and its handler withdraws it (by = 'staff') or carries on.
 * - `outbox.not_before`: the settle time before a new lead is queued; `job_name` `withdraw`
 *   removes a withdrawn lead's jobs from the queues it was added to.
 */
export class SourceTime1733600000000 implements MigrationInterface {
  name = 'SourceTime1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table source_progress (
        source text not null,
        topic text not null,
        kafka_partition int not null,
        max_occurred_at timestamptz not null,
        events bigint not null default 0,
        first_arrival_at timestamptz not null default now(),
        last_arrival_at timestamptz not null default now(),
        primary key (source, topic, kafka_partition)
      );
      create table source_clocks (
        source text primary key,
        as_of timestamptz not null
      );

      alter table leads
        add column withdrawn_at timestamptz,
        add column withdrawn_by text check (withdrawn_by in ('system', 'staff')),
        add column withdrawn_reason text,
        add column facts_changed_at timestamptz,
        add column facts_changed jsonb;
      create index leads_case_model_idx on leads (case_no, model_id) where kind = 'individual';

      alter table outbox add column not_before timestamptz not null default '-infinity';
      drop index if exists outbox_pending_idx;
      create index outbox_pending_idx on outbox (not_before, id) where relayed_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index if exists outbox_pending_idx;
      alter table outbox drop column not_before;
      create index outbox_pending_idx on outbox (id) where relayed_at is null;
      drop index if exists leads_case_model_idx;
      alter table leads drop column withdrawn_at, drop column withdrawn_by, drop column withdrawn_reason,
        drop column facts_changed_at, drop column facts_changed;
      drop table source_clocks, source_progress;
    `);
  }
}
