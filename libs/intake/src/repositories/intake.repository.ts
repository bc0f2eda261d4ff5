import type { EntityManager } from 'typeorm';
import type { Department, RatesGroupBy } from '@zhijian/contracts';
import { departmentSees } from './departments.repository';
import type { EvidenceItem, LeadEvidence, LeadTier, Severity } from '@zhijian/domain';

type Queryable = Pick<EntityManager, 'query'>;

/** A lead as the intake API sees it: the referral facts and the procuratorate's handling. */
export interface IntakeLead {
  id: string;
  modelId: string;
  modelVersion: number;
  caseNo: string | null;
  unitCode: string;
  tier: LeadTier;
  /** At a provincial desk (task force, triage) rather than an office's own queue. */
  desk: 'taskforce' | 'triage' | null;
  /** The office by place and level: the triage desk's proposal, informed of a major lead. */
  localUnit: string | null;
  severity: Severity;
  priority: number;
  title: string;
  legalBasis: string;
  statement: string;
  evidence: LeadEvidence;
  status: string;
  kind: string;
  classLeadId: string | null;
  claimFen: number | null;
  livelihood: boolean;
  laborApplicants: number;
  claimedBy: { id: string; name: string } | null;
  claimedAt: Date | null;
  acceptedAt: Date | null;
  rejectedReason: string | null;
  suggestionNo: string | null;
  /** YYYY-MM-DD */
  suggestionServedOn: string | null;
  suggestionExtended: boolean;
  courtReply: 'adopted' | 'not_adopted' | null;
  courtRepliedOn: string | null;
  recoveredFen: number | null;
  closedAt: Date | null;
  escalationLevel: number;
  escalatedAt: Date | null;
  /** Withdrawn (已撤回（事实更正）): when, by the system or staff, and why. */
  withdrawnAt: Date | null;
  withdrawnBy: 'system' | 'staff' | null;
  withdrawnReason: string | null;
  /** Later facts no longer show the violation (事实已变更): when, and the facts as they now stand. */
  factsChangedAt: Date | null;
  factsChanged: FactsChanged | null;
  version: number;
  asOf: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type LeadSort = 'newest' | 'oldest' | 'priority';

export interface LeadQuery {
  /** Office-code prefix the caller may see (`visibleUnitPrefix`): every query is limited to it. */
  scopePrefix: string;
  caseNo?: string;
  unitCode?: string;
  modelId?: string;
  statuses?: string[];
  severities?: string[];
  /** Court code of the lead's case, e.g. 浙0803. */
  court?: string;
  /** Raised (business time, `as_of`) at or after / before. */
  from?: Date;
  to?: Date;
  sort: LeadSort;
  limit: number;
  offset: number;
}

/** Columns a lifecycle move or a reassignment may set; anything else stays as it is. */
/** What later facts did to a lead, as recorded by screening; `kept*` once its handler carried on. */
export interface FactsChanged {
  asOf: string;
  statement: string;
  items: EvidenceItem[];
  keptAt?: string;
  keptBy?: string;
}

export interface LeadPatch {
  claimedBy?: string;
  claimedAt?: Date;
  acceptedAt?: Date;
  rejectedReason?: string;
  suggestionNo?: string;
  suggestionServedOn?: string;
  suggestionExtended?: boolean;
  courtReply?: 'adopted' | 'not_adopted';
  courtRepliedOn?: string;
  recoveredFen?: number;
  closedAt?: Date;
  unitCode?: string;
  tier?: LeadTier;
  desk?: null;
  withdrawnAt?: Date;
  withdrawnBy?: 'staff';
  withdrawnReason?: string;
  factsChanged?: FactsChanged;
}

const PATCH_COLUMNS: { [K in keyof LeadPatch]-?: string } = {
  claimedBy: 'claimed_by',
  claimedAt: 'claimed_at',
  acceptedAt: 'accepted_at',
  rejectedReason: 'rejected_reason',
  suggestionNo: 'suggestion_no',
  suggestionServedOn: 'suggestion_served_on',
  suggestionExtended: 'suggestion_extended',
  courtReply: 'court_reply',
  courtRepliedOn: 'court_replied_on',
  recoveredFen: 'recovered_fen',
  closedAt: 'closed_at',
  unitCode: 'unit_code',
  tier: 'tier',
  desk: 'desk',
  withdrawnAt: 'withdrawn_at',
  withdrawnBy: 'withdrawn_by',
  withdrawnReason: 'withdrawn_reason',
  factsChanged: 'facts_changed',
};

export interface LeadTransitionRecord {
  leadId: string;
  action: string;
  fromStatus: string;
  toStatus: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  reason: string | null;
  data: Record<string, unknown>;
}

export interface LeadAssignmentRecord {
  leadId: string;
  fromUnit: string;
  toUnit: string;
  kind: 'triage' | 'reassign' | 'escalate' | 'inform';
  reason: string;
  actorName: string;
  at: Date;
}

export interface LeadHistory {
  transitions: (LeadTransitionRecord & { id: string })[];
  assignments: (LeadAssignmentRecord & { id: string })[];
}

/** Outcome counts of one group of leads; fen sums are exact integers. */
export interface OutcomeCounts {
  key: string;
  leads: number;
  accepted: number;
  suggestions: number;
  adopted: number;
  rectified: number;
  recoveredFen: number;
  claimFen: number;
}

const SELECT = `
  select l.id, l.model_id as "modelId", l.model_version as "modelVersion", l.case_no as "caseNo",
         l.unit_code as "unitCode", l.tier, l.desk, l.local_unit as "localUnit", l.severity, l.priority, l.title, l.legal_basis as "legalBasis",
         l.statement, l.evidence, l.status, l.kind, l.class_lead_id as "classLeadId",
         l.claim_fen::text as "claimFen", l.livelihood, l.labor_applicants as "laborApplicants",
         l.claimed_by as "claimedById", p.name as "claimedByName", l.claimed_at as "claimedAt",
         l.accepted_at as "acceptedAt", l.rejected_reason as "rejectedReason", l.suggestion_no as "suggestionNo",
         l.suggestion_served_on::text as "suggestionServedOn", l.suggestion_extended as "suggestionExtended",
         l.court_reply as "courtReply", l.court_replied_on::text as "courtRepliedOn",
         l.recovered_fen::text as "recoveredFen", l.closed_at as "closedAt",
         l.escalation_level as "escalationLevel", l.escalated_at as "escalatedAt", l.version,
         l.withdrawn_at as "withdrawnAt", l.withdrawn_by as "withdrawnBy", l.withdrawn_reason as "withdrawnReason",
         l.facts_changed_at as "factsChangedAt", l.facts_changed as "factsChanged",
         l.as_of as "asOf", l.created_at as "createdAt", l.updated_at as "updatedAt"
  from leads l left join principals p on p.id = l.claimed_by`;

/** How a lead row's handling columns come from SQL: bigints as text, the claimer as id and name. */
export interface HandlingColumns {
  claimFen: string | null;
  recoveredFen: string | null;
  claimedById: string | null;
  claimedByName: string | null;
}

export type Handling = {
  claimFen: number | null;
  recoveredFen: number | null;
  claimedBy: { id: string; name: string } | null;
};

/** A lead row's handling columns as the API shows them (every reader of leads shares this). */
export function fromHandlingColumns<R extends HandlingColumns>(
  r: R,
): Omit<R, keyof HandlingColumns> & Handling {
  const { claimedById, claimedByName, claimFen, recoveredFen, ...rest } = r;
  return {
    ...rest,
    claimFen: claimFen === null ? null : Number(claimFen),
    recoveredFen: recoveredFen === null ? null : Number(recoveredFen),
    claimedBy: claimedById ? { id: claimedById, name: claimedByName ?? '' } : null,
  };
}

type Row = Omit<IntakeLead, keyof Handling> & HandlingColumns;
const toLead = (r: Row): IntakeLead => fromHandlingColumns(r);

const ORDER: Record<LeadSort, string> = {
  newest: 'l.created_at desc, l.id',
  oldest: 'l.created_at, l.id',
  priority: 'l.priority, l.created_at, l.id',
};

/**
 * The procuratorate's side of leads: scoped reads, lifecycle updates under optimistic
 * concurrency (the `version` column), their history, and the outcome counts rates come from.
 * Every read takes the caller's office-code prefix, so scope is enforced in SQL.
 */
export class LeadIntakeRepository {
  async list(m: Queryable, q: LeadQuery, department: Department | null = null): Promise<IntakeLead[]> {
    const params: unknown[] = [q.scopePrefix, department];
    const where = [`l.unit_code like $1 || '%'`, departmentSees('$2')];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.caseNo) add((p) => `l.case_no = ${p}`, q.caseNo);
    if (q.unitCode) add((p) => `l.unit_code = ${p}`, q.unitCode);
    if (q.modelId) add((p) => `l.model_id = ${p}`, q.modelId);
    if (q.statuses?.length) add((p) => `l.status = any(${p}::text[])`, q.statuses);
    if (q.severities?.length) add((p) => `l.severity = any(${p}::text[])`, q.severities);
    if (q.court)
      add(
        (p) => `exists (select 1 from cases c where c.case_no = l.case_no and c.court_code = ${p})`,
        q.court,
      );
    if (q.from) add((p) => `l.as_of >= ${p}`, q.from);
    if (q.to) add((p) => `l.as_of < ${p}`, q.to);
    params.push(q.limit, q.offset);
    const rows: Row[] = await m.query(
      `${SELECT} where ${where.join(' and ')} order by ${ORDER[q.sort]}
       limit $${params.length - 1} offset $${params.length}`,
      params,
    );
    return rows.map(toLead);
  }

