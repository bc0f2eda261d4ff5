import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { courtSourceOf, type BusinessClock } from '@zhijian/clock';
import { HUB_CONFIG, PollingService, type HubConfig } from '@zhijian/config';
import { addDays, cstDateOf, cstStartOfDay, parseCaseNumber } from '@zhijian/normalize';
import { ScreeningRepository } from '@zhijian/persistence';
import { Jurisdiction, isLivelihoodCase } from '@zhijian/referral';
import { factsAsOf, latestFactDate } from './backtest/as-of';
import { BUSINESS_CLOCK } from './business-clock.provider';
import { ClassLeadService, type TouchedClass } from './class-leads/class-lead.service';
import { classKeyOf, classPeriodOf } from './class-leads/class-leads';
import { LeadWriter, type LeadCandidate } from './lead-writer';
import { factsByCase, type CaseFacts, type CaseModel, type LeadDraft } from './model';
import { PetitionScreeningService } from './petitions/petition-screening.service';
import { FollowupScreeningService } from './recommendation-followup/followup-screening.service';
import { SourceClocks } from './source-clocks';

export const CASE_MODELS = Symbol('CASE_MODELS');
/** Timer name for cases screened while some of their facts were of a day business time had not completed. */
export const INCOMPLETE_DAY_TIMER = 'facts_of_incomplete_day';

/**
 * Screening, in one transaction per round as of the business clock: the cases whose facts
 * changed or whose deadline passed run through the case models; their leads are written
 * (dedup over generations, routing, outbox) and the classes they touched counted again;
 * then the due follow-ups of 检察建议 and the new petitions.
 */
