import type { EntityManager } from 'typeorm';
import type { LeadEvidence, LeadTier, Severity } from '../entities/lead.entity';

/** The latest generation of a (model, base key), as the dedup decision needs it. */
export interface LeadGeneration {
  id: string;
  modelId: string;
  baseKey: string;
  generation: number;
  status: string;
  evidence: LeadEvidence;
}

/** A job the outbox relay adds for a new lead; the relay merges `leadId` into the payload. */
export interface OutboxJob {
  queue: string;
  /** `lead` or `inform` (libs/referral JOB_NAMES). */
  name: string;
  priority: number;
  payload: Record<string, unknown>;
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

export interface ClassMember {
  id: string;
  caseNo: string;
  classLeadId: string | null;
  claimFen: number | null;
  livelihood: boolean;
  laborApplicants: number;
  evidence: LeadEvidence;
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
      `select l.id, l.model_id as "modelId", l.base_key as "baseKey", l.generation, l.status, l.evidence
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
  async insertNew(m: EntityManager, leads: NewLead[]): Promise<string[]> {
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
         insert into outbox (lead_id, queue, priority, payload, job_name)
         select i.id, j.queue, j.priority, j.payload || jsonb_build_object('leadId', i.id), j.name
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
      [JSON.stringify(leads)],
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
         and l.status <> 'rejected' and l.rejected_reason is null
       order by l.case_no, l.generation`,
      [modelId, classKey],
    );
  }

  /** Links individual leads not yet in a class to the class lead. */
  async linkToClass(m: EntityManager, classLeadId: string, memberIds: string[]): Promise<number> {
    if (!memberIds.length) return 0;
    const rows: unknown[] = await m.query(
      `with linked as (
         update leads set class_lead_id = $1
         where id = any($2::uuid[]) and class_lead_id is null and id <> $1
         returning id)
       select id from linked`,
      [classLeadId, memberIds],
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

  async countByModelAndUnit(m: EntityManager): Promise<{ modelId: string; unitCode: string; n: number }[]> {
    return m.query(
      `select model_id as "modelId", unit_code as "unitCode", count(*)::int as n
       from leads group by 1, 2 order by 1, 2`,
    );
  }
}

export interface OutboxEntry {
  id: string;
  leadId: string;
  queue: string;
  jobName: string;
  priority: number;
  payload: Record<string, unknown>;
}

export class OutboxRepository {
  /** Pending entries, locked for this relay until its transaction ends. */
  async claimPending(m: EntityManager, limit: number): Promise<OutboxEntry[]> {
    return m.query(
      `select id::text, lead_id as "leadId", queue, job_name as "jobName", priority, payload from outbox
       where relayed_at is null order by id limit $1 for update skip locked`,
      [limit],
    );
  }

  async markRelayed(m: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await m.query(`update outbox set relayed_at = now() where id = any($1::bigint[])`, [ids]);
  }

  async pendingCount(m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `select count(*)::int as n from outbox where relayed_at is null`,
    );
    return rows[0]?.n ?? 0;
  }
}