  /** New and claimed leads of exactly this office, the most urgent first. */
  async inbox(
    m: Queryable,
    unitCode: string,
    limit: number,
    offset: number,
    department: Department | null = null,
  ): Promise<IntakeLead[]> {
    const rows: Row[] = await m.query(
      `${SELECT} where l.unit_code = $1 and l.status in ('new', 'claimed') and ${departmentSees('$4')}
       order by ${ORDER.priority} limit $2 offset $3`,
      [unitCode, limit, offset, department],
    );
    return rows.map(toLead);
  }

  /** The lead when it is within the scope; null when it does not exist or is out of scope alike. */
  async getInScope(m: Queryable, id: string, scopePrefix: string): Promise<IntakeLead | null> {
    const rows: Row[] = await m.query(`${SELECT} where l.id = $1 and l.unit_code like $2 || '%'`, [
      id,
      scopePrefix,
    ]);
    return rows[0] ? toLead(rows[0]) : null;
  }

  /**
   * Sets the status and the patched columns when the lead is still at `expectedVersion`,
   * and bumps the version. False when someone else updated it first.
   */
  async update(
    m: Queryable,
    id: string,
    expectedVersion: number,
    status: string,
    patch: LeadPatch,
  ): Promise<boolean> {
    const params: unknown[] = [id, expectedVersion, status];
    const sets = ['status = $3', 'version = version + 1', 'updated_at = now()'];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof LeadPatch, string][]) {
      if (patch[key] === undefined) continue;
      params.push(patch[key]);
      sets.push(`${column} = $${params.length}`);
    }
    const [, affected]: [unknown[], number] = await m.query(
      `update leads set ${sets.join(', ')} where id = $1 and version = $2`,
      params,
    );
    return affected === 1;
  }

  async recordTransition(m: Queryable, t: LeadTransitionRecord): Promise<void> {
    await m.query(
      `insert into lead_transitions (lead_id, action, from_status, to_status, actor_id, actor_name, at, reason, data)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [t.leadId, t.action, t.fromStatus, t.toStatus, t.actorId, t.actorName, t.at, t.reason, t.data],
    );
  }

  async recordAssignment(m: Queryable, a: LeadAssignmentRecord): Promise<void> {
    await m.query(
      `insert into lead_assignments (lead_id, from_unit, to_unit, kind, reason, actor_name, at)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [a.leadId, a.fromUnit, a.toUnit, a.kind, a.reason, a.actorName, a.at],
    );
  }

  /**
   * A reassigned lead whose `lead` job is still in the outbox: point it at the new office's
   * queue. An entry the relay holds is waited for, and is then relayed already.
   */
  async retargetPendingJob(m: Queryable, leadId: string, queue: string, unitCode: string): Promise<void> {
    await m.query(
      `update outbox set queue = $2, payload = payload || jsonb_build_object('unitCode', $3::text)
       where lead_id = $1 and job_name = 'lead' and relayed_at is null`,
      [leadId, queue, unitCode],
    );
  }

  /** The queue the lead's latest `lead` job was relayed to, with its data; null when none was relayed. */
  async relayedJob(
    m: Queryable,
    leadId: string,
  ): Promise<{ queue: string; priority: number; payload: Record<string, unknown> } | null> {
    const rows: { queue: string; priority: number; payload: Record<string, unknown> }[] = await m.query(
      `select queue, priority, payload from outbox
       where lead_id = $1 and job_name = 'lead' and relayed_at is not null order by id desc limit 1`,
      [leadId],
    );
    return rows[0] ?? null;
  }

  /** The claim (fen) a recovery is measured against: the lead's, else its case's (as rates count it); null when neither is known. */
  async claimFenOf(m: Queryable, leadId: string): Promise<number | null> {
    const rows: { claimFen: string | null }[] = await m.query(
      `select coalesce(l.claim_fen, c.claim_fen)::text as "claimFen"
       from leads l left join cases c on c.case_no = l.case_no where l.id = $1`,
      [leadId],
    );
    const claim = rows[0]?.claimFen;
    return claim === null || claim === undefined ? null : Number(claim);
  }

  async history(m: Queryable, leadId: string): Promise<LeadHistory> {
    const transitions: (LeadTransitionRecord & { id: string })[] = await m.query(
      `select id::text, lead_id as "leadId", action, from_status as "fromStatus", to_status as "toStatus",
              actor_id as "actorId", actor_name as "actorName", at, reason, data
       from lead_transitions t where t.lead_id = $1 order by t.id`,
      [leadId],
    );
    const assignments: (LeadAssignmentRecord & { id: string })[] = await m.query(
      `select id::text, lead_id as "leadId", from_unit as "fromUnit", to_unit as "toUnit", kind, reason,
              actor_name as "actorName", at
       from lead_assignments a where a.lead_id = $1 order by a.id`,
      [leadId],
    );
    return { transitions, assignments };
  }

  /**
   * Outcome counts of the leads in scope raised (business time) in [from, to), per group.
   * Accepted: accepted at some point (`accepted_at`), whatever came after. Suggestions: a
   * 检察建议 was issued. Rectified: adopted and a rectification recorded. Fen: recovered and
   * claimed over the supervised leads (suggestion issued); the claim is the lead's, else its case's.
   * Withdrawn leads (later facts cured them) count nowhere: they were not violations.
   */
  async outcomes(
    m: Queryable,
    scopePrefix: string,
    groupBy: RatesGroupBy,
    from: Date | null,
    to: Date | null,
  ): Promise<OutcomeCounts[]> {
    const key: Record<RatesGroupBy, string> = {
      model: 'l.model_id',
      unit: 'l.unit_code',
      month: `to_char(l.as_of at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    };
    const rows: (Omit<OutcomeCounts, 'recoveredFen' | 'claimFen'> & {
      recoveredFen: string;
      claimFen: string;
    })[] = await m.query(
      `select ${key[groupBy]} as key,
                count(*)::int as leads,
                count(*) filter (where l.accepted_at is not null)::int as accepted,
                count(*) filter (where l.suggestion_no is not null)::int as suggestions,
                count(*) filter (where l.court_reply = 'adopted')::int as adopted,
                count(*) filter (where l.court_reply = 'adopted' and l.recovered_fen is not null)::int as rectified,
                coalesce(sum(l.recovered_fen) filter (where l.suggestion_no is not null), 0)::text as "recoveredFen",
                coalesce(sum(coalesce(l.claim_fen, c.claim_fen)) filter (where l.suggestion_no is not null), 0)::text
                  as "claimFen"
         from leads l left join cases c on c.case_no = l.case_no
         where l.unit_code like $1 || '%' and l.status <> 'withdrawn'
           and ($2::timestamptz is null or l.as_of >= $2) and ($3::timestamptz is null or l.as_of < $3)
         group by 1 order by 1`,
      [scopePrefix, from, to],
    );
    return rows.map((r) => ({ ...r, recoveredFen: Number(r.recoveredFen), claimFen: Number(r.claimFen) }));
  }

  /** Whether a lead with this id exists at all, whatever its scope (to tell a refusal from a miss). */
  async exists(m: Queryable, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`select 1 from leads where id = $1::uuid`, [id]);
    return rows.length > 0;
  }
}
