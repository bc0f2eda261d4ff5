import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canonical tables of the feeds consumed since "All feeds in": tax, bank, vehicle, enterprise
 * and petitions, plus real-estate mortgages. Every row points to the raw event it came from;
 * subjects are the `subjects` rows of the ingest identity scheme. Tables computed from stored
 * events (holdings, shareholdings, relations, mortgages) are replaced per asset or company
 * whenever one of its events arrives, so late events land in their place.
 */
export class RegistryProjections1732800000000 implements MigrationInterface {
  name = 'RegistryProjections1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- registry.tax/1: one row per taxpayer, period and authority; the newest business time wins.
      create table tax_records (
        subject_id bigint not null references subjects (id),
        period text not null,
        authority text not null,
        period_start date not null,
        period_end date not null,
        tax_paid_fen bigint not null,
        income_fen bigint,
        raw_event_id bigint not null references raw_events (id),
        occurred_at timestamptz not null,
        primary key (subject_id, period, authority)
      );

      -- registry.bank/1: the newest snapshot (by as_of) of each account, and every transfer.
      create table bank_accounts (
        bank_code text not null,
        account_no text not null,
        holder_subject_id bigint not null references subjects (id),
        opened_on date not null,
        balance_fen bigint not null,
        as_of date not null,
        raw_event_id bigint not null references raw_events (id),
        occurred_at timestamptz not null,
        primary key (bank_code, account_no)
      );
      create index bank_accounts_holder_idx on bank_accounts (holder_subject_id);
      create index bank_accounts_account_no_idx on bank_accounts (account_no);

      create table bank_transfers (
        raw_event_id bigint primary key references raw_events (id),
        from_subject_id bigint not null references subjects (id),
        from_account text not null,
        to_subject_id bigint not null references subjects (id),
        to_account text not null,
        amount_fen bigint not null,
        transferred_on date not null
      );
      create index bank_transfers_from_idx on bank_transfers (from_subject_id, transferred_on);
      create index bank_transfers_to_idx on bank_transfers (to_subject_id, transferred_on);

      -- registry.vehicle/1: events as they arrived, and the ownership intervals computed from them.
      create table vehicle_events (
        raw_event_id bigint primary key references raw_events (id),
        vin text not null,
        plate text not null,
        event text not null,
        owner_subject_id bigint not null references subjects (id),
        registered_on date not null,
        occurred_at timestamptz not null,
        value_fen bigint
      );
      create index vehicle_events_vin_idx on vehicle_events (vin, registered_on);

      create table vehicle_holdings (
        vin text not null,
        subject_id bigint not null references subjects (id),
        held_from date not null,
        held_to date,
        from_raw_event_id bigint not null references raw_events (id),
        to_raw_event_id bigint references raw_events (id),
        primary key (vin, subject_id, held_from)
      );
      create index vehicle_holdings_subject_idx on vehicle_holdings (subject_id);

      -- registry.enterprise/1: equity changes as they arrived; stakes over time and shareholder relations.
      create table enterprise_equity_events (
        raw_event_id bigint primary key references raw_events (id),
        company_subject_id bigint not null references subjects (id),
        shareholder_subject_id bigint not null references subjects (id),
        event text not null,
        share_pct numeric not null,
        subscribed_capital_fen bigint not null,
        registered_on date not null,
        occurred_at timestamptz not null
      );
      create index enterprise_equity_events_company_idx on enterprise_equity_events (company_subject_id, registered_on);

      -- held_from null: held since before the first event the registry sent (known from a transfer).
      create table enterprise_shareholdings (
        id bigserial primary key,
        company_subject_id bigint not null references subjects (id),
        shareholder_subject_id bigint not null references subjects (id),
        share_pct numeric not null,
        subscribed_capital_fen bigint not null,
        held_from date,
        held_to date,
        from_raw_event_id bigint references raw_events (id),
        to_raw_event_id bigint references raw_events (id),
        check (from_raw_event_id is not null or to_raw_event_id is not null)
      );
      create index enterprise_shareholdings_company_idx on enterprise_shareholdings (company_subject_id);
      create index enterprise_shareholdings_shareholder_idx on enterprise_shareholdings (shareholder_subject_id);

