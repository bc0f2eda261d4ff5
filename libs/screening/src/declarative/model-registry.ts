import type { EntityManager } from 'typeorm';
import { AuditLog } from '@zhijian/access';
import { ModelRefusal, parseModelFile, type DeclarativeModelFile } from '@zhijian/domain';
import {
  ModelRegistryRepository,
  type ModelStatus,
  type StoredModel,
} from '../repositories/declarative.repository';
import { compileDeclarativeModel } from './declarative-models';

/** Who acts on a model: a principal's id and office. */
export interface ModelActor {
  id: string;
  unitCode: string;
}

/** A refused step of the review workflow; `status` is the HTTP status the API answers with. */
export class ModelWorkflowError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ModelWorkflowError';
  }
}

const STATUS_TEXT: Record<ModelStatus, string> = {
  draft: '草稿',
  submitted: '已提交审查',
  returned: '已退回',
  approved: '审查通过',
  listed: '已上架',
  retired: '已下架',
};

/** A provincial office (its code ends in 0000): its reviewers check models before they are listed. */
export const isProvincialOffice = (unitCode: string): boolean => /^\d{2}0000$/.test(unitCode);

/**
 * Declarative models from writing to running (issue 18): draft → submitted → reviewed by a
 * reviewer of a provincial office (approved with comments, or returned) → listed (runs live;
 * the version listed before is retired) → retired. Every version is kept; every step is
 * audited (`model.*` in the audit log). An office switches a listed model off for its cases.
 */
export class ModelRegistry {
  private readonly repo = new ModelRegistryRepository();
  private readonly audit = new AuditLog();

  /**
   * The declarative models configuration (MODEL_THRESHOLDS) may name: one file per model, its
   * listed version, else its newest. Checked at boot against the configured values.
   */
  async configurable(m: EntityManager): Promise<DeclarativeModelFile[]> {
    const chosen = new Map<string, StoredModel>();
    for (const v of await this.repo.all(m)) {
      const held = chosen.get(v.modelId);
      if (!held || (held.status !== 'listed' && (v.status === 'listed' || v.version > held.version)))
        chosen.set(v.modelId, v);
    }
    const files: DeclarativeModelFile[] = [];
    for (const v of chosen.values()) {
      try {
        files.push(parseModelFile(v.source));
      } catch (e) {
        if (!(e instanceof ModelRefusal)) throw e;
      }
    }
    return files;
  }

  /** Stores a new version as a draft after it is validated and its predicate accepted. */
  async saveDraft(m: EntityManager, actor: ModelActor, text: string): Promise<StoredModel> {
    let model;
    try {
      model = compileDeclarativeModel(text);
    } catch (e) {
      if (e instanceof ModelRefusal) throw new ModelWorkflowError(400, e.message);
      throw e;
    }
    const { id, version } = model.file;
    const stored = await this.repo.insert(m, {
      modelId: id,
      version,
      source: text,
      definition: model.file,
      unitCode: actor.unitCode,
      createdBy: actor.id,
    });
    if (!stored)
      throw new ModelWorkflowError(
        409,
        `模型 ${id} 的第 ${version} 版已存在：修改请提高版本号（每一版都保留）`,
      );
    await this.record(m, actor, 'model.draft', id, version, null);
    return this.get(m, id, version);
  }

  async submit(m: EntityManager, actor: ModelActor, id: string, version: number): Promise<StoredModel> {
    const current = await this.get(m, id, version);
    if (current.unitCode !== actor.unitCode) throw new ModelWorkflowError(403, '只能提交本院研发的模型');
    await this.move(m, id, version, ['draft'], 'submitted');
    await this.record(m, actor, 'model.submit', id, version, null);
    return this.get(m, id, version);
  }

