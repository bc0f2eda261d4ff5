import type { EntityManager } from 'typeorm';
import type {
  CaseEventFact,
  CaseFactSet,
  CaseRow,
  PartyFact,
  HoldingFact,
  RestorationFact,
  VehicleHoldingFact,
  EquityHoldingFact,
  BankAccountFact,
  TaxFact,
  TransferFact,
  MortgageFact,
  RelationFact,
  SubjectLinkFact,
  CaseSummary,
} from '@zhijian/domain';

const ref = (alias: string) =>
  `case when ${alias}.id is null then null else jsonb_build_object('source', ${alias}.source, 'eventId', ${alias}.event_id) end`;

export class ScreeningRepository {
  /**
   * Takes the queue entries of up to `limit` cases (the rows stay locked until the transaction
   * ends) and returns those cases once each. A case still receiving facts waits: it is taken once
   * nothing has been queued for it for `quietMs` (or its first entry is ten times that old), so
   * that a case whose events arrive in a burst (a court sending its history case by case) is
   * judged on all of them rather than on the first half.
   */
  async claimQueued(m: EntityManager, limit: number, quietMs = 0): Promise<string[]> {
    const rows: { caseNo: string }[] = await m.query(
      // A bare DELETE … RETURNING comes back from TypeORM as [rows, count]; as a CTE it is a plain row set.
      // Each step materialized once, the rows found by case number and deleted by id (both
      // indexed): the plan cannot rescan the queue per row, however stale the statistics are.
      `with ready as materialized (
         select case_no from screening_queue
         group by case_no
         having max(enqueued_at) <= now() - make_interval(secs => $2::float8 / 1000)
             or min(enqueued_at) <= now() - make_interval(secs => $2::float8 / 100)
         order by min(id) limit $1),
       locked as materialized (
         select q.id from ready r join screening_queue q on q.case_no = r.case_no
         for update of q skip locked),
       claimed as (
         delete from screening_queue d using locked l where d.id = l.id
         returning d.case_no)
       select distinct case_no as "caseNo" from claimed`,
      [limit, quietMs],
    );
    return rows.map((r) => r.caseNo);
  }

  /**
   * Each case's court and the newest business date of its own facts (timeline, filing, closing):
   * what the completed-day rule needs before a claimed case is judged. Cases without a row are absent.
   */
  async ownLatestFacts(
    m: EntityManager,
    caseNos: string[],
  ): Promise<{ caseNo: string; courtCode: string; latest: string | null }[]> {
    if (!caseNos.length) return [];
    return m.query(
      `select c.case_no as "caseNo", c.court_code as "courtCode",
              to_char(greatest(c.filed_on, c.closed_on,
                (select max(e.on_date) from case_events e where e.case_no = c.case_no)), 'YYYY-MM-DD') as latest
       from cases c where c.case_no = any($1::text[])`,
      [caseNos],
    );
  }

  async queueLength(m: EntityManager): Promise<number> {
    const rows: { n: string }[] = await m.query(`select count(*) as n from screening_queue`);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Timers that business time has reached and screening has not fired yet: each case's own
   * court's clock (spec §7), or the feeds' common clock for a case of a court that sent nothing.
   */
  async dueTimers(m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `select count(*)::int as n from deadline_timers t
       left join cases c on c.case_no = t.case_no
       left join source_clocks s on s.source = 'court:' || c.court_code
       where t.due_at <= coalesce(nullif(s.as_of, '-infinity'), (select as_of from business_clock where id = 1))
         and t.due_at <= greatest((select as_of from business_clock where id = 1), (select max(as_of) from source_clocks))`,
    );
    return rows[0]?.n ?? 0;
  }