      -- Relations between subjects over [valid_from, valid_to), for the evasion models; kind 'shareholder' so far.
      create table subject_relations (
        id bigserial primary key,
        kind text not null,
        from_subject_id bigint not null references subjects (id),
        to_subject_id bigint not null references subjects (id),
        valid_from date,
        valid_to date,
        from_raw_event_id bigint references raw_events (id),
        to_raw_event_id bigint references raw_events (id),
        check (from_raw_event_id is not null or to_raw_event_id is not null)
      );
      create index subject_relations_from_idx on subject_relations (from_subject_id, kind);
      create index subject_relations_to_idx on subject_relations (to_subject_id, kind);

      -- procuratorate.petition/1: the case need not be known (yet), hence no foreign key.
      create table petitions (
        raw_event_id bigint primary key references raw_events (id),
        kind text not null,
        case_no text,
        subject_id bigint references subjects (id),
        received_on date not null,
        channel text not null,
        summary text not null
      );
      create index petitions_case_idx on petitions (case_no) where case_no is not null;
      create index petitions_subject_idx on petitions (subject_id) where subject_id is not null;

      -- registry.realestate/1 mortgages: the lender and claim of each event, and mortgages from registration to release.
      alter table realestate_events
        add column mortgagee_subject_id bigint references subjects (id),
        add column secured_fen bigint;

      create table realestate_mortgages (
        raw_event_id bigint primary key references raw_events (id),
        unit_no text not null,
        mortgagee_subject_id bigint references subjects (id),
        secured_fen bigint,
        registered_on date not null,
        released_on date,
        release_raw_event_id bigint references raw_events (id)
      );
      create index realestate_mortgages_unit_idx on realestate_mortgages (unit_no);
      create index realestate_mortgages_mortgagee_idx on realestate_mortgages (mortgagee_subject_id);
    `);

    // Backfill the lender and claim of real-estate events already stored, from their normalized payload,
    // with the identity keys of the ingest scheme (subjectOf: id, else uscc, else name within the unit).
    await q.query(`
      create temporary table mortgagee_backfill on commit drop as
        select e.raw_event_id, r.payload->'mortgagee' as party,
               case when r.payload->'mortgagee'->>'idNo' <> '' then 'id:' || (r.payload->'mortgagee'->>'idNo')
                    when r.payload->'mortgagee'->>'uscc' <> '' then 'uscc:' || (r.payload->'mortgagee'->>'uscc')
                    else 'name:' || (r.payload->'mortgagee'->>'kind') || ':' || (r.payload->'mortgagee'->>'name')
                         || '@unit:' || e.unit_no end as identity_key,
               (r.payload->>'securedAmount')::bigint as secured_fen
        from realestate_events e join raw_events r on r.id = e.raw_event_id
        where r.payload ? 'mortgagee' or r.payload ? 'securedAmount';
      insert into subjects (identity_key, kind, id_no, uscc, name)
        select distinct on (identity_key) identity_key, party->>'kind', party->>'idNo', party->>'uscc', party->>'name'
        from mortgagee_backfill where party is not null
        order by identity_key
        on conflict (identity_key) do nothing;
      update realestate_events e set
        mortgagee_subject_id = (select s.id from subjects s where s.identity_key = b.identity_key),
        secured_fen = b.secured_fen
      from mortgagee_backfill b where b.raw_event_id = e.raw_event_id;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table realestate_mortgages, petitions, subject_relations, enterprise_shareholdings,
        enterprise_equity_events, vehicle_holdings, vehicle_events, bank_transfers, bank_accounts, tax_records;
      alter table realestate_events drop column secured_fen, drop column mortgagee_subject_id;
    `);
  }
}
