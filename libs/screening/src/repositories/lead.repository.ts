import type { EntityManager } from 'typeorm';
import type { LeadEvidence, LeadTier, Severity, ClassMember } from '@zhijian/domain';
import type { OutboxJob } from '@zhijian/referral';

/** The latest generation of a (model, base key), as the dedup decision needs it. */
export interface LeadGeneration {
  id: string;
  modelId: string;
  baseKey: string;
  generation: number;
  status: string;
  evidence: LeadEvidence;
  /** Who withdrew it, when withdrawn: `system` (facts cured it while new) or `staff`. */
  withdrawnBy: 'system' | 'staff' | null;
  /** When later facts stopped showing the violation while the lead was being handled (flag 事实已变更). */
  factsChangedAt: Date | null;
}

/** An open lead of a model on a case, as the cure decision needs it. */
export interface OpenCaseLead {
  id: string;
  modelId: string;
  caseNo: string;
  status: string;
  unitCode: string;
  desk: 'taskforce' | 'triage' | null;
  evidence: LeadEvidence;
  factsChangedAt: Date | null;
  createdAt: Date;
}

/** What later facts did to a lead: recorded on the lead, in its history and (by the caller) in the audit log. */
export interface CureRecord {
  leadId: string;
  /** `withdraw` (system, the lead was new) or `flag` (事实已变更, for its handler). */
  action: 'withdraw' | 'flag';
  fromStatus: string;
  reason: string;
  /** The facts as they now stand: business time judged at, statement, the facts that arrived since the lead. */
  factsChanged: Record<string, unknown>;
  /** Queues the lead's jobs may be in (withdraw only). */
  queues: string[];
}

export interface AssignmentRow {
  fromUnit: string;
  toUnit: string;
  kind: 'triage' | 'reassign' | 'escalate' | 'inform';
  reason: string;
  actorName: string;
}

/** A lead to insert, routed: written with its outbox jobs and assignments in the caller's transaction. */
export interface NewLead {
  /** Chosen by the writer, so that jobs and links can name the lead before it is stored. */
  id: string;
  modelId: string;
  modelVersion: number;
  dedupKey: string;
  kind: 'individual' | 'class' | 'followup';
  caseNo: string | null;
  unitCode: string;
  tier: LeadTier;
  desk: 'taskforce' | 'triage' | null;
  localUnit: string;
  routingReason: string;
  severity: Severity;
  priority: number;
  title: string;
  legalBasis: string;
  statement: string;
  evidence: LeadEvidence;
  asOf: Date;
  claimFen: number | null;
  livelihood: boolean;
  laborApplicants: number;
  classKey: string | null;
  sourceLeadId: string | null;
  jobs: OutboxJob[];
  assignments: AssignmentRow[];
}

export interface CaseLead {
  id: string;
  modelId: string;
  caseNo: string;
  status: string;
  evidence: LeadEvidence;
  createdAt: Date;
}

export class LeadRepository {
  /**
   * Every generation of these (model, base key)s, locked until the transaction ends, newest
   * generation first: the writer decides against the latest one.
   */
  async generations(
    m: EntityManager,
    keys: { modelId: string; baseKey: string }[],
  ): Promise<LeadGeneration[]> {
    if (!keys.length) return [];
    return m.query(
      `select l.id, l.model_id as "modelId", l.base_key as "baseKey", l.generation, l.status, l.evidence,
              l.withdrawn_by as "withdrawnBy", l.facts_changed_at as "factsChangedAt"
       from leads l
       join (select distinct * from unnest($1::text[], $2::text[]) as k(model_id, base_key)) k
         on k.model_id = l.model_id and k.base_key = l.base_key
       order by l.model_id, l.base_key, l.generation desc
       for update of l`,
      [keys.map((k) => k.modelId), keys.map((k) => k.baseKey)],
    );
  }

