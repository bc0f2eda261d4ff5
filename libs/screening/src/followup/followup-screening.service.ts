import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { FollowupRepository } from '../repositories/followup.repository';
import { followupLocalOffice } from '@zhijian/referral';
import { LeadWriter, type LeadCandidate } from '../lead-writer';
import { RecommendationFollowupModel } from '@zhijian/catalogue';

/**
 * Runs `recommendation_followup` for the leads whose follow-up timer is due: those whose
 * suggestion or reply columns just changed (the migration's trigger queues them at once)
 * and those whose deadline business time has passed. A follow-up lead goes to the office
 * one level up from the lead's; a deadline still ahead becomes the lead's next timer.
 */
@Injectable()
export class FollowupScreeningService {
  private readonly timers = new FollowupRepository();
  private readonly model: RecommendationFollowupModel;

  constructor(
    private readonly writer: LeadWriter,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.model = new RecommendationFollowupModel({ actWithinDays: config.referral.followupActWithinDays });
  }

  /** Returns how many leads it looked at. */
  async run(m: EntityManager, asOf: Date, limit = 500): Promise<number> {
    const due = await this.timers.fireDue(m, asOf, limit);
    if (!due.length) return 0;
    const records = await this.timers.suggestions(m, due);
    const caseNos = [...new Set(records.flatMap((r) => (r.caseNo ? [r.caseNo] : [])))];
    const activity = await this.timers.courtActivity(m, caseNos);
    const candidates: LeadCandidate[] = [];
    const next: { leadId: string; dueAt: Date }[] = [];
    const meta = this.model.meta;
    for (const lead of records) {
      const { draft, wakeAt } = this.model.evaluate(
        { lead, activity: activity.filter((a) => a.caseNo === lead.caseNo) },
        asOf,
      );
      if (wakeAt) next.push({ leadId: lead.leadId, dueAt: wakeAt });
      if (!draft) continue;
      candidates.push({
        modelId: meta.id,
        modelVersion: meta.version,
        kind: 'followup',
        baseKey: draft.dedupKey,
        caseNo: lead.caseNo,
        severity: meta.severity,
        livelihood: lead.livelihood,
        title: `${meta.title}：${lead.caseNo ?? lead.title}`,
        legalBasis: meta.legalBasis,
        statement: draft.statement,
        evidence: draft.evidence,
        claimFen: lead.claimFen,
        laborApplicants: lead.laborApplicants,
        dutyCrimeSuspected: false,
        classKey: null,
        sourceLeadId: lead.leadId,
        local: followupLocalOffice(lead.unitCode),
      });
    }
    await this.writer.write(m, candidates, asOf);
    await this.timers.setTimers(m, next);
    return due.length;
  }
}
