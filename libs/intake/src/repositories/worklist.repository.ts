import type { EntityManager } from 'typeorm';
import type { WorklistQuery, WorklistSort } from '../intake-requests';
import type { Department } from '@zhijian/contracts';
import { fromHandlingColumns, type Handling, type HandlingColumns } from './intake.repository';
import { departmentSees } from './departments.repository';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * A lead as a list shows it: the referral facts and the handling, without the evidence (no
 * personal data, so nothing to mask), with what its deadline is computed from.
 */
export interface LeadSummaryRow {
  id: string;
  modelId: string;
  caseNo: string | null;
  /** Court code of the lead's case (浙0803), when the case is known. */
  court: string | null;
  unitCode: string;
  tier: string;
  desk: 'taskforce' | 'triage' | null;
  localUnit: string | null;
  severity: string;
  priority: number;
  title: string;
  status: string;
  kind: string;
  classLeadId: string | null;
  sourceLeadId: string | null;
  claimFen: number | null;
  livelihood: boolean;
  laborApplicants: number;
  claimedBy: { id: string; name: string } | null;
  suggestionServedOn: string | null;
  suggestionExtended: boolean;
  courtReply: 'adopted' | 'not_adopted' | null;
  courtRepliedOn: string | null;
  recoveredFen: number | null;
  escalationLevel: number;
  /** Flagged 事实已变更 and not yet answered by its handler. */
  factsChangedPending: boolean;
  version: number;
  asOf: Date;
  createdAt: Date;
  /** When it reached its current office: created, escalated, triaged or reassigned. */
  arrivedAt: Date;
}

const COLUMNS = `
  l.id, l.model_id as "modelId", l.case_no as "caseNo", c.court_code as court, l.unit_code as "unitCode",
  l.tier, l.desk, l.local_unit as "localUnit", l.severity, l.priority, l.title, l.status, l.kind,
  l.class_lead_id as "classLeadId", l.source_lead_id as "sourceLeadId", l.claim_fen::text as "claimFen",
  l.livelihood, l.labor_applicants as "laborApplicants", l.claimed_by as "claimedById", p.name as "claimedByName",
  l.suggestion_served_on::text as "suggestionServedOn", l.suggestion_extended as "suggestionExtended",
  l.court_reply as "courtReply", l.court_replied_on::text as "courtRepliedOn", l.recovered_fen::text as "recoveredFen",
  l.escalation_level as "escalationLevel",
  (l.facts_changed_at is not null and l.status <> 'withdrawn' and l.facts_changed->>'keptAt' is null) as "factsChangedPending",
  l.version, l.as_of as "asOf", l.created_at as "createdAt",
  greatest(l.created_at, l.escalated_at,
           (select max(a.at) from lead_assignments a where a.lead_id = l.id and a.kind in ('triage', 'reassign')))
    as "arrivedAt"`;

const FROM = `leads l left join cases c on c.case_no = l.case_no left join principals p on p.id = l.claimed_by`;

type Row = Omit<LeadSummaryRow, keyof Handling> & HandlingColumns;
const toSummary = (r: Row): LeadSummaryRow => fromHandlingColumns(r);

const ORDER: Record<WorklistSort, string> = {
  priority: 'l.priority, l.created_at, l.id',
  newest: 'l.created_at desc, l.id',
  oldest: 'l.created_at, l.id',
  claim: 'l.claim_fen desc nulls last, l.created_at, l.id',
};

/**
 * The offices a scope prefix covers, as a range of six-digit codes, so that an index on
 * `unit_code` serves it (a `like $1 || '%'` with a parameter cannot): '3308' → ['3308', '3309').
 */
export function scopeRange(prefix: string): [string, string] {
  if (!/^\d{1,6}$/.test(prefix)) throw new Error('a scope prefix is 1–6 digits');
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  return [prefix, next];
}

/**
 * The console's reads of leads, each limited to the caller's scope in SQL like the intake API's
 * (and, for a person of a department, to the leads that department sees: `department`, null for
 * the whole office):
 * a page of a filtered, sorted list with its total, a lead's linked leads, and the leads waiting
 * on a 检察建议's reply or rectification.
 */
