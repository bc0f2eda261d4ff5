import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case work on leads (issue 17): a named handler of the office, notes, attachments (kept in the
 * database as bytea), saved filters, notifications, transfers (to another department, to
 * 纪检监察 / 刑事检察, to the court) and the 结果告知书 served on a petitioner. Departments of
 * principals: `complaint` (控告申诉) or `civil` (民事检察); a lead is with `civil` unless
 * transferred. Monthly thematic reports are kept in `thematic_reports`.
 */
export class Casework1734800000000 implements MigrationInterface {
  name = 'Casework1734800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table leads
        add column handler_id uuid references principals (id),
        add column department text not null default 'civil';
      create index leads_handler_idx on leads (handler_id) where handler_id is not null;

      create table principal_departments (
        principal_id uuid primary key references principals (id),
        department text not null check (department in ('complaint', 'civil'))
      );

      create table lead_notes (
        id uuid primary key default gen_random_uuid(),
        lead_id uuid not null references leads (id),
        author_id uuid not null references principals (id),
        author_name text not null,
        body text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz
      );
      create index lead_notes_lead_idx on lead_notes (lead_id, created_at);

      create table lead_attachments (
        id uuid primary key default gen_random_uuid(),
        lead_id uuid not null references leads (id),
        file_name text not null,
        content_type text not null,
        size_bytes integer not null,
        sha256 text not null,
        content bytea not null,
        uploaded_by uuid not null references principals (id),
        uploaded_by_name text not null,
        uploaded_at timestamptz not null default now()
      );
      create index lead_attachments_lead_idx on lead_attachments (lead_id, uploaded_at);

      create table saved_filters (
        id uuid primary key default gen_random_uuid(),
        principal_id uuid not null references principals (id),
        name text not null,
        query jsonb not null,
        created_at timestamptz not null default now(),
        unique (principal_id, name)
      );

      create table notifications (
        id bigserial primary key,
        principal_id uuid references principals (id),
        unit_code text,
        department text,
        kind text not null,
        lead_id uuid references leads (id),
        text text not null,
        at timestamptz not null default now(),
        read_at timestamptz,
        check (principal_id is not null or unit_code is not null)
      );
      create index notifications_principal_idx on notifications (principal_id, at desc);
      create index notifications_unit_idx on notifications (unit_code, at desc);

      create table lead_transfers (
        id uuid primary key default gen_random_uuid(),
        lead_id uuid not null references leads (id),
        kind text not null check (kind in ('department', 'discipline', 'criminal', 'court')),
        from_unit text not null,
        from_department text not null,
        to_department text,
        to_name text not null,
        reason text not null,
        document_no text,
        evidence jsonb,
        status text not null default 'pending' check (status in ('pending', 'accepted')),
        receipt_no text,
        by_id uuid not null references principals (id),
        by_name text not null,
        at timestamptz not null default now(),
        accepted_by_name text,
        accepted_at timestamptz
      );
      create index lead_transfers_lead_idx on lead_transfers (lead_id, at);
      create index lead_transfers_pending_idx on lead_transfers (status) where status = 'pending';

      create table lead_notices (
        id uuid primary key default gen_random_uuid(),
        lead_id uuid not null unique references leads (id),
        document_no text not null,
        served_on date not null,
        recipient text not null,
        pdf bytea not null,
        made_by_name text not null,
        made_at timestamptz not null default now()
      );

      -- Monthly 专题分析报告 of every office, kept (zhijian report --monthly).
      create table thematic_reports (
        id uuid primary key default gen_random_uuid(),
        unit_code text not null,
        period text not null,
        from_day date not null,
        to_day date not null,
        figures jsonb not null,
        html text not null,
        pdf bytea not null,
        generated_at timestamptz not null default now(),
        unique (unit_code, period)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table thematic_reports;
      drop table lead_notices;
      drop table lead_transfers;
      drop table notifications;
      drop table saved_filters;
      drop table lead_attachments;
      drop table lead_notes;
      drop table principal_departments;
      drop index leads_handler_idx;
      alter table leads drop column department, drop column handler_id;
    `);
  }
}
