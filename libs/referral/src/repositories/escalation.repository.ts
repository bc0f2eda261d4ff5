import type { EntityManager } from 'typeorm';
import type { LeadTier } from '@zhijian/domain';
import type { OutboxJob } from './outbox.repository';

export interface UnclaimedLead {
  id: string;
  modelId: string;
  kind: string;
  caseNo: string | null;
  unitCode: string;
  status: string;
  severity: string;
  priority: number;
  title: string;
  escalationLevel: number;
  createdAt: Date;
  escalatedAt: Date | null;
  /** The last triage or reassignment by staff, if any. */
  reassignedAt: Date | null;
}

export interface EscalationRow {
  id: string;
  fromUnit: string;
  toUnit: string;
  toTier: LeadTier;
  level: number;
  reason: string;
  job: OutboxJob;
}

/** Unclaimed leads going one tier up (lead_assignments kind `escalate`). */
export class EscalationRepository {
  /**
   * Leads still `new` below the province that reached their office (created, last escalated,
   * or last triaged or reassigned by staff) before `cutoff`; locked for this run, others skipped.
   */
  async unclaimedBefore(m: EntityManager, cutoff: Date, limit: number): Promise<UnclaimedLead[]> {
    return m.query(
      `select l.id, l.model_id as "modelId", l.kind, l.case_no as "caseNo", l.unit_code as "unitCode", l.status,
              l.severity, l.priority, l.title, l.escalation_level as "escalationLevel",
              l.created_at as "createdAt", l.escalated_at as "escalatedAt", r.at as "reassignedAt"
       from leads l
       left join lateral (
         select max(a.at) as at from lead_assignments a
         where a.lead_id = l.id and a.kind in ('triage', 'reassign')) r on true
       where l.status = 'new' and l.tier <> 'province' and coalesce(l.escalated_at, l.created_at) <= $1
         and (r.at is null or r.at <= $1)
       order by coalesce(l.escalated_at, l.created_at), l.id
       limit $2
       for update of l skip locked`,
      [cutoff, limit],
    );
  }

  /**
   * Moves each lead one tier up if it is still new and where it was: unit, tier, level,
   * `escalated_at` (the escalation clock's time), version; an `escalate` assignment row and
   * an outbox job for the new office's queue, all in the caller's transaction.
   */
  async escalate(m: EntityManager, rows: EscalationRow[], at: Date, actorName: string): Promise<string[]> {
    if (!rows.length) return [];
    const moved: { id: string }[] = await m.query(
      `with x as (
         select * from jsonb_to_recordset($1::jsonb) as x(id uuid, "fromUnit" text, "toUnit" text, "toTier" text,
           level int, reason text, job jsonb)
       ), moved as (
         update leads l set unit_code = x."toUnit", tier = x."toTier", escalation_level = x.level,
                escalated_at = $2, version = l.version + 1, updated_at = now()
         from x where l.id = x.id and l.status = 'new' and l.unit_code = x."fromUnit"
         returning l.id
       ), assigned as (
         insert into lead_assignments (lead_id, from_unit, to_unit, kind, reason, actor_name, at)
         select x.id, x."fromUnit", x."toUnit", 'escalate', x.reason, $3, $2 from x join moved using (id)
         returning 1
       ), outboxed as (
         insert into outbox (lead_id, queue, priority, payload, job_name)
         select x.id, x.job->>'queue', (x.job->>'priority')::int,
                (x.job->'payload') || jsonb_build_object('leadId', x.id), x.job->>'name'
         from x join moved using (id)
         returning 1
       )
       select id from moved`,
      [JSON.stringify(rows), at, actorName],
    );
    return moved.map((r) => r.id);
  }
}
