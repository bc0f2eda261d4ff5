import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addDays, isWorkingDay } from '@zhijian/domain';
import { APP_ROLE } from './1734000000001-app-role';

/** The role declarative model predicates run as: it reads the canonical views and nothing else. */
export const MODEL_READER_ROLE = 'zhijian_model_reader';
export const MODEL_VIEWS_SCHEMA = 'model_views';

const CALENDAR_FROM = '2000-01-01';
const CALENDAR_TO = '2040-12-31';

/**
 * Canonical views for declarative supervision models (issue 18), in schema `model_views`, each
 * cut at the business date in the transaction setting `zhijian.cutoff` (the day a case's clock
 * has completed; no setting: everything), the way `factsAsOf` cuts the facts of the built-in
 * models: what was filed, held, registered or happened later is left out, and ends (closing,
 * release, end of holding) dated later are undone. Views run with their owner's rights: the
 * role `zhijian_model_reader` may read them (and the calendar functions) and nothing else.
 */
export class ModelViews1734900000000 implements MigrationInterface {
  name = 'ModelViews1734900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      do $$
      begin
        if not exists (select 1 from pg_roles where rolname = '${MODEL_READER_ROLE}') then
          begin
            create role ${MODEL_READER_ROLE} nologin nosuperuser nocreatedb nocreaterole noinherit;
          exception when duplicate_object or unique_violation then
            null; -- created meanwhile by a migration of another database
          end;
        end if;
      end $$;
    `);
    await q.query(`
      create schema ${MODEL_VIEWS_SCHEMA};
      create function ${MODEL_VIEWS_SCHEMA}.cutoff() returns date language sql stable as $$
        select coalesce(nullif(current_setting('zhijian.cutoff', true), '')::date, 'infinity'::date)
      $$;
      create table ${MODEL_VIEWS_SCHEMA}.calendar (day date primary key, workday boolean not null);
    `);
    const days: string[] = [];
    const work: boolean[] = [];
    for (let d = CALENDAR_FROM; d <= CALENDAR_TO; d = addDays(d, 1)) {
      days.push(d);
      work.push(isWorkingDay(d));
    }
    await q.query(
      `insert into ${MODEL_VIEWS_SCHEMA}.calendar (day, workday) select * from unnest($1::date[], $2::boolean[])`,
      [days, work],
    );
    const v = MODEL_VIEWS_SCHEMA;
    const ended = (col: string) => `case when ${col} > ${v}.cutoff() then null else ${col} end`;
    await q.query(`
      -- 民事诉讼法 art. 85: a period ends on its last day, moved to the next working day.
      create function ${v}.next_workday(d date) returns date language sql stable as $$
        select coalesce((select min(c.day) from ${v}.calendar c where c.day >= d and c.workday),
                        d + (case extract(isodow from d)::int when 6 then 2 when 7 then 1 else 0 end))
      $$;
      create function ${v}.period_end(start date, days int) returns date language sql stable as $$
        select ${v}.next_workday(start + days)
      $$;
      create function ${v}.period_end_months(start date, months int) returns date language sql stable as $$
        select ${v}.next_workday((start + make_interval(months => months))::date)
      $$;
      create function ${v}.is_workday(d date) returns boolean language sql stable as $$
        select coalesce((select c.workday from ${v}.calendar c where c.day = d), extract(isodow from d) < 6)
      $$;

