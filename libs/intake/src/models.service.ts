import { HttpException, Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { DataSource, type EntityManager } from 'typeorm';
import { visibleUnitPrefix, type Principal } from '@zhijian/access';
import { configuredParameterProblems, ModelRefusal, parseModelFile } from '@zhijian/domain';
import { ModelResultsRepository } from './repositories/model-results.repository';
import { MODEL_TITLES } from './model-titles';
import { auditActor } from './read-audit';
import { CASE_MODEL_DEFINITIONS, declaredOverrides } from '@zhijian/catalogue';
import type {
  BacktestView,
  ModelPackageView,
  ModelResultView,
  ModelVersionView,
  TrustedSignerView,
  ValidationView,
} from '@zhijian/contracts';
import {
  backtest as backtestBuiltIn,
  backtestDeclarative,
  compileDeclarativeModel,
  exportModelPackage,
  importModelPackage,
  ModelRegistry,
  ModelWorkflowError,
  readOfficeKeys,
  TrustedSigners,
} from '@zhijian/screening';
import { AuditLog } from '@zhijian/access';

/** The declarative models API (/v1/models): the workbench's validation and backtest, and the review workflow. */
@Injectable()
export class ModelsService {
  private readonly registry = new ModelRegistry();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  validate(source: string): ValidationView {
    const model = answering(() => compileDeclarativeModel(source));
    return {
      ok: true,
      id: model.meta.id,
      version: model.meta.version,
      title: model.meta.title,
      legalBasis: model.meta.legalBasis,
      views: model.accepted.views,
      functions: model.accepted.functions,
      parameters: model.accepted.parameters,
    };
  }

  /** Runs a model file over the stored facts as of a date: the leads it would raise, with statements, and its cost. */
  async backtest(
    source: string,
    asOf: string,
    parameters: Record<string, unknown> = {},
  ): Promise<BacktestView> {
    const model = answering(() => compileDeclarativeModel(source));
    const r = await answered(backtestDeclarative(this.dataSource, model, { asOf, parameters }));
    return {
      modelId: r.modelId,
      version: r.version,
      asOf: r.asOf,
      cases: r.cases,
      leads: r.leads.map((l) => ({
        caseNo: l.caseNo,
        dedupKey: l.dedupKey,
        statement: l.statement,
        evidenceItems: l.evidence.items.length,
      })),
      timers: r.timers.map((t) => ({ caseNo: t.caseNo, dueAt: t.dueAt.toISOString() })),
      cost: r.cost,
      comparedWith: await this.compare(
        model.meta.id,
        model.meta.version,
        asOf,
        r.leads.map((l) => l.caseNo),
      ),
    };
  }

  /** Case numbers this version would raise that the listed version (or the built-in model) would not, and back. */
  private async compare(
    id: string,
    version: number,
    asOf: string,
    caseNos: string[],
  ): Promise<BacktestView['comparedWith']> {
    const listed = (await this.dataSource.transaction((m) => this.registry.versions(m, id))).find(
      (v) => v.status === 'listed' && v.version !== version,
    );
    let against: string;
    let theirs: string[];
    if (listed) {
      const r = await answered(
        backtestDeclarative(this.dataSource, compileDeclarativeModel(listed.source), { asOf }),
      );
      against = `已上架的第 ${listed.version} 版`;
      theirs = r.leads.map((l) => l.caseNo);
    } else if (CASE_MODEL_DEFINITIONS.some((d) => d.meta.id === id)) {
      const r = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
        await m.query('set transaction read only');
        return backtestBuiltIn(m, { modelId: id, asOf });
      });
      against = '内置模型';
      theirs = r.wouldRaise;
    } else {
      return null;
    }
    const mine = new Set(caseNos);
    const other = new Set(theirs);
    return {
      against,
      added: [...mine].filter((c) => !other.has(c)).sort(),
      removed: [...other].filter((c) => !mine.has(c)).sort(),
    };
  }

  /** Results per model and version in the caller's scope: what a reviewer weighs before promoting a model. */
  async results(
    p: Principal,
    filter: { modelId: string | null; from: Date | null; to: Date | null },
  ): Promise<ModelResultView[]> {
    const rows = await new ModelResultsRepository().results(
      this.dataSource.manager,
      visibleUnitPrefix(p.unitCode),
      filter,
    );
    return rows.map(({ declarativeTitle, ...r }) => ({
      ...r,
      title: declarativeTitle ?? MODEL_TITLES[r.modelId] ?? r.modelId,
      declarative: declarativeTitle !== null,
    }));
  }

  all(): Promise<ModelVersionView[]> {
    return answered(this.dataSource.transaction((m) => this.registry.all(m)));
  }

  versions(id: string): Promise<ModelVersionView[]> {
    return answered(this.dataSource.transaction((m) => this.registry.versions(m, id)));
  }

  draft(p: Principal, source: string): Promise<ModelVersionView> {
    return answered(this.dataSource.transaction((m) => this.registry.saveDraft(m, p, source)));
  }

  step(
    p: Principal,
    id: string,
    version: number,
    step: 'submit' | 'approve' | 'return' | 'list' | 'retire',
    comment: string | null,
  ): Promise<ModelVersionView> {
    return answered(
      this.dataSource.transaction(async (m) => {
        if (step === 'list') await this.fitsConfiguration(m, id, version);
        switch (step) {
          case 'submit':
            return this.registry.submit(m, p, id, version);
          case 'approve':
          case 'return':
            return this.registry.review(m, p, id, version, step, comment);
          case 'list':
            return this.registry.list(m, p, id, version);
          case 'retire':
            return this.registry.retire(m, p, id, version, comment);
        }
      }),
    );
  }

  /** A version to be listed must take the values MODEL_THRESHOLDS sets for its model (else it would not run). */
  private async fitsConfiguration(m: EntityManager, id: string, version: number): Promise<void> {
    if (!this.config.modelThresholds[id]) return;
    const stored = (await this.registry.versions(m, id)).find((v) => v.version === version);
    if (!stored) return; // the step itself answers 404
    const file = parseModelFile(stored.source);
    const problems = configuredParameterProblems(file, declaredOverrides(this.config.modelThresholds, file));
    if (problems.length)
      throw new ModelWorkflowError(
        409,
        `本系统的参数配置（MODEL_THRESHOLDS）与该版本声明的参数不符，不能上架：${problems.join('；')}`,
      );
  }

  /**
   * A listed version as a package signed with this hub's office key (MODEL_SIGNING_KEY_FILE),
   * exported by that office's staff; audited (`model.export`).
   */
  async exportPackage(p: Principal, id: string, version: number): Promise<ModelPackageView> {
    return answered(
      (async () => {
        if (!this.config.modelSigningKeyFile)
          throw new ModelWorkflowError(
            409,
            '本系统未配置模型签名密钥（MODEL_SIGNING_KEY_FILE），不能导出模型共享包',
          );
        const keys = readOfficeKeys(this.config.modelSigningKeyFile);
        if (keys.unitCode !== p.unitCode)
          throw new ModelWorkflowError(403, `模型共享包以 ${keys.unitCode} 的签名密钥签名，只能由该院导出`);
        const pkg = await exportModelPackage(this.dataSource, id, version, keys);
        await this.dataSource.transaction((m) =>
          new AuditLog().append(m, [
            {
              actor: auditActor(p),
              action: 'model.export',
              subject: `model:${id}@${version}`,
              reason: `导出模型共享包（${keys.unitCode} 签名）`,
            },
          ]),
        );
        return pkg;
      })(),
    );
  }

  /** An uploaded package, verified against the offices this hub trusts, stored as a draft of the caller's office. */
  importPackage(p: Principal, value: unknown): Promise<ModelVersionView> {
    return answered(
      this.dataSource.transaction((m) => importModelPackage(m, { id: p.id, unitCode: p.unitCode }, value)),
    );
  }

  trustedSigners(): Promise<TrustedSignerView[]> {
    return this.dataSource.transaction((m) => new TrustedSigners().all(m));
  }

  trustSigner(
    p: Principal,
    unitCode: string,
    publicKey: string,
    note: string | null,
  ): Promise<TrustedSignerView> {
    return answered(
      this.dataSource.transaction((m) =>
        new TrustedSigners().trust(m, auditActor(p), unitCode, publicKey, note),
      ),
    );
  }

  distrustSigner(p: Principal, unitCode: string, reason: string | null): Promise<void> {
    return answered(
      this.dataSource.transaction((m) => new TrustedSigners().distrust(m, auditActor(p), unitCode, reason)),
    );
  }

  switchOffice(p: Principal, id: string, on: boolean, reason: string | null): Promise<void> {
    return answered(this.dataSource.transaction((m) => this.registry.switchOffice(m, p, id, on, reason)));
  }
}

/** A refused model file or workflow step as the HTTP answer: its status and Chinese message. */
function httpOf(e: unknown): unknown {
  if (e instanceof ModelRefusal)
    return new HttpException({ statusCode: 400, message: e.message, code: e.code }, 400);
  if (e instanceof ModelWorkflowError)
    return new HttpException({ statusCode: e.status, message: e.message }, e.status);
  return e;
}

function answering<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw httpOf(e);
  }
}

async function answered<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw httpOf(e);
  }
}
