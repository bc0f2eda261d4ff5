import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervision-model catalogue reads every court event of a case, not only filing and
 * closing: `case_events` indexes each `court.case-event` of the raw log by case, type and
 * business date (the payload stays in `raw_events`), with the subject of the party the event
 * names (payee, offset taker, objector, owner of a controlled asset).
 *
 * `subject_links` records links of subjects without an identifier to an identified subject,
 * with the attributes that agreed; a link is revoked (never deleted, ids never renumbered)
 * when the evidence stops being unambiguous.
 */
export class CaseTimeline1733400000000 implements MigrationInterface {
  name = 'CaseTimeline1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table case_events (
        raw_event_id bigint primary key references raw_events (id),
        case_no text not null,
        type text not null,
        on_date date not null,
        party_subject_id bigint references subjects (id)
      );
      create index case_events_case_idx on case_events (case_no, on_date);
      create index case_events_party_idx on case_events (party_subject_id) where party_subject_id is not null;

      insert into case_events (raw_event_id, case_no, type, on_date)
        select r.id, r.payload->>'caseNo', r.payload->>'type',
               coalesce(r.payload->>'filedOn', r.payload->>'servedOn', r.payload->>'liftedOn',
                        r.payload->>'performedOn', r.payload->>'receivedOn', r.payload->>'verifiedOn',
                        r.payload->>'controlledOn', r.payload->>'renewedOn', r.payload->>'releasedOn',
                        r.payload->>'valuedOn', r.payload->>'heldOn', r.payload->>'offsetOn',
                        r.payload->>'disbursedOn', r.payload->>'decidedOn', r.payload->>'approvedOn',
                        r.payload->>'closedOn', r.payload->>'restoredOn')::date
        from raw_events r where r.topic = 'court.case-events';

      create table subject_links (
        subject_id bigint primary key references subjects (id),
        canonical_subject_id bigint not null references subjects (id),
        evidence jsonb not null,
        linked_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_reason text,
        check (subject_id <> canonical_subject_id)
      );
      create index subject_links_canonical_idx on subject_links (canonical_subject_id) where revoked_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table subject_links, case_events`);
  }
}
