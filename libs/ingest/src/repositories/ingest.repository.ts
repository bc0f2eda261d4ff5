import type { EntityManager } from 'typeorm';
import { lockKeys, occurredAtIso, storableHeaders, storableViolations } from '@zhijian/persistence';
import { escapeControlText } from '@zhijian/contracts';
import { copyRows } from './raw-event-copy';

export interface CaseEventRow {
  rawEventId: string;
  caseNo: string;
  type: string;
  onDate: string;
  partySubjectId: string | null;
}

export interface QuarantineRow {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  raw: Buffer;
  reason: string;
  violations: unknown[];
}

export interface SubjectRow {
  identityKey: string;
  kind: 'person' | 'org';
  idNo: string | null;
  uscc: string | null;
  name: string;
}

export interface CaseFiledRow {
  caseNo: string;
  courtCode: string;
  courtLevel: string;
  year: number;
  typeCode: string;
  filedOn: string;
  claimFen: number;
  origin: string;
  category: string;
  rawEventId: string;
  occurredAt: string;
}

export interface CaseClosedRow {
  caseNo: string;
  courtCode: string;
  courtLevel: string;
  year: number;
  typeCode: string;
  closedOn: string;
  method: string;
  recoveredFen: number;
  applicantNotifiedOn: string | null;
  rawEventId: string;
  occurredAt: string;
}

export interface CaseRestoredRow {
  caseNo: string;
  courtCode: string;
  courtLevel: string;
  year: number;
  typeCode: string;
  previousCaseNo: string;
  restoredOn: string;
  rawEventId: string;
}

export interface CasePartyRow {
  caseNo: string;
  role: 'applicant' | 'respondent';
  subjectId: string;
  name: string;
}

export interface AssetControlRow {
  caseNo: string;
  controlId: string;
  measure: string;
  assetKind: string;
  assetId: string;
  ownerSubjectId: string | null;
  valueFen: number;
  controlledOn: string;
  expiresOn: string;
  rawEventId: string;
}

export interface RealEstateEventRow {
  rawEventId: string;
  unitNo: string;
  event: string;
  registeredOn: string;
  occurredAt: string;
  adminCode: string;
  owners: { subjectId: string; share: number }[];
  /** Mortgage and mortgage-release events: the lender and the secured claim, when the registry names them. */
  mortgageeSubjectId?: string | null;
  securedFen?: number | null;
}

/** A mortgage on a unit from its registration to its release (null: not released). */
export interface MortgageRow {
  unitNo: string;
  mortgageeSubjectId: string | null;
  securedFen: number | null;
  registeredOn: string;
  releasedOn: string | null;
  rawEventId: string;
  releaseRawEventId: string | null;
}

export interface HoldingRow {
  unitNo: string;
  subjectId: string;
  share: number;
  heldFrom: string;
  heldTo: string | null;
  fromRawEventId: string;
  toRawEventId: string | null;
}

/**
 * SQL of the ingest step. Every write is a multi-row statement over a JSON array
 * parameter, so that a Kafka batch costs a handful of round trips, not one per message.
 */
export class IngestRepository {
  /**
   * Stores rejected messages whatever their bytes: `raw` (bytea) as received, the key, headers and
   * violations (text, jsonb: PostgreSQL refuses NUL and lone surrogates there) in escaped text form.
   */
  async insertQuarantine(m: EntityManager, rows: QuarantineRow[]): Promise<string[]> {
    if (!rows.length) return [];
    const result: { id: string }[] = await m.query(
      `insert into quarantine (topic, kafka_partition, kafka_offset, message_key, headers, raw, reason, violations)
       select x.topic, x.partition, x."offset"::bigint, x.key, x.headers, decode(x.raw, 'base64'), x.reason, x.violations
       from jsonb_to_recordset($1::jsonb) as x(topic text, partition int, "offset" text, key text, headers jsonb,
            raw text, reason text, violations jsonb)
       on conflict (topic, kafka_partition, kafka_offset) do nothing
       returning id::text`,
      [
        JSON.stringify(
          rows.map((r) => ({
            ...r,
            key: r.key === null ? null : escapeControlText(r.key),
            headers: storableHeaders(r.headers),
            violations: storableViolations(r.violations),
            raw: r.raw.toString('base64'),
          })),
        ),
      ],
    );
    return result.map((r) => r.id);
  }