  /**
   * Inserts new leads with their outbox jobs and assignment rows, in one statement. A lead
   * another writer stored first (same model and dedup key) is skipped, with its jobs; the
   * ids actually inserted are returned.
   */
  async insertNew(m: EntityManager, leads: NewLead[], settleMinutes = 0): Promise<string[]> {
    if (!leads.length) return [];
    const rows: { id: string }[] = await m.query(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb) as x(id uuid, "modelId" text, "modelVersion" int,
           "dedupKey" text, kind text, "caseNo" text, "unitCode" text, tier text, desk text, "localUnit" text,
           "routingReason" text, severity text, priority int, title text, "legalBasis" text, statement text,
           evidence jsonb, "asOf" timestamptz, "claimFen" bigint, livelihood boolean, "laborApplicants" int,
           "classKey" text, "sourceLeadId" uuid, jobs jsonb, assignments jsonb)
       ), inserted as (
         insert into leads (id, model_id, model_version, dedup_key, kind, case_no, unit_code, tier, desk, local_unit,
                            routing_reason, severity, priority, title, legal_basis, statement, evidence, as_of,
                            claim_fen, livelihood, labor_applicants, class_key, source_lead_id)
         select id, "modelId", "modelVersion", "dedupKey", kind, "caseNo", "unitCode", tier, desk, "localUnit",
                "routingReason", severity, priority, title, "legalBasis", statement, evidence, "asOf",
                "claimFen", livelihood, "laborApplicants", "classKey", "sourceLeadId"
         from input order by "modelId", "dedupKey"
         on conflict (model_id, dedup_key) do nothing
         returning id
       ), outboxed as (
         insert into outbox (lead_id, queue, priority, payload, job_name, not_before)
         select i.id, j.queue, j.priority, j.payload || jsonb_build_object('leadId', i.id), j.name,
                now() + make_interval(mins => $2::int)
         from inserted i join input x on x.id = i.id
         cross join lateral jsonb_to_recordset(x.jobs) as j(queue text, name text, priority int, payload jsonb)
         returning 1
       ), assigned as (
         insert into lead_assignments (lead_id, from_unit, to_unit, kind, reason, actor_name)
         select i.id, a."fromUnit", a."toUnit", a.kind, a.reason, a."actorName"
         from inserted i join input x on x.id = i.id
         cross join lateral jsonb_to_recordset(x.assignments)
           as a("fromUnit" text, "toUnit" text, kind text, reason text, "actorName" text)
         returning 1
       )
       select id from inserted`,
      [JSON.stringify(leads), settleMinutes],
    );
    return rows.map((r) => r.id);
  }

  /**
   * New evidence for open leads, and a new statement unless it is null; a lead whose evidence
   * and statement are unchanged is left alone. Returns the leads changed.
   */
  async updateEvidence(
    m: EntityManager,
    updates: { id: string; statement: string | null; evidence: LeadEvidence }[],
  ): Promise<string[]> {
    if (!updates.length) return [];
    const rows: { id: string }[] = await m.query(
      `with changed as (
         update leads l set evidence = x.evidence, statement = coalesce(x.statement, l.statement), updated_at = now()
         from jsonb_to_recordset($1::jsonb) as x(id uuid, statement text, evidence jsonb)
         where l.id = x.id
           and (l.evidence is distinct from x.evidence or l.statement is distinct from coalesce(x.statement, l.statement))
         returning l.id)
       select id from changed`,
      [JSON.stringify(updates)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The individual leads that count toward a class: one model, one class key (court and
   * period), not found unfounded by staff (rejected).
   */
  async classMembers(m: EntityManager, modelId: string, classKey: string): Promise<ClassMember[]> {
    return m.query(
      `select l.id, l.case_no as "caseNo", l.class_lead_id as "classLeadId", l.claim_fen::float8 as "claimFen",
              l.livelihood, l.labor_applicants as "laborApplicants", l.evidence
       from leads l
       where l.model_id = $1 and l.class_key = $2 and l.kind = 'individual'
         and l.status not in ('rejected', 'withdrawn') and l.rejected_reason is null
       order by l.case_no, l.generation`,
      [modelId, classKey],
    );
  }

  /** `classMembers` of several (model, class key)s in one statement, by `${modelId}\u0000${classKey}`. */
  async classMembersOfMany(
    m: EntityManager,
    classes: { modelId: string; classKey: string }[],
  ): Promise<Map<string, ClassMember[]>> {
    const out = new Map<string, ClassMember[]>();
    if (!classes.length) return out;
    const rows: (ClassMember & { modelId: string; classKey: string })[] = await m.query(
      `select l.id, l.case_no as "caseNo", l.class_lead_id as "classLeadId", l.claim_fen::float8 as "claimFen",
              l.livelihood, l.labor_applicants as "laborApplicants", l.evidence,
              l.model_id as "modelId", l.class_key as "classKey"
       from unnest($1::text[], $2::text[]) as x(model_id, class_key)
       join leads l on l.model_id = x.model_id and l.class_key = x.class_key
       where l.kind = 'individual'
         and l.status not in ('rejected', 'withdrawn') and l.rejected_reason is null
       order by l.model_id, l.class_key, l.case_no, l.generation`,
      [classes.map((c) => c.modelId), classes.map((c) => c.classKey)],
    );
    for (const { modelId, classKey, ...member } of rows) {
      const key = `${modelId}\u0000${classKey}`;
      const list = out.get(key);
      if (list) list.push(member);
      else out.set(key, [member]);
    }
    return out;
  }

  /** Links individual leads not yet in a class to their class lead: several classes in one statement (their members are disjoint). */
  async linkToClasses(
    m: EntityManager,
    links: { classLeadId: string; memberIds: string[] }[],
  ): Promise<number> {
    const pairs = links.flatMap((l) => l.memberIds.map((memberId) => [l.classLeadId, memberId] as const));
    if (!pairs.length) return 0;
    const rows: unknown[] = await m.query(
      `with linked as (
         update leads l set class_lead_id = x.class_lead_id
         from unnest($1::uuid[], $2::uuid[]) as x(class_lead_id, member_id)
         where l.id = x.member_id and l.class_lead_id is null and l.id <> x.class_lead_id
         returning l.id)
       select id from linked`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    return rows.length;
  }

  /** Individual leads on these cases, every status, oldest first; locked until the transaction ends. */
  async individualLeadsOnCases(m: EntityManager, caseNos: string[]): Promise<CaseLead[]> {
    if (!caseNos.length) return [];
    return m.query(
      `select l.id, l.model_id as "modelId", l.case_no as "caseNo", l.status, l.evidence, l.created_at as "createdAt"
       from leads l
       where l.case_no = any($1::text[]) and l.kind = 'individual'
       order by l.case_no, l.created_at, l.id
       for update of l`,
      [caseNos],
    );
  }

  /**
   * The open leads (not closed, rejected or withdrawn) of these models on these cases, each
   * (model, case)'s latest generation, locked until the transaction ends.
   */
  async openLeadsOnCases(
    m: EntityManager,
    pairs: { modelId: string; caseNo: string }[],
  ): Promise<OpenCaseLead[]> {
    if (!pairs.length) return [];
    const wanted = new Set(pairs.map((p) => `${p.modelId}\u0000${p.caseNo}`));
    // By case (indexed): most screened cases have no lead at all; the pairs are picked in memory.
    const rows: OpenCaseLead[] = await m.query(
      `with latest as (
         select distinct on (l.model_id, l.case_no) l.id
         from leads l
         where l.case_no = any($1::text[]) and l.kind = 'individual' and l.base_key = 'case:' || l.case_no
         order by l.model_id, l.case_no, l.generation desc)
       select l.id, l.model_id as "modelId", l.case_no as "caseNo", l.status, l.unit_code as "unitCode", l.desk,
              l.evidence, l.facts_changed_at as "factsChangedAt", l.created_at as "createdAt"
       from leads l join latest on latest.id = l.id
       where l.status not in ('closed', 'rejected', 'withdrawn')
       order by l.model_id, l.case_no
       for update of l`,
      [[...new Set(pairs.map((p) => p.caseNo))]],
    );
    return rows.filter((r) => wanted.has(`${r.modelId}\u0000${r.caseNo}`));
  }

  /**
   * The court events of each case that arrived after its lead was raised (raw log order), for
   * the leads later facts cured: what changed, kept with the lead.
   */
  async eventsArrivedSince(
    m: EntityManager,
    leads: { leadId: string; caseNo: string; since: Date }[],
  ): Promise<{ leadId: string; type: string; on: string; source: string; eventId: string }[]> {
    if (!leads.length) return [];
    return m.query(
      `select x."leadId", e.type, to_char(e.on_date, 'YYYY-MM-DD') as "on", r.source, r.event_id as "eventId"
       from jsonb_to_recordset($1::jsonb) as x("leadId" uuid, "caseNo" text, since timestamptz)
       join case_events e on e.case_no = x."caseNo"
       join raw_events r on r.id = e.raw_event_id and r.received_at > x.since
       order by x."leadId", e.on_date, r.id`,
      [JSON.stringify(leads)],
    );
  }

  /**
   * Applies what later facts did: a new lead withdrawn by the system (its pending outbox jobs
   * cancelled, a `withdraw` job per queue it may be in), a lead being handled flagged for its
   * handler; each with its lead_transitions row. Only leads still in the status read are changed.
   */
  async recordCures(m: EntityManager, cures: CureRecord[]): Promise<string[]> {
    if (!cures.length) return [];
    const rows: { id: string }[] = await m.query(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb)
           as x("leadId" uuid, action text, "fromStatus" text, reason text, "factsChanged" jsonb, queues text[])
       ), changed as (
         update leads l set
           status = case when x.action = 'withdraw' then 'withdrawn' else l.status end,
           withdrawn_at = case when x.action = 'withdraw' then now() else l.withdrawn_at end,
           withdrawn_by = case when x.action = 'withdraw' then 'system' else l.withdrawn_by end,
           withdrawn_reason = case when x.action = 'withdraw' then x.reason else l.withdrawn_reason end,
           facts_changed_at = now(), facts_changed = x."factsChanged",
           version = l.version + 1, updated_at = now()
         from input x
         where l.id = x."leadId" and l.status = x."fromStatus"
         returning l.id, x.action, x."fromStatus", l.status, x.reason, x."factsChanged", x.queues
       ), history as (
         insert into lead_transitions (lead_id, action, from_status, to_status, actor_name, reason, data)
         select c.id, case when c.action = 'withdraw' then 'withdraw' else 'facts_changed' end, c."fromStatus",
                c.status, 'system:screening', c.reason, c."factsChanged"
         from changed c order by c.id
         returning 1
       ), cancelled as (
         update outbox o set relayed_at = now()
         from changed c where c.action = 'withdraw' and o.lead_id = c.id and o.relayed_at is null
         returning 1
       ), removals as (
         insert into outbox (lead_id, queue, priority, payload, job_name)
         select c.id, q.queue, 0, jsonb_build_object('leadId', c.id), 'withdraw'
         from changed c cross join lateral unnest(c.queues) as q(queue)
         where c.action = 'withdraw'
         returning 1
       )
       select id::text from changed`,
      [JSON.stringify(cures)],
    );
    return rows.map((r) => r.id);
  }

  /** Queues a lead's jobs were sent to through the outbox (relayed or not). */
  async outboxQueuesOf(m: EntityManager, leadIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!leadIds.length) return out;
    const rows: { leadId: string; queue: string }[] = await m.query(
      `select distinct lead_id::text as "leadId", queue from outbox
       where lead_id = any($1::uuid[]) and job_name <> 'withdraw'`,
      [leadIds],
    );
    for (const r of rows) out.set(r.leadId, [...(out.get(r.leadId) ?? []), r.queue]);
    return out;
  }

  /**
   * A lead the system withdrew whose model fires again: new again, with the new evidence, its
   * intake job queued again (after the settle time); and a lead flagged 事实已变更 whose model
   * fires again: the flag is cleared. Each with its lead_transitions row.
   */
  async reinstate(
    m: EntityManager,
    rows: { id: string; statement: string; evidence: LeadEvidence; reason: string }[],
    settleMinutes = 0,
  ): Promise<string[]> {
    if (!rows.length) return [];
    const changed: { id: string }[] = await m.query(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb) as x(id uuid, statement text, evidence jsonb, reason text)
       ), before as (
         select l.id, l.status from leads l join input x on x.id = l.id for update of l
       ), changed as (
         update leads l set
           status = case when l.status = 'withdrawn' then 'new' else l.status end,
           withdrawn_at = null, withdrawn_by = null, withdrawn_reason = null,
           facts_changed_at = null, facts_changed = null,
           statement = x.statement, evidence = x.evidence, version = l.version + 1, updated_at = now()
         from input x join before b on b.id = x.id
         where l.id = x.id and (b.status = 'withdrawn' and l.withdrawn_by = 'system' or l.facts_changed_at is not null)
         returning l.id, b.status as "fromStatus", l.status, x.reason
       ), history as (
         insert into lead_transitions (lead_id, action, from_status, to_status, actor_name, reason)
         select c.id, case when c."fromStatus" = 'withdrawn' then 'reinstate' else 'facts_restored' end,
                c."fromStatus", c.status, 'system:screening', c.reason
         from changed c order by c.id
         returning 1
       ), requeued as (
         insert into outbox (lead_id, queue, priority, payload, job_name, not_before)
         select distinct on (o.lead_id, o.queue) o.lead_id, o.queue, o.priority, o.payload, o.job_name,
                now() + make_interval(mins => $2::int)
         from changed c join outbox o on o.lead_id = c.id and o.job_name in ('lead', 'inform')
         where c."fromStatus" = 'withdrawn'
         order by o.lead_id, o.queue, o.id desc
         returning 1
       )
       select id::text from changed`,
      [JSON.stringify(rows), settleMinutes],
    );
    return changed.map((r) => r.id);
  }

  /** Leads later facts cured: withdrawn by the system, and flagged 事实已变更 with no answer yet. */
  async curedCounts(m: EntityManager): Promise<{ withdrawn: number; flagged: number }> {
    const rows: { withdrawn: number; flagged: number }[] = await m.query(
      `select count(*) filter (where status = 'withdrawn' and withdrawn_by = 'system')::int as withdrawn,
              count(*) filter (where facts_changed_at is not null and status <> 'withdrawn'
                               and facts_changed->>'keptAt' is null)::int as flagged
       from leads`,
    );
    return rows[0] ?? { withdrawn: 0, flagged: 0 };
  }

  async countByModelAndUnit(m: EntityManager): Promise<{ modelId: string; unitCode: string; n: number }[]> {
    return m.query(
      `select model_id as "modelId", unit_code as "unitCode", count(*)::int as n
       from leads group by 1, 2 order by 1, 2`,
    );
  }

  /** Cases on which the model raised an individual lead as of before `asOf`, in case-number order. */
  async casesWithIndividualLeads(m: EntityManager, modelId: string, asOf: Date): Promise<string[]> {
    const rows: { caseNo: string }[] = await m.query(
      `select distinct case_no as "caseNo" from leads
       where model_id = $1 and kind = 'individual' and case_no is not null and as_of < $2
       order by case_no`,
      [modelId, asOf],
    );
    return rows.map((r) => r.caseNo);
  }
}