      create view ${v}.cases as
        select c.case_no, c.court_code, c.court_level, c.filed_on, c.claim_fen, c.origin, c.category,
               ${ended('c.closed_on')} as closed_on,
               case when c.closed_on > ${v}.cutoff() then null else c.close_method end as close_method,
               fe.source as filed_source, fe.event_id as filed_event_id,
               case when c.closed_on > ${v}.cutoff() then null else ce.source end as closed_source,
               case when c.closed_on > ${v}.cutoff() then null else ce.event_id end as closed_event_id,
               case when c.closed_on > ${v}.cutoff() then null else ce.payload end as closed_payload,
               c.previous_case_no, ${ended('c.restored_on')} as restored_on,
               case when c.restored_on > ${v}.cutoff() then null else re.source end as restored_source,
               case when c.restored_on > ${v}.cutoff() then null else re.event_id end as restored_event_id
        from public.cases c
        left join public.raw_events fe on fe.id = c.filed_event_id
        left join public.raw_events ce on ce.id = c.closed_event_id
        left join public.raw_events re on re.id = c.restored_event_id
        where c.filed_on is null or c.filed_on <= ${v}.cutoff();

      create view ${v}.case_timeline as
        select e.case_no, e.type, e.on_date, r.payload, r.source, r.event_id, r.occurred_at,
               e.party_subject_id, e.raw_event_id as seq
        from public.case_events e
        join public.raw_events r on r.id = e.raw_event_id
        join public.cases c on c.case_no = e.case_no
        where e.on_date <= ${v}.cutoff() and (c.filed_on is null or c.filed_on <= ${v}.cutoff());

      create view ${v}.parties as
        -- No ID numbers: predicates join people by subject; the lead's parties are added by the runtime.
        select p.case_no, p.role, p.subject_id, s.kind, p.name, s.uscc
        from public.case_parties p
        join public.subjects s on s.id = p.subject_id
        join public.cases c on c.case_no = p.case_no
        where c.filed_on is null or c.filed_on <= ${v}.cutoff();

      create view ${v}.subject_links as
        select subject_id, canonical_subject_id from public.subject_links where revoked_at is null;

      create view ${v}.controls as
        select a.case_no, a.control_id, a.measure, a.asset_kind, a.asset_id, a.owner_subject_id, a.value_fen,
               a.controlled_on, a.expires_on, ${ended('a.renewed_on')} as renewed_on,
               ${ended('a.released_on')} as released_on, r.source, r.event_id
        from public.asset_controls a left join public.raw_events r on r.id = a.control_event_id
        where a.controlled_on <= ${v}.cutoff();

      create view ${v}.realestate_holdings as
        select h.unit_no, h.subject_id, h.share, h.held_from, ${ended('h.held_to')} as held_to,
               fe.source as from_source, fe.event_id as from_event_id,
               case when h.held_to > ${v}.cutoff() then null else te.source end as to_source,
               case when h.held_to > ${v}.cutoff() then null else te.event_id end as to_event_id
        from public.realestate_holdings h
        join public.raw_events fe on fe.id = h.from_raw_event_id
        left join public.raw_events te on te.id = h.to_raw_event_id
        where h.held_from <= ${v}.cutoff();

      create view ${v}.vehicle_holdings as
        select h.vin, h.subject_id, h.held_from, ${ended('h.held_to')} as held_to,
               fe.source as from_source, fe.event_id as from_event_id,
               case when h.held_to > ${v}.cutoff() then null else te.source end as to_source,
               case when h.held_to > ${v}.cutoff() then null else te.event_id end as to_event_id
        from public.vehicle_holdings h
        join public.raw_events fe on fe.id = h.from_raw_event_id
        left join public.raw_events te on te.id = h.to_raw_event_id
        where h.held_from <= ${v}.cutoff();

      create view ${v}.equity_holdings as
        select h.company_subject_id, c.uscc as company_uscc, h.shareholder_subject_id, h.share_pct,
               h.subscribed_capital_fen, h.held_from, ${ended('h.held_to')} as held_to,
               fe.source as from_source, fe.event_id as from_event_id
        from public.enterprise_shareholdings h
        join public.subjects c on c.id = h.company_subject_id
        left join public.raw_events fe on fe.id = h.from_raw_event_id
        where h.held_from is null or h.held_from <= ${v}.cutoff();

