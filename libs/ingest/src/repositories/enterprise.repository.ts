import type { EntityManager } from 'typeorm';
import { lockKeys, occurredAtIso } from '@zhijian/persistence';

export interface EquityEventRow {
  rawEventId: string;
  companySubjectId: string;
  shareholderSubjectId: string;
  event: string;
  /** Percent of the company's equity acquired or transferred, 0–100. */
  sharePct: number;
  subscribedCapitalFen: number;
  registeredOn: string;
  occurredAt: string;
  /** The company's legal person (法定代表人) as of this change, when the registry names one. */
  legalPersonSubjectId?: string | null;
}

/** A stretch of constant stake, [heldFrom, heldTo); heldFrom null: held since before the registry's history. */
export interface ShareholdingRow {
  companySubjectId: string;
  shareholderSubjectId: string;
  sharePct: number;
  subscribedCapitalFen: number;
  heldFrom: string | null;
  heldTo: string | null;
  fromRawEventId: string | null;
  toRawEventId: string | null;
}

/** A relation between subjects over [validFrom, validTo): `shareholder` or `legal_person`, each → the company. */
export interface SubjectRelationRow {
  kind: 'shareholder' | 'legal_person';
  fromSubjectId: string;
  toSubjectId: string;
  validFrom: string | null;
  validTo: string | null;
  fromRawEventId: string | null;
  toRawEventId: string | null;
}

/** registry.enterprise/1: equity changes as they arrived; shareholdings and shareholder relations computed from them. */
export class EnterpriseRepository {
  async insertEquityEvents(m: EntityManager, rows: EquityEventRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into enterprise_equity_events (raw_event_id, company_subject_id, shareholder_subject_id, event, share_pct,
                                             subscribed_capital_fen, registered_on, occurred_at, legal_person_subject_id)
       select x."rawEventId"::bigint, x."companySubjectId"::bigint, x."shareholderSubjectId"::bigint, x.event,
              x."sharePct", x."subscribedCapitalFen", x."registeredOn", x."occurredAt", x."legalPersonSubjectId"::bigint
       from jsonb_to_recordset($1::jsonb) as x("rawEventId" text, "companySubjectId" text, "shareholderSubjectId" text,
            event text, "sharePct" numeric, "subscribedCapitalFen" bigint, "registeredOn" date, "occurredAt" timestamptz,
            "legalPersonSubjectId" text)
       on conflict do nothing`,
      [JSON.stringify(rows)],
    );
  }

  /** Locks the companies (see lockKeys), then loads every equity change of them. */
  async lockAndLoadEquityEvents(m: EntityManager, companySubjectIds: string[]): Promise<EquityEventRow[]> {
    if (!companySubjectIds.length) return [];
    await lockKeys(m, 'company', companySubjectIds);
    return m.query(
      `select raw_event_id::text as "rawEventId", company_subject_id::text as "companySubjectId",
              shareholder_subject_id::text as "shareholderSubjectId", event, share_pct::float8 as "sharePct",
              subscribed_capital_fen::float8 as "subscribedCapitalFen",
              to_char(registered_on, 'YYYY-MM-DD') as "registeredOn", ${occurredAtIso()} as "occurredAt",
              legal_person_subject_id::text as "legalPersonSubjectId"
       from enterprise_equity_events where company_subject_id = any($1::bigint[])
       order by company_subject_id, registered_on, occurred_at, raw_event_id`,
      [companySubjectIds],
    );
  }

  /**
   * Replaces the shareholdings and the shareholder and legal-person relations of the given
   * companies; returns every shareholder and legal person they had or have.
   */
  async replaceShareholdings(
    m: EntityManager,
    companySubjectIds: string[],
    holdings: ShareholdingRow[],
    relations: SubjectRelationRow[],
  ): Promise<string[]> {
    if (!companySubjectIds.length) return [];
    const before: { subjectId: string }[] = await m.query(
      `with removed as (
         delete from enterprise_shareholdings where company_subject_id = any($1::bigint[])
         returning shareholder_subject_id)
       select shareholder_subject_id::text as "subjectId" from removed`,
      [companySubjectIds],
    );
    const formerLegalPersons: { subjectId: string }[] = await m.query(
      `with removed as (
         delete from subject_relations where kind in ('shareholder', 'legal_person') and to_subject_id = any($1::bigint[])
         returning kind, from_subject_id)
       select from_subject_id::text as "subjectId" from removed where kind = 'legal_person'`,
      [companySubjectIds],
    );
    if (holdings.length) {
      await m.query(
        `insert into enterprise_shareholdings (company_subject_id, shareholder_subject_id, share_pct,
                                               subscribed_capital_fen, held_from, held_to, from_raw_event_id,
                                               to_raw_event_id)
         select x."companySubjectId"::bigint, x."shareholderSubjectId"::bigint, x."sharePct", x."subscribedCapitalFen",
                x."heldFrom", x."heldTo", x."fromRawEventId"::bigint, x."toRawEventId"::bigint
         from jsonb_to_recordset($1::jsonb) as x("companySubjectId" text, "shareholderSubjectId" text,
              "sharePct" numeric, "subscribedCapitalFen" bigint, "heldFrom" date, "heldTo" date,
              "fromRawEventId" text, "toRawEventId" text)`,
        [JSON.stringify(holdings)],
      );
    }
    if (relations.length) {
      await m.query(
        `insert into subject_relations (kind, from_subject_id, to_subject_id, valid_from, valid_to, from_raw_event_id,
                                        to_raw_event_id)
         select x.kind, x."fromSubjectId"::bigint, x."toSubjectId"::bigint, x."validFrom", x."validTo",
                x."fromRawEventId"::bigint, x."toRawEventId"::bigint
         from jsonb_to_recordset($1::jsonb) as x(kind text, "fromSubjectId" text, "toSubjectId" text,
              "validFrom" date, "validTo" date, "fromRawEventId" text, "toRawEventId" text)`,
        [JSON.stringify(relations)],
      );
    }
    return [
      ...new Set([
        ...before.map((b) => b.subjectId),
        ...holdings.map((h) => h.shareholderSubjectId),
        ...formerLegalPersons.map((l) => l.subjectId),
        ...relations.filter((r) => r.kind === 'legal_person').map((r) => r.fromSubjectId),
      ]),
    ];
  }
}
