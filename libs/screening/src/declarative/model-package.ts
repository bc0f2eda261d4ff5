import { readFileSync } from 'node:fs';
import { sm2 } from 'sm-crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, cstDateOf, ModelRefusal, parseModelFile } from '@zhijian/domain';
import { AuditLog } from '@zhijian/access';
import type { ModelPackageView } from '@zhijian/contracts';
import { ModelRegistryRepository, type StoredModel } from '../repositories/declarative.repository';
import { TrustedKeysRepository, type TrustedKeyRow } from '../repositories/trusted-keys.repository';
import { backtestDeclarative, compileDeclarativeModel } from './declarative-models';
import { ModelRegistry, ModelWorkflowError, type ModelActor } from './model-registry';

export const PACKAGE_FORMAT = 'zhijian-model-package/1';

/** An office's SM2 key pair (hex, as `sm-crypto` writes them: the public key uncompressed, 04…). */
export interface OfficeKeys {
  unitCode: string;
  publicKey: string;
  privateKey: string;
}

/**
 * A listed model as shared between provinces: its file, its test cases, the summary of its
 * backtest at the exporting hub, signed (SM2 with SM3, `sm-crypto`) by the exporting office
 * over the canonical JSON of everything but the signature. The API's type is the wire format.
 */
export type ModelPackage = ModelPackageView;

export function generateOfficeKeys(unitCode: string): OfficeKeys {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  return { unitCode, publicKey, privateKey };
}

/** JSON with keys sorted at every level: what is signed does not depend on how it was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const signedPart = (p: Omit<ModelPackage, 'signature'> | ModelPackage): string => {
  const { signature: _ignored, ...rest } = p as ModelPackage;
  void _ignored;
  return canonicalJson(rest);
};

/** Exports a listed version, backtested over this hub's stored facts as of yesterday, signed by `keys`. */
export async function exportModelPackage(
  ds: DataSource,
  id: string,
  version: number,
  keys: OfficeKeys,
): Promise<ModelPackage> {
  const stored = (await new ModelRegistryRepository().versions(ds.manager, id)).find(
    (v) => v.version === version,
  );
  if (!stored) throw new ModelWorkflowError(404, `没有模型 ${id} 的第 ${version} 版`);
  if (stored.status !== 'listed') throw new ModelWorkflowError(409, '只能导出已上架的模型');
  const model = compileDeclarativeModel(stored.source);
  const asOf = addDays(cstDateOf(new Date()), -1);
  const bt = await backtestDeclarative(ds, model, { asOf });
  const unsigned: Omit<ModelPackage, 'signature'> = {
    format: PACKAGE_FORMAT,
    model: { id, version, title: model.meta.title, source: stored.source },
    tests: model.file.tests ?? [],
    backtest: {
      asOf,
      cases: bt.cases,
      leads: bt.leads.length,
      caseNos: [...new Set(bt.leads.map((l) => l.caseNo))].sort(),
      rowsRead: bt.cost.rows,
      ms: bt.cost.ms,
    },
    exportedBy: { unitCode: keys.unitCode, at: new Date().toISOString(), ...reviewOf(stored) },
    publicKey: keys.publicKey,
  };
  return signModelPackage(unsigned, keys);
}

/** Signs a package with the office's SM2 key (SM3 digest with the public key, as GM/T 0009). */
export function signModelPackage(unsigned: Omit<ModelPackage, 'signature'>, keys: OfficeKeys): ModelPackage {
  const signature = sm2.doSignature(signedPart(unsigned), keys.privateKey, {
    hash: true,
    publicKey: keys.publicKey,
  });
  return { ...unsigned, signature };
}

const reviewOf = (s: StoredModel) => ({
  listedAt: s.listedAt ? String(s.listedAt) : null,
  reviewComment: s.reviewComment,
});

/**
 * Checks a package: its form, that the exporting office's key is one this hub trusts
 * (`trusted`: office code → SM2 public key), and the signature over everything else. Any
 * change to the file, the tests, the backtest summary or the signature is refused.
 */
export function verifyModelPackage(value: unknown, trusted: Readonly<Record<string, string>>): ModelPackage {
  const p = value as ModelPackage;
  if (
    !p ||
    p.format !== PACKAGE_FORMAT ||
    typeof p.signature !== 'string' ||
    typeof p.publicKey !== 'string' ||
    typeof p.model?.source !== 'string' ||
    typeof p.exportedBy?.unitCode !== 'string'
  ) {
    throw new ModelWorkflowError(400, `不是模型共享包（${PACKAGE_FORMAT}）`);
  }
  const key = trusted[p.exportedBy.unitCode];
  if (!key)
    throw new ModelWorkflowError(400, `导出单位 ${p.exportedBy.unitCode} 的签名公钥未登记为可信，拒绝导入`);
  if (key.toLowerCase() !== p.publicKey.toLowerCase()) {
    throw new ModelWorkflowError(
      400,
      `模型包的公钥不是导出单位 ${p.exportedBy.unitCode} 登记的公钥，拒绝导入`,
    );
  }
  let valid = false;
  try {
    valid =
      /^[0-9a-f]+$/i.test(p.signature) &&
      sm2.doVerifySignature(signedPart(p), p.signature, key, { hash: true });
  } catch {
    valid = false;
  }
  if (!valid) throw new ModelWorkflowError(400, '模型包的 SM2 签名验证失败：包内容或签名已被修改，拒绝导入');
  try {
    const file = parseModelFile(p.model.source);
    if (file.id !== p.model.id || file.version !== p.model.version) {
      throw new ModelWorkflowError(400, '模型包的模型编号或版本与模型文件不一致');
    }
  } catch (e) {
    if (e instanceof ModelRefusal) throw new ModelWorkflowError(400, e.message);
    throw e;
  }
  return p;
}