      create view ${v}.bank_accounts as
        select a.bank_code, a.account_no, a.holder_subject_id as subject_id, a.opened_on, a.balance_fen, a.as_of,
               r.source, r.event_id
        from public.bank_accounts a join public.raw_events r on r.id = a.raw_event_id
        where a.as_of <= ${v}.cutoff();

      create view ${v}.transfers as
        select t.from_subject_id, t.to_subject_id, t.amount_fen, t.transferred_on, r.source, r.event_id
        from public.bank_transfers t join public.raw_events r on r.id = t.raw_event_id
        where t.transferred_on <= ${v}.cutoff();

      create view ${v}.payouts as
        select e.case_no, e.on_date as disbursed_on, e.party_subject_id as payee_subject_id,
               (r.payload->>'amount')::numeric as amount_fen, r.payload, r.source, r.event_id
        from public.case_events e join public.raw_events r on r.id = e.raw_event_id
        where e.type = 'funds.disbursed' and e.on_date <= ${v}.cutoff();

      create view ${v}.tax_records as
        select t.subject_id, t.period, t.authority, t.period_start, t.period_end, t.tax_paid_fen, t.income_fen,
               r.source, r.event_id
        from public.tax_records t join public.raw_events r on r.id = t.raw_event_id
        where t.period_start <= ${v}.cutoff();

      create view ${v}.mortgages as
        select g.unit_no, g.mortgagee_subject_id, g.secured_fen, g.registered_on,
               ${ended('g.released_on')} as released_on, r.source, r.event_id
        from public.realestate_mortgages g join public.raw_events r on r.id = g.raw_event_id
        where g.registered_on <= ${v}.cutoff();

      create view ${v}.relations as
        select x.kind, x.from_subject_id, x.to_subject_id, x.valid_from, ${ended('x.valid_to')} as valid_to,
               r.source, r.event_id
        from public.subject_relations x
        left join public.raw_events r on r.id = coalesce(x.from_raw_event_id, x.to_raw_event_id)
        where x.valid_from is null or x.valid_from <= ${v}.cutoff();

      revoke all on schema ${v} from public;
      grant usage on schema ${v} to ${MODEL_READER_ROLE};
      grant select on all tables in schema ${v} to ${MODEL_READER_ROLE};
      grant execute on all functions in schema ${v} to ${MODEL_READER_ROLE};
      revoke all on schema public from ${MODEL_READER_ROLE};
    `);
    // The hub (and whoever runs migrations, for backtests from the CLI) switches to the reader
    // role inside the read-only transaction of a predicate.
    await q.query(`
      do $$
      begin
        if exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
          grant ${MODEL_READER_ROLE} to ${APP_ROLE};
          grant usage on schema ${v} to ${APP_ROLE};
          grant select on all tables in schema ${v} to ${APP_ROLE};
          grant execute on all functions in schema ${v} to ${APP_ROLE};
        end if;
        if not (select rolsuper from pg_roles where rolname = current_user) then
          execute format('grant ${MODEL_READER_ROLE} to %I', current_user);
        end if;
      end $$;
    `);
    await q.query(`
      -- Declarative models: every version kept, with its review state (issue 18).
      create table declarative_models (
        model_id text not null,
        version int not null,
        status text not null default 'draft'
          check (status in ('draft', 'submitted', 'returned', 'approved', 'listed', 'retired')),
        source text not null,
        definition jsonb not null,
        unit_code text not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        review_comment text,
        reviewed_by text,
        reviewed_at timestamptz,
        listed_at timestamptz,
        retired_at timestamptz,
        primary key (model_id, version)
      );
      create unique index declarative_models_one_listed on declarative_models (model_id) where status = 'listed';
      create table declarative_model_switches (
        model_id text not null,
        unit_code text not null,
        switched_off_by text not null,
        switched_off_at timestamptz not null default now(),
        primary key (model_id, unit_code)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table declarative_model_switches;
      drop table declarative_models;
      drop schema ${MODEL_VIEWS_SCHEMA} cascade;
    `);
  }
}