  /** Upserts subjects by identity key; returns identity key → subject id for all of them. */
  async upsertSubjects(m: EntityManager, rows: SubjectRow[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    if (!rows.length) return ids;
    const unique = [...new Map(rows.map((r) => [r.identityKey, r])).values()];
    const result: { id: string; identityKey: string }[] = await m.query(
      `insert into subjects (identity_key, kind, id_no, uscc, name)
       select x."identityKey", x.kind, x."idNo", x.uscc, x.name
       from jsonb_to_recordset($1::jsonb) as x("identityKey" text, kind text, "idNo" text, uscc text, name text)
       order by x."identityKey"
       on conflict (identity_key) do update set name = excluded.name
       returning id::text, identity_key as "identityKey"`,
      [JSON.stringify(unique)],
    );
    for (const r of result) ids.set(r.identityKey, r.id);
    return ids;
  }

  /** The newest filing fact (by business time) wins, whatever order the events arrive in. */
  async projectCaseFiled(m: EntityManager, rows: CaseFiledRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into cases as c (case_no, court_code, court_level, case_year, type_code, filed_on, claim_fen, origin,
                               category, filed_event_id, filed_occurred_at)
       select x."caseNo", x."courtCode", x."courtLevel", x.year, x."typeCode", x."filedOn", x."claimFen", x.origin,
              x.category, x."rawEventId"::bigint, x."occurredAt"
       from jsonb_to_recordset($1::jsonb) as x("caseNo" text, "courtCode" text, "courtLevel" text, year int,
            "typeCode" text, "filedOn" date, "claimFen" bigint, origin text, category text, "rawEventId" text,
            "occurredAt" timestamptz)
       order by x."caseNo"
       on conflict (case_no) do update set
         filed_on = excluded.filed_on, claim_fen = excluded.claim_fen, origin = excluded.origin,
         category = excluded.category, filed_event_id = excluded.filed_event_id,
         filed_occurred_at = excluded.filed_occurred_at, updated_at = now()
       where c.filed_occurred_at is null or c.filed_occurred_at <= excluded.filed_occurred_at`,
      [JSON.stringify(rows)],
    );
  }

  async projectCaseClosed(m: EntityManager, rows: CaseClosedRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into cases as c (case_no, court_code, court_level, case_year, type_code, closed_on, close_method,
                               recovered_fen, applicant_notified_on, closed_event_id, closed_occurred_at)
       select x."caseNo", x."courtCode", x."courtLevel", x.year, x."typeCode", x."closedOn", x.method, x."recoveredFen",
              x."applicantNotifiedOn", x."rawEventId"::bigint, x."occurredAt"
       from jsonb_to_recordset($1::jsonb) as x("caseNo" text, "courtCode" text, "courtLevel" text, year int,
            "typeCode" text, "closedOn" date, method text, "recoveredFen" bigint, "applicantNotifiedOn" date,
            "rawEventId" text, "occurredAt" timestamptz)
       order by x."caseNo"
       on conflict (case_no) do update set
         closed_on = excluded.closed_on, close_method = excluded.close_method,
         recovered_fen = excluded.recovered_fen, applicant_notified_on = excluded.applicant_notified_on,
         closed_event_id = excluded.closed_event_id, closed_occurred_at = excluded.closed_occurred_at,
         updated_at = now()
       where c.closed_occurred_at is null or c.closed_occurred_at <= excluded.closed_occurred_at`,
      [JSON.stringify(rows)],
    );
  }

  async projectCaseRestored(m: EntityManager, rows: CaseRestoredRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into cases (case_no, court_code, court_level, case_year, type_code, previous_case_no, restored_on, restored_event_id)
       select x."caseNo", x."courtCode", x."courtLevel", x.year, x."typeCode", x."previousCaseNo", x."restoredOn",
              x."rawEventId"::bigint
       from jsonb_to_recordset($1::jsonb) as x("caseNo" text, "courtCode" text, "courtLevel" text, year int,
            "typeCode" text, "previousCaseNo" text, "restoredOn" date, "rawEventId" text)
       order by x."caseNo"
       on conflict (case_no) do update set
         previous_case_no = excluded.previous_case_no, restored_on = excluded.restored_on,
         restored_event_id = excluded.restored_event_id, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  async insertCaseParties(m: EntityManager, rows: CasePartyRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into case_parties (case_no, role, subject_id, name)
       select x."caseNo", x.role, x."subjectId"::bigint, x.name
       from jsonb_to_recordset($1::jsonb) as x("caseNo" text, role text, "subjectId" text, name text)
       on conflict do nothing`,
      [JSON.stringify(rows)],
    );
  }

  async upsertAssetControls(m: EntityManager, rows: AssetControlRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into asset_controls (case_no, control_id, measure, asset_kind, asset_id, owner_subject_id, value_fen,
                                   controlled_on, expires_on, control_event_id)
       select x."caseNo", x."controlId", x.measure, x."assetKind", x."assetId", x."ownerSubjectId"::bigint, x."valueFen",
              x."controlledOn", x."expiresOn", x."rawEventId"::bigint
       from jsonb_to_recordset($1::jsonb) as x("caseNo" text, "controlId" text, measure text, "assetKind" text,
            "assetId" text, "ownerSubjectId" text, "valueFen" bigint, "controlledOn" date, "expiresOn" date, "rawEventId" text)
       order by x."caseNo", x."controlId"
       on conflict (case_no, control_id) do update set
         measure = excluded.measure, asset_kind = excluded.asset_kind, asset_id = excluded.asset_id,
         owner_subject_id = excluded.owner_subject_id, value_fen = excluded.value_fen,
         controlled_on = excluded.controlled_on, control_event_id = excluded.control_event_id,
         expires_on = greatest(asset_controls.expires_on, excluded.expires_on)`,
      [JSON.stringify(rows)],
    );
  }