  /** Deadlines that their case's business time has passed: their cases go back on the screening queue. */
  async fireDueTimers(m: EntityManager, asOf: Date): Promise<number> {
    const rows: unknown[] = await m.query(
      // The range on due_at (indexed) bounds the join to timers due by the latest clock of any source.
      `with due as (
         delete from deadline_timers t
         using (
           select t2.model_id, t2.case_no from deadline_timers t2
           left join cases c on c.case_no = t2.case_no
           left join source_clocks s on s.source = 'court:' || c.court_code
           where t2.due_at <= greatest($1::timestamptz, (select max(as_of) from source_clocks))
             and t2.due_at <= coalesce(nullif(s.as_of, '-infinity'), $1)
           for update of t2 skip locked) d
         where t.model_id = d.model_id and t.case_no = d.case_no
         returning t.case_no)
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

  /**
   * Every model's timers of a round in two statements: the (model, case)s given lose their timer,
   * those with a due time get it back. Where a (model, case) is given twice, the last one counts.
   */
  async setAllTimers(
    m: EntityManager,
    timers: { modelId: string; caseNo: string; dueAt: Date | null }[],
  ): Promise<void> {
    if (!timers.length) return;
    const last = new Map(timers.map((t) => [`${t.modelId}\u0000${t.caseNo}`, t]));
    const unique = [...last.values()];
    await m.query(
      `delete from deadline_timers t
       using unnest($1::text[], $2::text[]) as x(model_id, case_no)
       where t.model_id = x.model_id and t.case_no = x.case_no`,
      [unique.map((t) => t.modelId), unique.map((t) => t.caseNo)],
    );
    const due = unique.filter((t) => t.dueAt);
    if (due.length) {
      await m.query(
        `insert into deadline_timers (model_id, case_no, due_at)
         select * from unnest($1::text[], $2::text[], $3::timestamptz[])`,
        [due.map((t) => t.modelId), due.map((t) => t.caseNo), due.map((t) => t.dueAt!.toISOString())],
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

  /**
   * The other cases that share a party with these cases, through links too: cases in which a
   * party of these cases is a respondent, and cases in which a respondent of these cases is a
   * party in any role (e.g. paid as applicant elsewhere). Not every case of a frequent applicant.
   */
  async casesSharingParties(m: EntityManager, caseNos: string[]): Promise<string[]> {
    if (!caseNos.length) return [];
    const rows: { caseNo: string }[] = await m.query(
      `with s as (
         select p.subject_id as id, p.role = 'respondent' as resp from case_parties p where p.case_no = any($1::text[])
         union select e.party_subject_id, false from case_events e
           where e.case_no = any($1::text[]) and e.party_subject_id is not null),
       linked as (
         select id, resp from s
         union select l.canonical_subject_id, s.resp from subject_links l join s on s.id = l.subject_id
           where l.revoked_at is null
         union select l.subject_id, s.resp from subject_links l join s on s.id = l.canonical_subject_id
           where l.revoked_at is null)
       -- Two indexed lookups (subject, role): a frequent applicant's cases are not all read to be filtered.
       select p.case_no as "caseNo" from case_parties p join linked on linked.id = p.subject_id
       where p.role = 'respondent' and p.case_no <> all($1::text[])
       union
       select p.case_no from case_parties p join linked on linked.id = p.subject_id
       where linked.resp and p.case_no <> all($1::text[])`,
      [caseNos],
    );
    return rows.map((r) => r.caseNo);
  }

  /**
   * Facts of the screened cases and of the cases sharing a party with them: the cases, their
   * parties and timelines, restorations, and the registry facts of every party subject (and of
   * the subjects linked to them): real estate, vehicles, equity, accounts, tax, transfers out, the
   * owners and mortgages of the assets the cases control or sell, and relations between subjects.
   */
  async loadCaseFacts(
    m: EntityManager,
    screened: string[],
    /** `casesSharingParties(screened)` when the caller has it already. */
    related?: string[],
  ): Promise<CaseFactSet> {
    const relatedCaseNos = related ?? (await this.casesSharingParties(m, screened));
    const caseNos = [...screened, ...relatedCaseNos];
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
    const events: CaseEventFact[] = await m.query(
      `select e.raw_event_id::text as "rawEventId", e.case_no as "caseNo", e.type,
              to_char(e.on_date, 'YYYY-MM-DD') as "on", r.payload,
              jsonb_build_object('source', r.source, 'eventId', r.event_id) as ref,
              e.party_subject_id::text as "partySubjectId"
       from case_events e join raw_events r on r.id = e.raw_event_id
       where e.case_no = any($1::text[])
       order by e.case_no, e.on_date, r.occurred_at, e.raw_event_id`,
      [caseNos],
    );
    const restorations: RestorationFact[] = await m.query(
      `select c.case_no as "caseNo", c.previous_case_no as "previousCaseNo",
              to_char(c.restored_on, 'YYYY-MM-DD') as "restoredOn", ${ref('re')} as event
       from cases c left join raw_events re on re.id = c.restored_event_id
       where c.previous_case_no = any($1::text[])
       order by c.restored_on`,
      [caseNos],
    );
    const direct = new Set<string>(parties.map((p) => p.subjectId));
    for (const e of events) if (e.partySubjectId) direct.add(e.partySubjectId);
    const links: SubjectLinkFact[] = direct.size
      ? await m.query(
          `select l.subject_id::text as "subjectId", l.canonical_subject_id::text as "canonicalSubjectId"
           from subject_links l
           where l.revoked_at is null
             and (l.subject_id = any($1::bigint[]) or l.canonical_subject_id = any($1::bigint[]))`,
          [[...direct]],
        )
      : [];
    const subjects = [...new Set([...direct, ...links.flatMap((l) => [l.subjectId, l.canonicalSubjectId])])];
    const units = assetIds(events, 'realestate');
    const vins = assetIds(events, 'vehicle');
    const companies = assetIds(events, 'equity');
    const holdings: HoldingFact[] = await m.query(
      `select h.unit_no as "unitNo", h.subject_id::text as "subjectId", h.share::float8 as share,
              to_char(h.held_from, 'YYYY-MM-DD') as "heldFrom", to_char(h.held_to, 'YYYY-MM-DD') as "heldTo",
              ${ref('fe')} as "fromEvent", ${ref('te')} as "toEvent"
       from realestate_holdings h
       join raw_events fe on fe.id = h.from_raw_event_id
       left join raw_events te on te.id = h.to_raw_event_id
       where h.subject_id = any($1::bigint[]) or h.unit_no = any($2::text[])
       order by h.subject_id, h.held_from, h.unit_no`,
      [subjects, units],
    );
    const vehicles: VehicleHoldingFact[] = await m.query(
      `select h.vin, h.subject_id::text as "subjectId",
              to_char(h.held_from, 'YYYY-MM-DD') as "heldFrom", to_char(h.held_to, 'YYYY-MM-DD') as "heldTo",
              ${ref('fe')} as "fromEvent", ${ref('te')} as "toEvent"
       from vehicle_holdings h
       join raw_events fe on fe.id = h.from_raw_event_id
       left join raw_events te on te.id = h.to_raw_event_id
       where h.subject_id = any($1::bigint[]) or h.vin = any($2::text[])
       order by h.subject_id, h.held_from, h.vin`,
      [subjects, vins],
    );
    const equities: EquityHoldingFact[] = await m.query(
      `select h.company_subject_id::text as "companySubjectId", c.uscc as "companyUscc",
              h.shareholder_subject_id::text as "shareholderSubjectId", h.share_pct::float8 as "sharePct",
              to_char(h.held_from, 'YYYY-MM-DD') as "heldFrom", to_char(h.held_to, 'YYYY-MM-DD') as "heldTo",
              ${ref('fe')} as "fromEvent", ${ref('te')} as "toEvent"
       from (
         -- One indexed lookup per way in (an OR across the join would scan every stake and subject).
         select * from enterprise_shareholdings where shareholder_subject_id = any($1::bigint[])
         union select * from enterprise_shareholdings where company_subject_id = any($1::bigint[])
         union select * from enterprise_shareholdings where company_subject_id in (
           select id from subjects where identity_key = any(array(select 'uscc:' || u from unnest($2::text[]) u)))
       ) h
       join subjects c on c.id = h.company_subject_id
       left join raw_events fe on fe.id = h.from_raw_event_id
       left join raw_events te on te.id = h.to_raw_event_id
       order by h.shareholder_subject_id, h.held_from nulls first, h.id`,
      [subjects, companies],
    );
    const accounts: BankAccountFact[] = await m.query(
      `select a.bank_code as "bankCode", a.account_no as "accountNo", a.holder_subject_id::text as "subjectId",
              a.balance_fen::float8 as "balanceFen", to_char(a.as_of, 'YYYY-MM-DD') as "asOf", ${ref('r')} as event
       from bank_accounts a join raw_events r on r.id = a.raw_event_id
       where a.holder_subject_id = any($1::bigint[])
       order by a.holder_subject_id, a.bank_code, a.account_no`,
      [subjects],
    );
    const taxes: TaxFact[] = await m.query(
      `select t.subject_id::text as "subjectId", t.period, to_char(t.period_start, 'YYYY-MM-DD') as "periodStart",
              to_char(t.period_end, 'YYYY-MM-DD') as "periodEnd", t.tax_paid_fen::float8 as "taxPaidFen",
              t.income_fen::float8 as "incomeFen", ${ref('r')} as event
       from tax_records t join raw_events r on r.id = t.raw_event_id
       where t.subject_id = any($1::bigint[])
       order by t.subject_id, t.period_start, t.authority`,
      [subjects],
    );
    const transfers: TransferFact[] = await m.query(
      `select t.from_subject_id::text as "fromSubjectId", t.to_subject_id::text as "toSubjectId",
              t.amount_fen::float8 as "amountFen", to_char(t.transferred_on, 'YYYY-MM-DD') as "on", ${ref('r')} as event
       from bank_transfers t join raw_events r on r.id = t.raw_event_id
       where t.from_subject_id = any($1::bigint[])
       order by t.transferred_on, t.raw_event_id`,
      [subjects],
    );
    const mortgageUnits = [...new Set([...units, ...holdings.map((h) => h.unitNo)])];
    const mortgages: MortgageFact[] = mortgageUnits.length
      ? await m.query(
          `select g.unit_no as "unitNo", g.mortgagee_subject_id::text as "mortgageeSubjectId",
                  g.secured_fen::float8 as "securedFen", to_char(g.registered_on, 'YYYY-MM-DD') as "registeredOn",
                  to_char(g.released_on, 'YYYY-MM-DD') as "releasedOn", ${ref('r')} as event
           from realestate_mortgages g join raw_events r on r.id = g.raw_event_id
           where g.unit_no = any($1::text[])
           order by g.unit_no, g.registered_on`,
          [mortgageUnits],
        )
      : [];
    const relations: RelationFact[] = await m.query(
      `select x.kind, x.from_subject_id::text as "fromSubjectId", x.to_subject_id::text as "toSubjectId",
              to_char(x.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(x.valid_to, 'YYYY-MM-DD') as "validTo",
              ${ref('r')} as event
       from subject_relations x left join raw_events r on r.id = coalesce(x.from_raw_event_id, x.to_raw_event_id)
       where x.from_subject_id = any($1::bigint[]) or x.to_subject_id = any($1::bigint[])
       order by x.id`,
      [subjects],
    );
    return {
      cases,
      parties,
      holdings,
      restorations,
      events,
      vehicles,
      equities,
      accounts,
      taxes,
      transfers,
      mortgages,
      relations,
      links,
      relatedCaseNos,
    };
  }

  /** Every stored case, in case-number order (backtests walk them in batches). */
  async allCases(m: EntityManager): Promise<{ caseNo: string }[]> {
    return m.query(`select case_no as "caseNo" from cases order by case_no`);
  }
}

/** Ids of the assets of one kind that the events name (controlled, valued, auctioned, offset). */
function assetIds(events: CaseEventFact[], kind: string): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const a = e.payload['assetRef'] as { kind?: string; id?: string } | undefined;
    if (a?.kind === kind && a.id) ids.add(a.id);
  }
  return [...ids];
}
