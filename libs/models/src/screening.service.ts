import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BusinessClock } from '@zhijian/clock';
import { HUB_CONFIG, PollingService, type HubConfig } from '@zhijian/config';
import { parseCaseNumber } from '@zhijian/normalize';
import { LeadRepository, ScreeningRepository, type LeadUpsert } from '@zhijian/persistence';
import { Jurisdiction, effectiveSeverity, queueNameOf, queuePriority } from '@zhijian/referral';
import { BUSINESS_CLOCK } from './business-clock.provider';
import { factsByCase, type CaseModel } from './model';

export const CASE_MODELS = Symbol('CASE_MODELS');

/**
 * Screening: for each case whose facts changed, or whose deadline business time has
 * passed, run the case models as of the business clock and write their leads, routed
 * to an office, with an outbox row for each new one — all in one transaction.
 */
@Injectable()
export class ScreeningService extends PollingService {
  private static readonly log = new Logger(ScreeningService.name);
  private readonly logger = ScreeningService.log;
  private readonly screening = new ScreeningRepository();
  private readonly leads = new LeadRepository();
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdiction: Jurisdiction,
    @Inject(CASE_MODELS) private readonly models: CaseModel[],
    @Inject(BUSINESS_CLOCK) private readonly clock: BusinessClock,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    super('screening', config.pollIntervalMs, ScreeningService.log);
  }

  protected tick(): Promise<number> {
    return this.runOnce();
  }

  /** Screens one batch of queued cases; returns how many cases it looked at. */
  async runOnce(batchSize = 1000): Promise<number> {
    const asOf = await this.clock.asOf();
    return this.dataSource.transaction(async (m) => {
      await this.screening.fireDueTimers(m, asOf);
      const caseNos = await this.screening.claimQueued(m, batchSize);
      if (!caseNos.length) return 0;
      const facts = factsByCase(await this.screening.loadCaseFacts(m, caseNos));
      const upserts: LeadUpsert[] = [];
      for (const model of this.models) {
        const timers: { caseNo: string; dueAt: Date | null }[] = [];
        for (const f of facts) {
          const evaluation = model.evaluate(f, asOf);
          timers.push({ caseNo: f.case.caseNo, dueAt: evaluation.wakeAt });
          for (const draft of evaluation.leads) {
            const upsert = this.toUpsert(model, f.case.category, draft, asOf);
            if (upsert) upserts.push(upsert);
          }
        }
        await this.screening.setTimers(m, model.meta.id, timers);
      }
      const { created } = await this.leads.upsert(m, upserts);
      if (created) this.logger.log(`${created} new lead(s) as of ${asOf.toISOString()}`);
      return caseNos.length;
    });
  }

  private toUpsert(
    model: CaseModel,
    category: string | null,
    draft: { dedupKey: string; caseNo: string; statement: string; evidence: LeadUpsert['evidence'] },
    asOf: Date,
  ): LeadUpsert | null {
    const parsed = parseCaseNumber(draft.caseNo);
    const route = parsed.ok ? this.jurisdiction.routeCourt(parsed.value) : null;
    if (!route) {
      // Case numbers were validated at ingest; a court outside every province is a reference-data gap.
      this.logger.error(`no office for court of a ${model.meta.id} lead; reference data needs the court`);
      return null;
    }
    return {
      modelId: model.meta.id,
      modelVersion: model.meta.version,
      dedupKey: draft.dedupKey,
      caseNo: draft.caseNo,
      unitCode: route.unitCode,
      tier: route.tier,
      severity: effectiveSeverity(model.meta.severity, category),
      priority: queuePriority(model.meta.severity, category),
      title: `${model.meta.title}：${draft.caseNo}`,
      legalBasis: model.meta.legalBasis,
      statement: draft.statement,
      evidence: draft.evidence,
      asOf,
      queue: queueNameOf(route.unitCode),
    };
  }
}