  /** Renewals and releases may arrive before the control itself: they create a placeholder the control fills. */
  async applyControlChanges(
    m: EntityManager,
    rows: {
      caseNo: string;
      controlId: string;
      renewedOn: string | null;
      releasedOn: string | null;
      expiresOn: string | null;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into asset_controls (case_no, control_id, measure, asset_kind, asset_id, value_fen, controlled_on,
                                   expires_on, renewed_on, released_on)
       select x."caseNo", x."controlId", 'unknown', 'unknown', '', 0, '1900-01-01', coalesce(x."expiresOn", '1900-01-01'),
              x."renewedOn", x."releasedOn"
       from jsonb_to_recordset($1::jsonb) as x("caseNo" text, "controlId" text, "renewedOn" date, "releasedOn" date,
            "expiresOn" date)
       on conflict (case_no, control_id) do update set
         renewed_on = greatest(asset_controls.renewed_on, excluded.renewed_on),
         released_on = coalesce(asset_controls.released_on, excluded.released_on),
         expires_on = greatest(asset_controls.expires_on, excluded.expires_on)`,
      [JSON.stringify(rows)],
    );
  }

  async insertRealEstateEvents(m: EntityManager, rows: RealEstateEventRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into realestate_events (raw_event_id, unit_no, event, registered_on, occurred_at, admin_code, owners,
                                      mortgagee_subject_id, secured_fen)
       select x."rawEventId"::bigint, x."unitNo", x.event, x."registeredOn", x."occurredAt", x."adminCode", x.owners,
              x."mortgageeSubjectId"::bigint, x."securedFen"
       from jsonb_to_recordset($1::jsonb) as x("rawEventId" text, "unitNo" text, event text, "registeredOn" date,
            "occurredAt" timestamptz, "adminCode" text, owners jsonb, "mortgageeSubjectId" text, "securedFen" bigint)
       on conflict do nothing`,
      [JSON.stringify(rows)],
    );
  }

  /** Locks the units (see lockKeys), then loads every registry event of them. */
  async lockAndLoadRealEstateEvents(m: EntityManager, unitNos: string[]): Promise<RealEstateEventRow[]> {
    if (!unitNos.length) return [];
    await lockKeys(m, 'realestate', unitNos);
    return m.query(
      `select raw_event_id::text as "rawEventId", unit_no as "unitNo", event,
              to_char(registered_on, 'YYYY-MM-DD') as "registeredOn", ${occurredAtIso()} as "occurredAt",
              admin_code as "adminCode", owners, mortgagee_subject_id::text as "mortgageeSubjectId",
              secured_fen::float8 as "securedFen"
       from realestate_events where unit_no = any($1::text[])
       order by unit_no, registered_on, occurred_at, raw_event_id`,
      [unitNos],
    );
  }