@Injectable()
export class ScreeningService extends PollingService {
  private static readonly log = new Logger(ScreeningService.name);
  private readonly logger = ScreeningService.log;
  private readonly screening = new ScreeningRepository();
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdiction: Jurisdiction,
    private readonly writer: LeadWriter,
    private readonly classes: ClassLeadService,
    private readonly followups: FollowupScreeningService,
    private readonly petitions: PetitionScreeningService,
    @Inject(CASE_MODELS) private readonly models: CaseModel[],
    @Inject(BUSINESS_CLOCK) private readonly clock: BusinessClock,
    private readonly sourceClocks: SourceClocks,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    super('screening', config.pollIntervalMs, ScreeningService.log);
  }

  protected tick(): Promise<number> {
    return this.runOnce();
  }

  /** One round; returns how much it looked at (cases, follow-ups, petitions). */
  async runOnce(batchSize = 1000): Promise<number> {
    const asOf = await this.clock.asOf();
    const clocks = await this.sourceClocks.advance();
    return this.dataSource.transaction(async (m) => {
      await this.screening.fireDueTimers(m, asOf);
      const cases = await this.screenCases(m, asOf, clocks, batchSize);
      const followups = await this.followups.run(m, asOf);
      const petitions = await this.petitions.run(m, asOf);
      return cases + followups + petitions;
    });
  }

  private async screenCases(
    m: EntityManager,
    asOf: Date,
    clocks: ReadonlyMap<string, Date>,
    batchSize: number,
  ): Promise<number> {
    const queued = await this.screening.claimQueued(m, batchSize);
    if (!queued.length) return 0;
    // A fact about a party can change what the models see in the party's other cases as respondent
    // (a payout to the respondent elsewhere, a later case against the same respondent): screen those too.
    const caseNos = [...queued, ...(await this.screening.casesSharingParties(m, queued))];
    const loaded = await this.screening.loadCaseFacts(m, caseNos);
    const latest = latestFactDate(loaded);
    // Each case is judged as of its own court's business time (spec §7); a case of a court that has
    // sent nothing (only other sources' facts name it) as of the feeds' common clock.
    const courtOf = new Map(loaded.cases.map((c) => [c.caseNo, c.courtCode]));
    const byClock = new Map<number, string[]>();
    for (const caseNo of caseNos) {
      const court = courtOf.get(caseNo);
      const at = (court !== undefined && clocks.get(courtSourceOf(court))) || asOf;
      byClock.set(at.getTime(), [...(byClock.get(at.getTime()) ?? []), caseNo]);
    }
    const candidates: LeadCandidate[] = [];
    const modelOf = new Map<LeadCandidate, CaseModel>();
    const quiet: { modelId: string; caseNo: string; asOf: Date }[] = [];
    const timers = new Map<string, { caseNo: string; dueAt: Date | null }[]>();
    const incomplete: { caseNo: string; dueAt: Date }[] = [];
    for (const [at, group] of byClock) {
      const caseAsOf = new Date(at);
      // Models see the days business time has completed: a day's facts can still be arriving on another
      // partition until the clock has passed it. Cases with facts of a day not yet complete are looked at
      // again when it is (a timer at the start of the next day).
      const cutoff = addDays(cstDateOf(caseAsOf), -1);
      if (latest !== null && latest > cutoff) {
        const dueAt = cstStartOfDay(addDays(latest, 1));
        // Every screened case, including those the cut leaves out altogether (filed after the cutoff).
        incomplete.push(...group.map((caseNo) => ({ caseNo, dueAt })));
      }
      const members = new Set(group);
      const facts = factsByCase(factsAsOf(loaded, cutoff)).filter((f) => members.has(f.case.caseNo));
      for (const model of this.models) {
        const modelTimers = timers.get(model.meta.id) ?? [];
        timers.set(model.meta.id, modelTimers);
        for (const f of facts) {
          const evaluation = model.evaluate(f, caseAsOf);
          modelTimers.push({ caseNo: f.case.caseNo, dueAt: evaluation.wakeAt });
          if (!evaluation.leads.length)
            quiet.push({ modelId: model.meta.id, caseNo: f.case.caseNo, asOf: caseAsOf });
          for (const draft of evaluation.leads) {
            const candidate = this.toCandidate(model, f, draft, caseAsOf);
            if (!candidate) continue;
            candidates.push(candidate);
            modelOf.set(candidate, model);
          }
        }
      }
    }
    if (incomplete.length) await this.screening.setTimers(m, INCOMPLETE_DAY_TIMER, incomplete);
    for (const [modelId, modelTimers] of timers) await this.screening.setTimers(m, modelId, modelTimers);
    const written = await this.writer.write(m, candidates, asOf);
    // A lead whose model no longer fires on its case: later facts cured it.
    const cured = await this.writer.cure(m, quiet);
    const touched: TouchedClass[] = [];
    for (const w of written) {
      const model = modelOf.get(w.candidate);
      if (
        model &&
        w.candidate.classKey &&
        (w.outcome === 'created' || w.outcome === 'updated' || w.outcome === 'reinstated')
      ) {
        touched.push({ model: model.meta, classKey: w.candidate.classKey });
      }
    }
    const classes = await this.classes.refresh(m, touched, asOf);
    const created = written.filter((w) => w.outcome === 'created').length;
    const reinstated = written.filter((w) => w.outcome === 'reinstated').length;
    const withdrawn = cured.filter((c) => c.action === 'withdraw').length;
    const flagged = cured.length - withdrawn;
    if (created || classes || reinstated || cured.length) {
      this.logger.log(
        `${created} new lead(s), ${classes} new class lead(s), ${reinstated} reinstated, ` +
          `${withdrawn} withdrawn and ${flagged} flagged by later facts`,
      );
    }
    return caseNos.length;
  }

  private toCandidate(model: CaseModel, f: CaseFacts, draft: LeadDraft, asOf: Date): LeadCandidate | null {
    const parsed = parseCaseNumber(draft.caseNo);
    const route = parsed.ok ? this.jurisdiction.routeCourt(parsed.value) : null;
    if (!route) {
      // Case numbers were validated at ingest; a court outside every province is a reference-data gap.
      this.logger.error(`no office for court of a ${model.meta.id} lead; reference data needs the court`);
      return null;
    }
    const c = f.case;
    const classDate = c.closedOn ?? c.filedOn;
    const inClasses = model.meta.classLeads !== false && classDate !== null;
    return {
      modelId: model.meta.id,
      modelVersion: model.meta.version,
      kind: 'individual',
      baseKey: draft.dedupKey,
      caseNo: draft.caseNo,
      severity: model.meta.severity,
      livelihood: isLivelihoodCase(c.category),
      title: `${model.meta.title}：${draft.caseNo}`,
      legalBasis: model.meta.legalBasis,
      statement: draft.statement,
      evidence: draft.evidence,
      claimFen: c.claimFen,
      laborApplicants: c.category === 'labor_pay' ? f.applicants.length : 0,
      dutyCrimeSuspected: model.meta.dutyCrimeSuspected ?? false,
      classKey: inClasses
        ? classKeyOf(c.courtCode, classPeriodOf(classDate, this.config.referral.classLeadPeriodDays))
        : null,
      sourceLeadId: null,
      local: { unitCode: route.unitCode, reason: route.reason },
      asOf,
    };
  }
}
