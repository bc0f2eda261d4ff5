import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import {
  cstDateOf,
  type EvidenceItem,
  type LeadEvidence,
  type Severity,
  eventTypeName,
  decideCure,
  decideDedup,
  dedupKeyOf,
  factKey,
  type LatestGeneration,
} from '@zhijian/domain';
import { AuditLog } from '@zhijian/access';
import { LeadRepository, type CureRecord, type NewLead } from './repositories/lead.repository';
import { JOB_NAMES, leadQueueOf } from '@zhijian/contracts';
import {
  priorityFor,
  referralPolicyOf,
  routeLead,
  severityFor,
  type LeadJobData,
  type LeadKind,
  type LocalOffice,
  type ReferralPolicy,
} from '@zhijian/referral';

/** A lead a model (or the class, follow-up or petition step) wants raised, before dedup and routing. */
export interface LeadCandidate {
  modelId: string;
  modelVersion: number;
  kind: LeadKind;
  /** Dedup key of the first generation. */
  baseKey: string;
  caseNo: string | null;
  /** The model's severity; livelihood leads rise one level. */
  severity: Severity;
  livelihood: boolean;
  title: string;
  legalBasis: string;
  statement: string;
  evidence: LeadEvidence;
  claimFen: number | null;
  laborApplicants: number;
  dutyCrimeSuspected: boolean;
  /** The class (court and period) this individual lead counts toward. */
  classKey: string | null;
  /** The lead a follow-up follows. */
  sourceLeadId: string | null;
  /** The office by place and level; the policy may send the lead to a provincial desk instead. */
  local: LocalOffice;
  /** Business time the case was judged at (its court's clock), when not the round's. */
  asOf?: Date;
}

export type WriteOutcome = 'created' | 'updated' | 'reinstated' | 'unchanged' | 'handled' | 'lost_race';

export interface WrittenLead {
  candidate: LeadCandidate;
  /** The lead the candidate now lives in (new or open), or the handled one; null if another writer won. */
  leadId: string | null;
  outcome: WriteOutcome;
}

const REFERRAL_ACTOR = 'system:referral';
const SCREENING_ACTOR = 'system:screening';

/**
 * The one place leads are written: dedup over generations (`decideDedup`), routing by the
 * referral policy (`routeLead`) for new leads, and the lead with its outbox jobs and
 * assignment rows in the caller's transaction.
 */
