import type { EntityManager } from 'typeorm';
import type { LeadEvidence, LeadTier, Severity } from '../entities/lead.entity';
import { LeadEntity } from '../entities/lead.entity';

export interface LeadUpsert {
  modelId: string;
  modelVersion: number;
  dedupKey: string;
  caseNo: string | null;
  unitCode: string;
  tier: LeadTier;
  severity: Severity;
  priority: number;
  title: string;
  legalBasis: string;
  statement: string;
  evidence: LeadEvidence;
  asOf: Date;
  /** Queue the outbox relays a new lead to. */
  queue: string;
}

export interface LeadFilter {
  caseNo?: string;
  unitCode?: string;
  modelId?: string;
  limit: number;
  offset: number;
}

export class LeadRepository {
  /**
   * One lead per (model, dedup key). A new lead and its outbox row are written in the
   * caller's transaction; a lead that exists only takes the new evidence, and makes no job.
   */
  async upsert(m: EntityManager, leads: LeadUpsert[]): Promise<{ created: number; updated: number }> {
    if (!leads.length) return { created: 0, updated: 0 };
    const rows: { id: string; inserted: boolean }[] = await m.query(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb) as x("modelId" text, "modelVersion" int, "dedupKey" text,
           "caseNo" text, "unitCode" text, tier text, severity text, priority int, title text, "legalBasis" text,
           statement text, evidence jsonb, "asOf" timestamptz, queue text)
       ), upserted as (
         insert into leads as l (model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                                 legal_basis, statement, evidence, as_of)
         select "modelId", "modelVersion", "dedupKey", "caseNo", "unitCode", tier, severity, priority, title,
                "legalBasis", statement, evidence, "asOf" from input
         order by "modelId", "dedupKey"
         on conflict (model_id, dedup_key) do update set
           evidence = excluded.evidence, statement = excluded.statement, updated_at = now()
         where l.evidence is distinct from excluded.evidence
         returning l.id, l.model_id, l.dedup_key, l.priority, (xmax = 0) as inserted
       ), outboxed as (
         insert into outbox (lead_id, queue, priority, payload)
         select u.id, i.queue, u.priority,
                jsonb_build_object('leadId', u.id, 'modelId', i."modelId", 'caseNo', i."caseNo",
                                   'unitCode', i."unitCode", 'severity', i.severity, 'title', i.title)
         from upserted u join input i on i."modelId" = u.model_id and i."dedupKey" = u.dedup_key
         where u.inserted
         returning lead_id
       )
       select u.id, u.inserted from upserted u`,
      [JSON.stringify(leads)],
    );
    const created = rows.filter((r) => r.inserted).length;
    return { created, updated: rows.length - created };
  }

  async list(m: EntityManager, f: LeadFilter): Promise<LeadEntity[]> {
    const qb = m.getRepository(LeadEntity).createQueryBuilder('l');
    if (f.caseNo) qb.andWhere('l.case_no = :caseNo', { caseNo: f.caseNo });
    if (f.unitCode) qb.andWhere('l.unit_code = :unitCode', { unitCode: f.unitCode });
    if (f.modelId) qb.andWhere('l.model_id = :modelId', { modelId: f.modelId });
    return qb.orderBy('l.created_at', 'DESC').addOrderBy('l.id').limit(f.limit).offset(f.offset).getMany();
  }

  async get(m: EntityManager, id: string): Promise<LeadEntity | null> {
    return m.getRepository(LeadEntity).findOne({ where: { id } });
  }

  async recordRead(m: EntityManager, leadId: string, actor: string, reason: string | null): Promise<void> {
    await m.query(`insert into lead_reads (lead_id, actor, reason) values ($1, $2, $3)`, [
      leadId,
      actor,
      reason,
    ]);
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
  priority: number;
  payload: Record<string, unknown>;
}

export class OutboxRepository {
  /** Pending entries, locked for this relay until its transaction ends. */
  async claimPending(m: EntityManager, limit: number): Promise<OutboxEntry[]> {
    return m.query(
      `select id::text, lead_id as "leadId", queue, priority, payload from outbox
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