export class WorklistRepository {
  async page(
    m: Queryable,
    scopePrefix: string,
    q: WorklistQuery,
    department: Department | null = null,
  ): Promise<{ items: LeadSummaryRow[]; total: number }> {
    const params: unknown[] = [...scopeRange(scopePrefix), department];
    const where = ['l.unit_code >= $1', 'l.unit_code < $2', departmentSees('$3')];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.caseNo) add((p) => `l.case_no = ${p}`, q.caseNo);
    if (q.unitCode) add((p) => `l.unit_code = ${p}`, q.unitCode);
    if (q.modelId) add((p) => `l.model_id = ${p}`, q.modelId);
    if (q.statuses?.length) add((p) => `l.status = any(${p}::text[])`, q.statuses);
    if (q.severities?.length) add((p) => `l.severity = any(${p}::text[])`, q.severities);
    if (q.kinds?.length) add((p) => `l.kind = any(${p}::text[])`, q.kinds);
    if (q.classLeadId) add((p) => `l.class_lead_id = ${p}`, q.classLeadId);
    if (q.livelihood) where.push('l.livelihood');
    if (q.court)
      add(
        (p) => `exists (select 1 from cases k where k.case_no = l.case_no and k.court_code = ${p})`,
        q.court,
      );
    if (q.from) add((p) => `l.as_of >= ${p}`, q.from);
    if (q.to) add((p) => `l.as_of < ${p}`, q.to);
    const filter = where.join(' and ');
    const n = params.length;
    const [rows, counted] = await Promise.all([
      m.query<Row[]>(
        `with page as (select l.id from leads l where ${filter} order by ${ORDER[q.sort]}
                       limit $${n + 1} offset $${n + 2})
         select ${COLUMNS} from page join ${FROM} on l.id = page.id order by ${ORDER[q.sort]}`,
        [...params, q.limit, q.offset],
      ),
      m.query<{ n: number }[]>(`select count(*)::int as n from leads l where ${filter}`, params),
    ]);
    return { items: rows.map(toSummary), total: counted[0]?.n ?? 0 };
  }

  /** Leads in scope by id (the linked leads of a lead page); the others are left out. */
  async byIds(
    m: Queryable,
    scopePrefix: string,
    ids: string[],
    department: Department | null = null,
  ): Promise<LeadSummaryRow[]> {
    if (!ids.length) return [];
    const rows: Row[] = await m.query<Row[]>(
      `select ${COLUMNS} from ${FROM} where l.id = any($3::uuid[]) and l.unit_code >= $1 and l.unit_code < $2
         and ${departmentSees('$4')}
       order by l.created_at, l.id`,
      [...scopeRange(scopePrefix), ids, department],
    );
    return rows.map(toSummary);
  }

  /** The leads in scope linked to this one: the class lead's cases, the follow-ups of its 检察建议. */
  async linked(
    m: Queryable,
    scopePrefix: string,
    leadId: string,
    department: Department | null = null,
    limit = 200,
  ): Promise<{ members: LeadSummaryRow[]; followups: LeadSummaryRow[] }> {
    const range = scopeRange(scopePrefix);
    const [members, followups] = await Promise.all(
      ['class_lead_id', 'source_lead_id'].map((column) =>
        m.query<Row[]>(
          `select ${COLUMNS} from ${FROM} where l.${column} = $3 and l.unit_code >= $1 and l.unit_code < $2
             and ${departmentSees('$5')}
             order by l.created_at, l.id limit $4`,
          [...range, leadId, limit, department],
        ),
      ),
    );
    return { members: members!.map(toSummary), followups: followups!.map(toSummary) };
  }

  /** Leads in scope whose 检察建议 awaits the court's reply or an adopted reply its rectification. */
  async awaitingCourt(
    m: Queryable,
    scopePrefix: string,
    department: Department | null = null,
  ): Promise<LeadSummaryRow[]> {
    const rows: Row[] = await m.query(
      `select ${COLUMNS} from ${FROM}
       where l.unit_code >= $1 and l.unit_code < $2 and ${departmentSees('$3')}
         and (l.status = 'suggestion_issued'
              or (l.status = 'court_replied' and l.court_reply = 'adopted' and l.recovered_fen is null))
       order by l.created_at, l.id`,
      [...scopeRange(scopePrefix), department],
    );
    return rows.map(toSummary);
  }

  /** Follow-up leads (检察建议回复超期、整改未落实) in scope not yet handled, oldest first. */
  async openFollowups(
    m: Queryable,
    scopePrefix: string,
    limit: number,
    department: Department | null = null,
  ): Promise<{ items: LeadSummaryRow[]; total: number }> {
    const range = [...scopeRange(scopePrefix), department];
    const where = `l.unit_code >= $1 and l.unit_code < $2 and ${departmentSees('$3')} and l.kind = 'followup' and l.status not in ('closed', 'rejected')`;
    const [rows, counted] = await Promise.all([
      m.query<Row[]>(`select ${COLUMNS} from ${FROM} where ${where} order by l.created_at, l.id limit $4`, [
        ...range,
        limit,
      ]),
      m.query<{ n: number }[]>(`select count(*)::int as n from leads l where ${where}`, range),
    ]);
    return { items: rows.map(toSummary), total: counted[0]?.n ?? 0 };
  }
}
