import type { EntityManager } from 'typeorm';

export interface EventRef {
  source: string;
  eventId: string;
}

export interface CaseRow {
  caseNo: string;
  courtCode: string;
  courtLevel: string;
  filedOn: string | null;
  claimFen: number | null;
  origin: string | null;
  category: string | null;
  closedOn: string | null;
  closeMethod: string | null;
  filedEvent: EventRef | null;
  closedEvent: EventRef | null;
}

export interface PartyFact {
  caseNo: string;
  role: 'applicant' | 'respondent';
  subjectId: string;
  kind: 'person' | 'org';
  name: string;
  idNo: string | null;
  uscc: string | null;
}

export interface HoldingFact {
  unitNo: string;
  subjectId: string;
  share: number;
  heldFrom: string;
  heldTo: string | null;
  fromEvent: EventRef;
  toEvent: EventRef | null;
}

export interface RestorationFact {
  caseNo: string;
  previousCaseNo: string;
  restoredOn: string;
  event: EventRef | null;
}

/** Everything the case models read about a set of cases, loaded in four queries. */
export interface CaseFactSet {
  cases: CaseRow[];
  parties: PartyFact[];
  holdings: HoldingFact[];
  restorations: RestorationFact[];
}

/** What referral needs of a case: the claim, the category and how many applicants. */
export interface CaseSummary {
  caseNo: string;
  claimFen: number | null;
  category: string | null;
  applicants: number;
}

const ref = (alias: string) =>
  `case when ${alias}.id is null then null else jsonb_build_object('source', ${alias}.source, 'eventId', ${alias}.event_id) end`;

export class ScreeningRepository {
  /** Takes up to `limit` queue entries (the rows stay locked until the transaction ends); returns their cases once each. */
  async claimQueued(m: EntityManager, limit: number): Promise<string[]> {
    const rows: { caseNo: string }[] = await m.query(
      // A bare DELETE … RETURNING comes back from TypeORM as [rows, count]; as a CTE it is a plain row set.
      `with claimed as (
         delete from screening_queue where id in (
           select id from screening_queue order by id limit $1 for update skip locked)
         returning case_no)
       select distinct case_no as "caseNo" from claimed`,
      [limit],
    );
    return rows.map((r) => r.caseNo);
  }

  async queueLength(m: EntityManager): Promise<number> {
    const rows: { n: string }[] = await m.query(`select count(*) as n from screening_queue`);
    return Number(rows[0]?.n ?? 0);
  }

  /** Deadlines that business time has passed: their cases go back on the screening queue. */
  async fireDueTimers(m: EntityManager, asOf: Date): Promise<number> {
    const rows: unknown[] = await m.query(
      `with due as (delete from deadline_timers where due_at <= $1 returning case_no)
       insert into screening_queue (case_no) select distinct case_no from due returning case_no`,
      [asOf],
    );
    return rows.length;
  }

  async setTimers(
    m: EntityManager,
    modelId: string,
    timers: { caseNo: string; dueAt: Date | null }[],
  ): Promise<void> {
    if (!timers.length) return;
    await m.query(`delete from deadline_timers where model_id = $1 and case_no = any($2::text[])`, [
      modelId,
      timers.map((t) => t.caseNo),
    ]);
    const due = timers.filter((t) => t.dueAt);
    if (due.length) {
      await m.query(
        `insert into deadline_timers (model_id, case_no, due_at)
         select $1, x."caseNo", x."dueAt" from jsonb_to_recordset($2::jsonb) as x("caseNo" text, "dueAt" timestamptz)`,
        [modelId, JSON.stringify(due)],
      );
    }
  }

  async caseSummaries(m: EntityManager, caseNos: string[]): Promise<CaseSummary[]> {
    if (!caseNos.length) return [];
    return m.query(
      `select c.case_no as "caseNo", c.claim_fen::float8 as "claimFen", c.category,
              (select count(*) from case_parties p where p.case_no = c.case_no and p.role = 'applicant')::int
                as applicants
       from cases c where c.case_no = any($1::text[])`,
      [caseNos],
    );
  }

  async loadCaseFacts(m: EntityManager, caseNos: string[]): Promise<CaseFactSet> {
    const cases: CaseRow[] = await m.query(
      `select c.case_no as "caseNo", c.court_code as "courtCode", c.court_level as "courtLevel",
              to_char(c.filed_on, 'YYYY-MM-DD') as "filedOn", c.claim_fen::float8 as "claimFen", c.origin, c.category,
              to_char(c.closed_on, 'YYYY-MM-DD') as "closedOn", c.close_method as "closeMethod",
              ${ref('fe')} as "filedEvent", ${ref('ce')} as "closedEvent"
       from cases c
       left join raw_events fe on fe.id = c.filed_event_id
       left join raw_events ce on ce.id = c.closed_event_id
       where c.case_no = any($1::text[])`,
      [caseNos],
    );
    const parties: PartyFact[] = await m.query(
      `select p.case_no as "caseNo", p.role, p.subject_id::text as "subjectId", s.kind, p.name,
              s.id_no as "idNo", s.uscc
       from case_parties p join subjects s on s.id = p.subject_id
       where p.case_no = any($1::text[])
       order by p.case_no, p.role, p.subject_id`,
      [caseNos],
    );
    const respondentIds = [
      ...new Set(parties.filter((p) => p.role === 'respondent').map((p) => p.subjectId)),
    ];
    const holdings: HoldingFact[] = respondentIds.length
      ? await m.query(
          `select h.unit_no as "unitNo", h.subject_id::text as "subjectId", h.share::float8 as share,
                  to_char(h.held_from, 'YYYY-MM-DD') as "heldFrom", to_char(h.held_to, 'YYYY-MM-DD') as "heldTo",
                  ${ref('fe')} as "fromEvent", ${ref('te')} as "toEvent"
           from realestate_holdings h
           join raw_events fe on fe.id = h.from_raw_event_id
           left join raw_events te on te.id = h.to_raw_event_id
           where h.subject_id = any($1::bigint[])
           order by h.subject_id, h.held_from, h.unit_no`,
          [respondentIds],
        )
      : [];
    const restorations: RestorationFact[] = await m.query(
      `select c.case_no as "caseNo", c.previous_case_no as "previousCaseNo",
              to_char(c.restored_on, 'YYYY-MM-DD') as "restoredOn", ${ref('re')} as event
       from cases c left join raw_events re on re.id = c.restored_event_id
       where c.previous_case_no = any($1::text[])
       order by c.restored_on`,
      [caseNos],
    );
    return { cases, parties, holdings, restorations };
  }
}