  /** Replaces the mortgages of the given units; returns every mortgagee they had or have. */
  async replaceMortgages(m: EntityManager, unitNos: string[], rows: MortgageRow[]): Promise<string[]> {
    if (!unitNos.length) return [];
    const before: { subjectId: string | null }[] = await m.query(
      `with removed as (delete from realestate_mortgages where unit_no = any($1::text[]) returning mortgagee_subject_id)
       select mortgagee_subject_id::text as "subjectId" from removed`,
      [unitNos],
    );
    if (rows.length) {
      await m.query(
        `insert into realestate_mortgages (unit_no, mortgagee_subject_id, secured_fen, registered_on, released_on,
                                           raw_event_id, release_raw_event_id)
         select x."unitNo", x."mortgageeSubjectId"::bigint, x."securedFen", x."registeredOn", x."releasedOn",
                x."rawEventId"::bigint, x."releaseRawEventId"::bigint
         from jsonb_to_recordset($1::jsonb) as x("unitNo" text, "mortgageeSubjectId" text, "securedFen" bigint,
              "registeredOn" date, "releasedOn" date, "rawEventId" text, "releaseRawEventId" text)`,
        [JSON.stringify(rows)],
      );
    }
    const ids = [...before.map((b) => b.subjectId), ...rows.map((r) => r.mortgageeSubjectId)];
    return [...new Set(ids.filter((id): id is string => id !== null))];
  }

  /** Replaces the ownership intervals of the given units; returns every subject that held or holds them. */
  async replaceHoldings(m: EntityManager, unitNos: string[], rows: HoldingRow[]): Promise<string[]> {
    if (!unitNos.length) return [];
    const before: { subjectId: string }[] = await m.query(
      `with removed as (delete from realestate_holdings where unit_no = any($1::text[]) returning subject_id)
       select subject_id::text as "subjectId" from removed`,
      [unitNos],
    );
    if (rows.length) {
      await m.query(
        `insert into realestate_holdings (unit_no, subject_id, share, held_from, held_to, from_raw_event_id, to_raw_event_id)
         select x."unitNo", x."subjectId"::bigint, x.share, x."heldFrom", x."heldTo", x."fromRawEventId"::bigint,
                x."toRawEventId"::bigint
         from jsonb_to_recordset($1::jsonb) as x("unitNo" text, "subjectId" text, share numeric, "heldFrom" date,
              "heldTo" date, "fromRawEventId" text, "toRawEventId" text)`,
        [JSON.stringify(rows)],
      );
    }
    return [...new Set([...before.map((b) => b.subjectId), ...rows.map((r) => r.subjectId)])];
  }

  /**
   * Every court event in the case timeline, once (the raw event id is the key): the batch's fresh
   * events only, so by COPY (see copyRows).
   */
  async insertCaseEvents(m: EntityManager, rows: CaseEventRow[]): Promise<void> {
    await copyRows(
      m,
      'case_events',
      ['raw_event_id', 'case_no', 'type', 'on_date', 'party_subject_id'],
      rows.map((r) => [r.rawEventId, r.caseNo, r.type, r.onDate, r.partySubjectId]),
    );
  }

  async casesWithRespondents(m: EntityManager, subjectIds: string[]): Promise<string[]> {
    if (!subjectIds.length) return [];
    const rows: { caseNo: string }[] = await m.query(
      `select distinct case_no as "caseNo" from case_parties
       where role = 'respondent' and subject_id = any($1::bigint[])`,
      [subjectIds],
    );
    return rows.map((r) => r.caseNo);
  }

  /** A case restored as 执恢 changes what its predecessor's models see: screen both. */
  async enqueueScreening(m: EntityManager, caseNos: string[]): Promise<void> {
    if (!caseNos.length) return;
    // Append-only: a case queued twice is screened once per claim (see ScreeningRepository).
    await m.query(`insert into screening_queue (case_no) select unnest($1::text[])`, [[...new Set(caseNos)]]);
  }

  async recordPartitionProgress(
    m: EntityManager,
    topic: string,
    partition: number,
    maxOccurredAt: Date | null,
    caughtUp: boolean,
  ): Promise<void> {
    if (maxOccurredAt) {
      await m.query(
        `insert into partition_progress (topic, kafka_partition, max_occurred_at, caught_up)
         values ($1, $2, $3, $4)
         on conflict (topic, kafka_partition) do update set
           max_occurred_at = greatest(partition_progress.max_occurred_at, excluded.max_occurred_at),
           caught_up = excluded.caught_up, updated_at = now()`,
        [topic, partition, maxOccurredAt, caughtUp],
      );
    } else {
      await m.query(
        `update partition_progress set caught_up = $3, updated_at = now() where topic = $1 and kafka_partition = $2`,
        [topic, partition, caughtUp],
      );
    }
  }

  /** Whether the raw log holds the event already (a replay would be a duplicate). */
  async inRawLog(m: EntityManager, source: string, eventId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`select 1 from raw_events where source = $1 and event_id = $2`, [
      source,
      eventId,
    ]);
    return rows.length > 0;
  }
}
