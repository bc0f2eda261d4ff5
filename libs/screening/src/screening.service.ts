import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { BusinessClock, CaseFacts, CaseModel, LeadDraft } from '@zhijian/domain';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { PollingService } from '@zhijian/platform';
import { parseCaseNumber, Jurisdiction, judgeCases, deferredCases } from '@zhijian/domain';
import { ScreeningRepository } from './repositories/screening.repository';
import { isLivelihoodCase } from '@zhijian/referral';
import { BUSINESS_CLOCK } from './business-clock.provider';
import { ClassLeadService, type TouchedClass } from './class-leads/class-lead.service';
import { classKeyOf, classPeriodOf } from './class-leads/class-leads';
import { LeadWriter, type LeadCandidate } from './lead-writer';
import { PetitionScreeningService } from './petitions/petition-screening.service';
import { FollowupScreeningService } from './followup/followup-screening.service';
import { SourceClocks } from './source-clocks';
import { freshClocks, lockCases } from './repositories/case-locks';
import { DeclarativeScreening } from './declarative/declarative-screening';

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
    private readonly declarative: DeclarativeScreening,
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
    // Due timers go back on the queue in a transaction of their own: a round waiting for another
    // worker's cases (lockCases) then holds no timer rows that worker's round deletes (a deadlock).
    await this.dataSource.transaction((m) => this.screening.fireDueTimers(m, asOf));
    return this.dataSource.transaction(async (m) => {
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
    const queued = await this.screening.claimQueued(m, batchSize, this.config.screenQuietMs);
    if (!queued.length) return 0;
    // A fact about a party can change what the models see in the party's other cases as respondent
    // (a payout to the respondent elsewhere, a later case against the same respondent): screen those too.
    const firstHop = await this.screening.casesSharingParties(m, queued);
    const sharing = [...queued, ...firstHop];
    // Several workers: one judges a case at a time, as of clocks no older than any other used.
    await lockCases(m, sharing);
    ({ clocks, asOf } = await freshClocks(m, clocks, asOf));
    // The completed-day rule before judging: a claimed case with a fact of its own on a day its
    // court's clock has not completed is not judged on the days before (and again when the day
    // completes) but once, when it completes. The cases sharing a party with it are still judged.
    const deferred = deferredCases(await this.screening.ownLatestFacts(m, queued), clocks, asOf);
    const later = new Set(deferred.map((d) => d.caseNo));
    const caseNos = later.size ? sharing.filter((c) => !later.has(c)) : sharing;
    if (!caseNos.length) {
      await this.screening.setAllTimers(
        m,
        deferred.map((t) => ({ modelId: INCOMPLETE_DAY_TIMER, ...t })),
      );
      return sharing.length;
    }
    // Their related cases (loaded as context): the cases sharing a party with the judged ones. Those
    // of the claimed cases are the first hop or claimed; so unless some claimed cases are judged and
    // others deferred (a deferred one may be context then), only the first hop is expanded again.
    const judgedNos = new Set(caseNos);
    const related =
      later.size && later.size < queued.length
        ? await this.screening.casesSharingParties(m, caseNos)
        : (await this.screening.casesSharingParties(m, firstHop)).filter((c) => !judgedNos.has(c));
    const loaded = await this.screening.loadCaseFacts(m, caseNos, related);
    // Each case as of its own court's business time, over the days that clock has completed.
    // Listed declarative models (issue 18) run beside the built-in ones, through the same judgement.
    const declared = await this.declarative.caseModels(m, loaded, caseNos, clocks, asOf, (c) =>
      this.officeOf(c),
    );
    const judged = judgeCases(loaded, caseNos, clocks, asOf, [...this.models, ...declared.models]);
    // An office that switched a model off gets no leads of it, and keeps those it has.
    judged.quiet = judged.quiet.filter((q) => !declared.switchedOff(q.modelId, q.caseNo));
    // Every model's timers and the incomplete-day ones in two statements, not two per model.
    await this.screening.setAllTimers(m, [
      ...deferred.map((t) => ({ modelId: INCOMPLETE_DAY_TIMER, ...t })),
      ...judged.incomplete.map((t) => ({ modelId: INCOMPLETE_DAY_TIMER, ...t })),
      ...[...judged.timers].flatMap(([modelId, timers]) => timers.map((t) => ({ modelId, ...t }))),
    ]);
    const candidates: LeadCandidate[] = [];
    const modelOf = new Map<LeadCandidate, CaseModel>();
    for (const { model, facts, draft, asOf: caseAsOf } of judged.drafts) {
      const candidate = this.toCandidate(model, facts, draft, caseAsOf);
      if (!candidate) continue;
      candidates.push(candidate);
      modelOf.set(candidate, model);
    }
    const written = await this.writer.write(m, candidates, asOf);
    // A lead whose model no longer fires on its case: later facts cured it.
    const cured = await this.writer.cure(m, judged.quiet);
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
    return sharing.length;
  }

  private officeOf(caseNo: string): string | null {
    const parsed = parseCaseNumber(caseNo);
    return parsed.ok ? (this.jurisdiction.routeCourt(parsed.value)?.unitCode ?? null) : null;
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
