import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1732600000000 implements MigrationInterface {
  name = 'InitialSchema1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Append-only log of every accepted envelope; (source, event_id) is the idempotency key of the spec.
      create table raw_events (
        id bigserial primary key,
        source text not null,
        event_id text not null,
        schema_id text not null,
        topic text not null,
        kafka_partition int,
        kafka_offset bigint,
        occurred_at timestamptz not null,
        received_at timestamptz not null default now(),
        envelope jsonb not null,
        payload jsonb not null,
        constraint raw_events_source_event_uq unique (source, event_id)
      );
      create index raw_events_occurred_at_idx on raw_events (occurred_at);

      -- Rejected messages, kept whole with the reason code of spec §6.
      create table quarantine (
        id bigserial primary key,
        topic text not null,
        kafka_partition int not null default -1,
        kafka_offset bigint not null default -1,
        message_key text,
        headers jsonb not null default '{}',
        raw bytea not null,
        reason text not null,
        violations jsonb not null default '[]',
        received_at timestamptz not null default now(),
        status text not null default 'open',
        dlq_published_at timestamptz,
        constraint quarantine_position_uq unique (topic, kafka_partition, kafka_offset)
      );
      create index quarantine_reason_idx on quarantine (reason, received_at);

      -- One subject per real person or organisation; identity_key is the normalized identifier.
      create table subjects (
        id bigserial primary key,
        identity_key text not null unique,
        kind text not null,
        id_no text,
        uscc text,
        name text not null,
        created_at timestamptz not null default now()
      );

      create table cases (
        case_no text primary key,
        court_code text not null,
        court_level text not null,
        case_year int not null,
        type_code text not null,
        filed_on date,
        claim_fen bigint,
        origin text,
        category text,
        filed_event_id bigint references raw_events (id),
        filed_occurred_at timestamptz,
        closed_on date,
        close_method text,
        recovered_fen bigint,
        applicant_notified_on date,
        closed_event_id bigint references raw_events (id),
        closed_occurred_at timestamptz,
        previous_case_no text,
        restored_on date,
        restored_event_id bigint references raw_events (id),
        updated_at timestamptz not null default now()
      );
      create index cases_previous_case_no_idx on cases (previous_case_no) where previous_case_no is not null;

      create table case_parties (
        case_no text not null,
        role text not null,
        subject_id bigint not null references subjects (id),
        name text not null,
        primary key (case_no, role, subject_id)
      );
      create index case_parties_subject_idx on case_parties (subject_id, role);

      create table asset_controls (
        case_no text not null,
        control_id text not null,
        measure text not null,
        asset_kind text not null,
        asset_id text not null,
        owner_subject_id bigint references subjects (id),
        value_fen bigint not null,
        controlled_on date not null,
        expires_on date not null,
        renewed_on date,
        released_on date,
        control_event_id bigint references raw_events (id),
        primary key (case_no, control_id)
      );
      create index asset_controls_asset_idx on asset_controls (asset_kind, asset_id);

      -- Registry facts as they arrived, and the ownership intervals computed from them.
      create table realestate_events (
        raw_event_id bigint primary key references raw_events (id),
        unit_no text not null,
        event text not null,
        registered_on date not null,
        occurred_at timestamptz not null,
        admin_code text not null,
        owners jsonb not null
      );
      create index realestate_events_unit_idx on realestate_events (unit_no, registered_on);

      create table realestate_holdings (
        unit_no text not null,
        subject_id bigint not null references subjects (id),
        share numeric not null,
        held_from date not null,
        held_to date,
        from_raw_event_id bigint not null references raw_events (id),
        to_raw_event_id bigint references raw_events (id),
        primary key (unit_no, subject_id, held_from)
      );
      create index realestate_holdings_subject_idx on realestate_holdings (subject_id);

      -- Business clock: per-partition progress and the low watermark derived from it.
      create table partition_progress (
        topic text not null,
        kafka_partition int not null,
        max_occurred_at timestamptz not null,
        caught_up boolean not null,
        updated_at timestamptz not null default now(),
        primary key (topic, kafka_partition)
      );
      create table business_clock (
        id int primary key default 1 check (id = 1),
        as_of timestamptz not null
      );

      -- Work for screening: cases whose facts changed, and deadlines due at business time.
      create table screening_queue (
        case_no text primary key,
        enqueued_at timestamptz not null default now()
      );
      create table deadline_timers (
        model_id text not null,
        case_no text not null,
        due_at timestamptz not null,
        primary key (model_id, case_no)
      );
      create index deadline_timers_due_idx on deadline_timers (due_at);

      create table leads (
        id uuid primary key default gen_random_uuid(),
        model_id text not null,
        model_version int not null,
        dedup_key text not null,
        case_no text,
        unit_code text not null,
        tier text not null,
        severity text not null,
        priority int not null,
        title text not null,
        legal_basis text not null,
        statement text not null,
        evidence jsonb not null,
        status text not null default 'new',
        as_of timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint leads_model_dedup_uq unique (model_id, dedup_key)
      );
      create index leads_unit_idx on leads (unit_code, created_at desc);
      create index leads_case_idx on leads (case_no);

      -- Transactional outbox: written with the lead, relayed to the office's BullMQ queue.
      create table outbox (
        id bigserial primary key,
        lead_id uuid not null references leads (id),
        queue text not null,
        priority int not null,
        payload jsonb not null,
        created_at timestamptz not null default now(),
        relayed_at timestamptz
      );
      create index outbox_pending_idx on outbox (id) where relayed_at is null;

      -- Every read of a lead's detail (personal data) is recorded.
      create table lead_reads (
        id bigserial primary key,
        lead_id uuid not null,
        actor text not null,
        reason text,
        read_at timestamptz not null default now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table lead_reads, outbox, leads, deadline_timers, screening_queue, business_clock,
        partition_progress, realestate_holdings, realestate_events, asset_controls, case_parties,
        cases, subjects, quarantine, raw_events;
    `);
  }
}