  /** The provincial reviewer's decision: approved (with comments) or returned (with the reasons). */
  async review(
    m: EntityManager,
    reviewer: ModelActor,
    id: string,
    version: number,
    decision: 'approve' | 'return',
    comment: string | null,
  ): Promise<StoredModel> {
    if (!isProvincialOffice(reviewer.unitCode))
      throw new ModelWorkflowError(403, '模型审查由省级检察院审查人员进行');
    if (decision === 'return' && !comment?.trim()) throw new ModelWorkflowError(400, '退回模型须说明理由');
    const to = decision === 'approve' ? 'approved' : 'returned';
    await this.move(m, id, version, ['submitted'], to, { by: reviewer.id, comment: comment?.trim() || null });
    await this.record(
      m,
      reviewer,
      decision === 'approve' ? 'model.approve' : 'model.return',
      id,
      version,
      comment,
    );
    return this.get(m, id, version);
  }

  /** Lists an approved version: it runs live; the version listed before it is retired. */
  async list(m: EntityManager, actor: ModelActor, id: string, version: number): Promise<StoredModel> {
    if (!isProvincialOffice(actor.unitCode)) throw new ModelWorkflowError(403, '模型上架由省级检察院决定');
    await this.get(m, id, version);
    for (const v of await this.repo.versions(m, id)) {
      if (v.status === 'listed' && v.version !== version) {
        await this.repo.move(m, id, v.version, ['listed'], 'retired');
        await this.record(m, actor, 'model.retire', id, v.version, `由第 ${version} 版替代`);
      }
    }
    await this.move(m, id, version, ['approved'], 'listed');
    await this.record(m, actor, 'model.list', id, version, null);
    return this.get(m, id, version);
  }

  async retire(m: EntityManager, actor: ModelActor, id: string, version: number, reason: string | null) {
    if (!isProvincialOffice(actor.unitCode)) throw new ModelWorkflowError(403, '模型下架由省级检察院决定');
    await this.move(m, id, version, ['listed'], 'retired');
    await this.record(m, actor, 'model.retire', id, version, reason);
    return this.get(m, id, version);
  }

  /** Switches a listed model off (or on again) for the cases of the actor's office. */
  async switchOffice(m: EntityManager, actor: ModelActor, id: string, on: boolean, reason: string | null) {
    const versions = await this.repo.versions(m, id);
    if (!versions.some((v) => v.status === 'listed'))
      throw new ModelWorkflowError(409, `模型 ${id} 没有已上架的版本`);
    if (on) await this.repo.switchOn(m, id, actor.unitCode);
    else await this.repo.switchOff(m, id, actor.unitCode, actor.id);
    await this.audit.append(m, [
      {
        actor: actor.id,
        action: on ? 'model.switch_on' : 'model.switch_off',
        subject: `model:${id}@${actor.unitCode}`,
        reason,
      },
    ]);
  }

  async get(m: EntityManager, id: string, version: number): Promise<StoredModel> {
    const found = (await this.repo.versions(m, id)).find((v) => v.version === version);
    if (!found) throw new ModelWorkflowError(404, `没有模型 ${id} 的第 ${version} 版`);
    return found;
  }

  versions(m: EntityManager, id: string): Promise<StoredModel[]> {
    return this.repo.versions(m, id);
  }

  all(m: EntityManager): Promise<StoredModel[]> {
    return this.repo.all(m);
  }

  private async move(
    m: EntityManager,
    id: string,
    version: number,
    from: ModelStatus[],
    to: ModelStatus,
    review?: { by: string; comment: string | null },
  ): Promise<void> {
    const current = await this.get(m, id, version);
    if (!(await this.repo.move(m, id, version, from, to, review))) {
      throw new ModelWorkflowError(
        409,
        `模型 ${id} 第 ${version} 版当前为“${STATUS_TEXT[current.status]}”，不能改为“${STATUS_TEXT[to]}”`,
      );
    }
  }

  private record(
    m: EntityManager,
    actor: ModelActor,
    action: string,
    id: string,
    version: number,
    reason: string | null,
  ) {
    return this.audit.append(m, [{ actor: actor.id, action, subject: `model:${id}@${version}`, reason }]);
  }
}