@Injectable()
export class LeadWriter {
  private readonly leads = new LeadRepository();
  private readonly audit = new AuditLog();
  private readonly policy: ReferralPolicy;
  private readonly policySettleMinutes: number;

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.policy = referralPolicyOf(config.referral);
    this.policySettleMinutes = config.referral.leadSettleMinutes;
  }

  /**
   * The leads of these (model, case)s whose model no longer fires: the facts as they now stand
   * no longer show the violation. A new lead is withdrawn (已撤回（事实更正）) and its intake jobs
   * removed; a lead being handled is flagged 事实已变更 for its handler. The events that arrived
   * since the lead was raised are kept with it; each change is in its history and the audit log.
   */
  async cure(
    m: EntityManager,
    quiet: { modelId: string; caseNo: string; asOf: Date }[],
  ): Promise<CureRecord[]> {
    const open = await this.leads.openLeadsOnCases(m, quiet);
    if (!open.length) return [];
    const asOfOf = new Map(quiet.map((q) => [`${q.modelId}\u0000${q.caseNo}`, q.asOf]));
    const decided = open
      .map((lead) => ({ lead, decision: decideCure(lead) }))
      .filter((d) => d.decision.action !== 'none');
    if (!decided.length) return [];
    const arrived = await this.leads.eventsArrivedSince(
      m,
      decided.map(({ lead }) => ({ leadId: lead.id, caseNo: lead.caseNo, since: lead.createdAt })),
    );
    const queues = await this.leads.outboxQueuesOf(
      m,
      decided.filter((d) => d.decision.action === 'withdraw').map((d) => d.lead.id),
    );
    const cures: CureRecord[] = decided.map(({ lead, decision }) => {
      const asOf = asOfOf.get(`${lead.modelId}\u0000${lead.caseNo}`)!;
      const cited = new Set(lead.evidence.items.map(factKey));
      const items: EvidenceItem[] = arrived
        .filter((e) => e.leadId === lead.id && !cited.has(factKey(e)))
        .map((e) => ({
          kind: 'event',
          source: e.source,
          eventId: e.eventId,
          on: e.on,
          summary: `后到事实：${eventTypeName(e.type)}（${e.on}）`,
        }));
      const withdraw = decision.action === 'withdraw';
      const reason = withdraw
        ? `后到事实显示违法情形已不存在（业务时间 ${cstDateOf(asOf)}），系统自动撤回`
        : `后到事实显示违法情形已不存在（业务时间 ${cstDateOf(asOf)}），请承办人决定撤回或继续办理`;
      return {
        leadId: lead.id,
        action: withdraw ? 'withdraw' : 'flag',
        fromStatus: lead.status,
        reason,
        factsChanged: { asOf: asOf.toISOString(), statement: reason, items },
        queues: withdraw ? [...new Set([...(queues.get(lead.id) ?? []), leadQueueOf(lead)])] : [],
      };
    });
    const applied = new Set(await this.leads.recordCures(m, cures));
    const done = cures.filter((c) => applied.has(c.leadId));
    await this.audit.append(
      m,
      done.map((c) => ({
        actor: SCREENING_ACTOR,
        action: c.action === 'withdraw' ? 'lead.withdraw' : 'lead.facts_changed',
        subject: `lead:${c.leadId}`,
        reason: c.reason,
      })),
    );
    return done;
  }

  async write(m: EntityManager, candidates: LeadCandidate[], asOf: Date): Promise<WrittenLead[]> {
    if (!candidates.length) return [];
    const byKey = new Map<string, LeadCandidate>();
    for (const c of candidates) byKey.set(keyOf(c.modelId, c.baseKey), c); // the last word of a batch wins
    const unique = [...byKey.values()];
    const latest = new Map<string, LatestGeneration>();
    for (const g of await this.leads.generations(m, unique)) {
      const k = keyOf(g.modelId, g.baseKey);
      if (!latest.has(k)) latest.set(k, g); // newest generation first
    }
    const inserts: NewLead[] = [];
    const updates: { id: string; statement: string; evidence: LeadEvidence }[] = [];
    const reinstated: { id: string; statement: string; evidence: LeadEvidence; reason: string }[] = [];
    const planned: {
      candidate: LeadCandidate;
      leadId: string;
      outcome: 'create' | 'update' | 'reinstate' | 'handled';
    }[] = [];
    for (const c of unique) {
      const decision = decideDedup(latest.get(keyOf(c.modelId, c.baseKey)) ?? null, c.evidence);
      switch (decision.action) {
        case 'create': {
          const lead = this.newLead(c, decision.generation, asOf);
          inserts.push(lead);
          planned.push({ candidate: c, leadId: lead.id, outcome: 'create' });
          break;
        }
        case 'update':
          updates.push({ id: decision.leadId, statement: c.statement, evidence: decision.evidence });
          planned.push({ candidate: c, leadId: decision.leadId, outcome: 'update' });
          break;
        case 'reinstate':
          reinstated.push({
            id: decision.leadId,
            statement: c.statement,
            evidence: decision.evidence,
            reason: `事实再次显示违法情形（业务时间 ${cstDateOf(asOf)}）`,
          });
          planned.push({ candidate: c, leadId: decision.leadId, outcome: 'reinstate' });
          break;
        case 'handled':
          planned.push({ candidate: c, leadId: decision.leadId, outcome: 'handled' });
          break;
      }
    }
    const settle = this.policySettleMinutes;
    const inserted = new Set(await this.leads.insertNew(m, inserts, settle));
    const updated = new Set(await this.leads.updateEvidence(m, updates));
    const back = new Set(await this.leads.reinstate(m, reinstated, settle));
    await this.audit.append(
      m,
      [...back].map((id) => ({
        actor: SCREENING_ACTOR,
        action: 'lead.reinstate',
        subject: `lead:${id}`,
        reason: null,
      })),
    );
    return planned.map(({ candidate, leadId, outcome }) => {
      if (outcome === 'create') {
        return inserted.has(leadId)
          ? { candidate, leadId, outcome: 'created' }
          : { candidate, leadId: null, outcome: 'lost_race' };
      }
      if (outcome === 'update')
        return { candidate, leadId, outcome: updated.has(leadId) ? 'updated' : 'unchanged' };
      if (outcome === 'reinstate')
        return { candidate, leadId, outcome: back.has(leadId) ? 'reinstated' : 'unchanged' };
      return { candidate, leadId, outcome: 'handled' };
    });
  }

  private newLead(c: LeadCandidate, generation: number, asOf: Date): NewLead {
    const routing = routeLead(
      {
        kind: c.kind,
        local: c.local,
        claimFen: c.claimFen,
        laborApplicants: c.laborApplicants,
        dutyCrimeSuspected: c.dutyCrimeSuspected,
      },
      this.policy,
    );
    const severity = severityFor(c.severity, c.livelihood);
    const priority = priorityFor(c.severity, c.livelihood);
    const payload: Omit<LeadJobData, 'leadId'> = {
      modelId: c.modelId,
      caseNo: c.caseNo,
      unitCode: routing.unitCode,
      severity,
      title: c.title,
      kind: c.kind,
      desk: routing.desk,
      reason: routing.reason,
    };
    return {
      id: randomUUID(),
      modelId: c.modelId,
      modelVersion: c.modelVersion,
      dedupKey: dedupKeyOf(c.baseKey, generation),
      kind: c.kind,
      caseNo: c.caseNo,
      unitCode: routing.unitCode,
      tier: routing.tier,
      desk: routing.desk,
      localUnit: routing.localUnit,
      routingReason: routing.reason,
      severity,
      priority,
      title: c.title,
      legalBasis: c.legalBasis,
      statement: c.statement,
      evidence: c.evidence,
      asOf: c.asOf ?? asOf,
      claimFen: c.claimFen,
      livelihood: c.livelihood,
      laborApplicants: c.laborApplicants,
      classKey: c.classKey,
      sourceLeadId: c.sourceLeadId,
      jobs: routing.jobs.map((j) => {
        const inform = routing.assignments.find((a) => a.toUnit === j.unitCode);
        return {
          queue: j.queue,
          name: j.name,
          priority,
          payload:
            j.name === JOB_NAMES.inform && inform
              ? { ...payload, inform: { unitCode: j.unitCode, reason: inform.reason } }
              : payload,
        };
      }),
      assignments: routing.assignments.map((a) => ({ ...a, actorName: REFERRAL_ACTOR })),
    };
  }
}

function keyOf(modelId: string, baseKey: string): string {
  return `${modelId}\u0000${baseKey}`;
}
