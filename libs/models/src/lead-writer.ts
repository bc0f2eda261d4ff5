import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { LeadRepository, type LeadEvidence, type NewLead, type Severity } from '@zhijian/persistence';
import {
  JOB_NAMES,
  priorityFor,
  referralPolicyOf,
  routeLead,
  severityFor,
  type LeadJobData,
  type LeadKind,
  type LocalOffice,
  type ReferralPolicy,
} from '@zhijian/referral';
import { decideDedup, dedupKeyOf } from './dedup';

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
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'handled' | 'lost_race';

export interface WrittenLead {
  candidate: LeadCandidate;
  /** The lead the candidate now lives in (new or open), or the handled one; null if another writer won. */
  leadId: string | null;
  outcome: WriteOutcome;
}

const REFERRAL_ACTOR = 'system:referral';

/**
 * The one place leads are written: dedup over generations (`decideDedup`), routing by the
 * referral policy (`routeLead`) for new leads, and the lead with its outbox jobs and
 * assignment rows in the caller's transaction.
 */
@Injectable()
export class LeadWriter {
  private readonly leads = new LeadRepository();
  private readonly policy: ReferralPolicy;

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.policy = referralPolicyOf(config.referral);
  }

  async write(m: EntityManager, candidates: LeadCandidate[], asOf: Date): Promise<WrittenLead[]> {
    if (!candidates.length) return [];
    const byKey = new Map<string, LeadCandidate>();
    for (const c of candidates) byKey.set(keyOf(c.modelId, c.baseKey), c); // the last word of a batch wins
    const unique = [...byKey.values()];
    const latest = new Map<
      string,
      { id: string; generation: number; status: string; evidence: LeadEvidence }
    >();
    for (const g of await this.leads.generations(m, unique)) {
      const k = keyOf(g.modelId, g.baseKey);
      if (!latest.has(k)) latest.set(k, g); // newest generation first
    }
    const inserts: NewLead[] = [];
    const updates: { id: string; statement: string; evidence: LeadEvidence }[] = [];
    const planned: { candidate: LeadCandidate; leadId: string; outcome: 'create' | 'update' | 'handled' }[] =
      [];
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
        case 'handled':
          planned.push({ candidate: c, leadId: decision.leadId, outcome: 'handled' });
          break;
      }
    }
    const inserted = new Set(await this.leads.insertNew(m, inserts));
    const updated = new Set(await this.leads.updateEvidence(m, updates));
    return planned.map(({ candidate, leadId, outcome }) => {
      if (outcome === 'create') {
        return inserted.has(leadId)
          ? { candidate, leadId, outcome: 'created' }
          : { candidate, leadId: null, outcome: 'lost_race' };
      }
      if (outcome === 'update')
        return { candidate, leadId, outcome: updated.has(leadId) ? 'updated' : 'unchanged' };
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
      asOf,
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
