import { Inject, Injectable, Logger } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { declaredOverrides } from '@zhijian/catalogue';
import { DataSource, type EntityManager } from 'typeorm';
import {
  courtSourceOf,
  ModelRefusal,
  type CaseFactSet,
  type CaseModel,
  type Evaluation,
} from '@zhijian/domain';
import { ModelRegistryRepository } from '../repositories/declarative.repository';
import { compileDeclarativeModel, evaluateDeclarative, type DeclarativeModel } from './declarative-models';

const NOTHING: Evaluation = { leads: [], wakeAt: null };

/**
 * The listed declarative models in a screening round, as case models: each is run once (set
 * based, as the reader role) on the round's cases, each case as of its court's clock, and the
 * evaluations handed to `judgeCases` like a built-in model's, so that leads, dedup, timers,
 * cures, routing, class leads and evidence are the same runtime. A model whose predicate fails
 * (timeout, row limit) is left out of the round: it neither raises nor cures. Its parameters are
 * its declared defaults with MODEL_THRESHOLDS over them.
 */
@Injectable()
export class DeclarativeScreening {
  private static readonly log = new Logger(DeclarativeScreening.name);
  private readonly registry = new ModelRegistryRepository();
  private readonly compiled = new Map<string, DeclarativeModel>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async caseModels(
    m: EntityManager,
    loaded: CaseFactSet,
    caseNos: readonly string[],
    clocks: ReadonlyMap<string, Date>,
    fallback: Date,
    officeOf: (caseNo: string) => string | null,
  ): Promise<{ models: CaseModel[]; switchedOff: (modelId: string, caseNo: string) => boolean }> {
    const listed = await this.registry.listed(m);
    if (!listed.length) return { models: [], switchedOff: () => false };
    const off = new Set((await this.registry.switchedOff(m)).map((s) => `${s.modelId}\u0000${s.unitCode}`));
    const switchedOff = (modelId: string, caseNo: string) => {
      const unit = officeOf(caseNo);
      return unit !== null && off.has(`${modelId}\u0000${unit}`);
    };
    const courtOf = new Map(loaded.cases.map((c) => [c.caseNo, c.courtCode]));
    const screened = caseNos.map((caseNo) => {
      const court = courtOf.get(caseNo);
      return { caseNo, asOf: (court !== undefined && clocks.get(courtSourceOf(court))) || fallback };
    });
    const models: CaseModel[] = [];
    for (const stored of listed) {
      const key = `${stored.modelId}@${stored.version}`;
      let model = this.compiled.get(key);
      try {
        model ??= compileDeclarativeModel(stored.source);
        this.compiled.set(key, model);
        const mine = screened.filter((s) => !switchedOff(stored.modelId, s.caseNo));
        // MODEL_THRESHOLDS over the declared parameters (checked at boot; a version listed since
        // that does not take them is refused here and left out of the round).
        const parameters = declaredOverrides(this.config.modelThresholds, model.file);
        const { evaluations } = await evaluateDeclarative(this.dataSource, model, mine, { parameters });
        const meta = model.meta;
        models.push({ meta, evaluate: (f) => evaluations.get(f.case.caseNo) ?? NOTHING });
      } catch (e) {
        if (!(e instanceof ModelRefusal)) throw e;
        DeclarativeScreening.log.warn(`declarative model ${key} left out of this round: ${e.code}`);
      }
    }
    return { models, switchedOff };
  }
}