/**
 * Imports a verified package as a draft of the importing office (it is reviewed again there).
 * The offices trusted are those kept in the database (`TrustedSigners`), and `extra` (a file's
 * `{"<office>": "<public key>"}`, the CLI's --trusted) over them.
 */
export async function importModelPackage(
  m: EntityManager,
  actor: ModelActor,
  value: unknown,
  extra: Readonly<Record<string, string>> = {},
): Promise<StoredModel> {
  const trusted = { ...(await new TrustedSigners().keys(m)), ...extra };
  const p = verifyModelPackage(value, trusted);
  const draft = await new ModelRegistry().saveDraft(m, actor, p.model.source);
  await new AuditLog().append(m, [
    {
      actor: actor.id,
      action: 'model.import',
      subject: `model:${p.model.id}@${p.model.version}`,
      reason: `导入自 ${p.exportedBy.unitCode} 的模型共享包（${p.exportedBy.at}）`,
    },
  ]);
  return draft;
}

/** What `sm-crypto` has beside its typings: a private key's public key, and a point's check. */
const sm2Keys = sm2 as typeof sm2 & {
  getPublicKeyFromPrivateKey(privateKey: string): string;
  verifyPublicKey(publicKey: string): boolean;
};

/** Public keys as `sm-crypto` writes them: uncompressed, 04 and 128 hex digits. */
const PUBLIC_KEY = /^04[0-9a-f]{128}$/;
const UNIT_CODE = /^\d{6}$/;

/**
 * An office's key pair from a file written by `model keygen` (MODEL_SIGNING_KEY_FILE): its form
 * checked, and the public key that of the private key.
 */
export function readOfficeKeys(path: string): OfficeKeys {
  let keys: Partial<OfficeKeys>;
  try {
    keys = JSON.parse(readFileSync(path, 'utf8')) as Partial<OfficeKeys>;
  } catch {
    throw new ModelWorkflowError(409, '模型签名密钥文件（MODEL_SIGNING_KEY_FILE）无法读取');
  }
  const ok =
    typeof keys.unitCode === 'string' &&
    UNIT_CODE.test(keys.unitCode) &&
    typeof keys.privateKey === 'string' &&
    /^[0-9a-f]{64}$/i.test(keys.privateKey) &&
    typeof keys.publicKey === 'string' &&
    sm2Keys.getPublicKeyFromPrivateKey(keys.privateKey).toLowerCase() === keys.publicKey.toLowerCase();
  if (!ok)
    throw new ModelWorkflowError(409, '模型签名密钥文件（MODEL_SIGNING_KEY_FILE）不是有效的 SM2 密钥对');
  return keys as OfficeKeys;
}

/**
 * The offices whose packages this hub imports, kept by an operator (`models.trust`) in table
 * `model_trusted_keys`: each office's SM2 public key. Every change is audited (`model.trust`,
 * `model.distrust`).
 */
export class TrustedSigners {
  private readonly repo = new TrustedKeysRepository();
  private readonly audit = new AuditLog();

  all(m: EntityManager): Promise<TrustedKeyRow[]> {
    return this.repo.all(m);
  }

  async keys(m: EntityManager): Promise<Record<string, string>> {
    return Object.fromEntries((await this.repo.all(m)).map((k) => [k.unitCode, k.publicKey]));
  }

  async trust(
    m: EntityManager,
    actorId: string,
    unitCode: string,
    publicKey: string,
    note: string | null,
  ): Promise<TrustedKeyRow> {
    const key = publicKey.trim().toLowerCase();
    if (!UNIT_CODE.test(unitCode)) throw new ModelWorkflowError(400, '单位代码应为 6 位行政区划代码');
    let onCurve = false;
    try {
      onCurve = PUBLIC_KEY.test(key) && sm2Keys.verifyPublicKey(key);
    } catch {
      onCurve = false;
    }
    if (!onCurve)
      throw new ModelWorkflowError(
        400,
        '公钥不是有效的 SM2 公钥（应为 04 开头的 130 位十六进制，未压缩格式）',
      );
    await this.repo.upsert(m, { unitCode, publicKey: key, note: note?.trim() || null, addedBy: actorId });
    await this.audit.append(m, [
      {
        actor: actorId,
        action: 'model.trust',
        subject: `signer:${unitCode}`,
        reason: `登记可信签名公钥 ${key.slice(0, 16)}…${note?.trim() ? `（${note.trim()}）` : ''}`,
      },
    ]);
    return (await this.repo.all(m)).find((k) => k.unitCode === unitCode)!;
  }

  async distrust(m: EntityManager, actorId: string, unitCode: string, reason: string | null): Promise<void> {
    if (!(await this.repo.remove(m, unitCode)))
      throw new ModelWorkflowError(404, `单位 ${unitCode} 未登记为可信签名单位`);
    await this.audit.append(m, [
      {
        actor: actorId,
        action: 'model.distrust',
        subject: `signer:${unitCode}`,
        reason: reason?.trim() || null,
      },
    ]);
  }
}
