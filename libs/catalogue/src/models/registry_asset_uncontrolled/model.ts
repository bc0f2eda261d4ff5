import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EventRef, EvidenceItem } from '@zhijian/domain';
import {
  caseLead,
  Deadlines,
  eventItem,
  eventsOf,
  filedItem,
  isOpenOn,
  registryItem,
  yuanText,
} from '../_kit';
import { assetText } from '../_kit/controls';

export interface RegistryAssetUncontrolledConfig {
  /** Smallest bank balance (fen) that calls for a freeze. */
  minBalanceFen: number;
  /** Days after the later of filing and the registration within which the asset is to be controlled. */
  controlWithinDays: number;
}

export const REGISTRY_ASSET_UNCONTROLLED_DEFAULTS: RegistryAssetUncontrolledConfig = {
  minBalanceFen: 1_000_000,
  controlWithinDays: 30,
};

export const REGISTRY_ASSET_UNCONTROLLED: ModelMeta = {
  id: 'registry_asset_uncontrolled',
  version: 1,
  title: '登记财产未控制',
  legalBasis:
    '《中华人民共和国民事诉讼法》第二百五十三条、第二百五十五条；' +
    '《最高人民法院关于民事执行中财产调查若干问题的规定》第十二条',
  severity: 'high',
  kind: '个案',
  group: 'A',
  catalogueOrder: 2,
  sources: [
    'court.case-events',
    'registry.realestate',
    'registry.vehicle',
    'registry.enterprise',
    'registry.bank',
  ],
};

/** A registry asset of a respondent: its AssetRef kind and id, and when the registry shows it held. */
interface Held {
  kind: 'realestate' | 'vehicle' | 'equity' | 'bank_account';
  id: string;
  /** Holding start: registration, acquisition, or the balance date. */
  from: string | null;
  to: string | null;
  ref: EventRef | null;
  summary: string;
}

interface Finding {
  asset: Held;
  start: string;
  deadline: string;
}

/**
 * 登记财产未控制: a registry shows a respondent holding real estate, a vehicle, equity or a bank
 * balance ≥ the threshold; no `asset.controlled` of that asset (AssetRef id: unit number, VIN,
 * company USCC, account number) on or before the last day of the period counted from the later
 * of filing and the holding's start; the respondent still holds it on that last day and the case
 * is still open when the last day has passed (not closed on or before it; a case closed earlier
 * is not this model's: 终本 with assets is zhongben_with_assets).
 */
export class RegistryAssetUncontrolledModel implements CaseModel {
  readonly meta = REGISTRY_ASSET_UNCONTROLLED;

  constructor(
    private readonly config: RegistryAssetUncontrolledConfig = REGISTRY_ASSET_UNCONTROLLED_DEFAULTS,
  ) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null) return deadlines.result(null);
    const filedOn = c.filedOn;
    const controls = eventsOf(facts.events, 'asset.controlled');
    const findings: Finding[] = [];
    for (const asset of this.assets(facts)) {
      const start = asset.from !== null && asset.from > filedOn ? asset.from : filedOn;
      const deadline = periodEnd(start, this.config.controlWithinDays);
      if (asset.to !== null && asset.to <= deadline) continue; // no longer held on the last day
      // Open when the deadline passes: not closed on or before the last day.
      if (!isOpenOn(facts, deadline)) continue;
      if (controls.some((k) => k.p.assetRef.id === asset.id && k.p.controlledOn <= deadline)) continue;
      if (deadlines.missed(deadline)) findings.push({ asset, start, deadline });
    }
    if (findings.length === 0) return deadlines.result(null);

    const items: EvidenceItem[] = [...filedItem(facts)];
    for (const f of findings) {
      if (f.asset.ref) items.push(registryItem(f.asset.ref, f.asset.from ?? f.start, f.asset.summary));
      for (const k of controls.filter((k) => k.p.assetRef.id === f.asset.id)) {
        items.push(eventItem(k.fact, `控制${assetText(k.p.assetRef.kind, k.p.assetRef.id)}，已逾期`, true));
      }
    }
    const assets = [...new Set(findings.map((f) => assetText(f.asset.kind, f.asset.id)))];
    const first = findings.reduce((a, b) => (b.deadline < a.deadline ? b : a));
    const statement =
      `${c.caseNo}（${filedOn}立案）登记信息显示被执行人持有${assets.join('、')}，` +
      `至${first.deadline}（${this.config.controlWithinDays}日期限届满）仍未采取查封、扣押、冻结措施。`;
    return deadlines.result(
      caseLead(facts, statement, items, {
        filedOn,
        assets: findings.map((f) => ({
          kind: f.asset.kind,
          id: f.asset.id,
          heldFrom: f.asset.from,
          start: f.start,
          deadline: f.deadline,
        })),
        controlWithinDays: this.config.controlWithinDays,
        minBalanceFen: this.config.minBalanceFen,
      }),
    );
  }

  private assets(facts: CaseFacts): Held[] {
    const out: Held[] = [];
    for (const h of facts.holdings) {
      if (!facts.respondentIds.has(h.subjectId) || h.share <= 0) continue;
      out.push({
        kind: 'realestate',
        id: h.unitNo,
        from: h.heldFrom,
        to: h.heldTo,
        ref: h.fromEvent,
        summary: `不动产登记：被执行人自${h.heldFrom}起持有不动产单元${h.unitNo}`,
      });
    }
    for (const v of facts.vehicles) {
      if (!facts.respondentIds.has(v.subjectId)) continue;
      out.push({
        kind: 'vehicle',
        id: v.vin,
        from: v.heldFrom,
        to: v.heldTo,
        ref: v.fromEvent,
        summary: `车辆登记：被执行人自${v.heldFrom}起登记为车辆${v.vin}的所有人`,
      });
    }
    // The registry cuts a stake into stretches of constant size: a run of them is one holding.
    const stakes = facts.equities
      .filter(
        (q) => facts.respondentIds.has(q.shareholderSubjectId) && q.companyUscc !== null && q.sharePct > 0,
      )
      .sort((a, b) => cmpNullsFirst(a.heldFrom, b.heldFrom));
    const runs: Held[] = [];
    const open = new Map<string, Held>();
    for (const q of stakes) {
      const key = `${q.companyUscc}|${q.shareholderSubjectId}`;
      const run = open.get(key);
      if (run && run.to !== null && run.to === q.heldFrom) {
        run.to = q.heldTo;
        continue;
      }
      const held: Held = {
        kind: 'equity',
        id: q.companyUscc!,
        from: q.heldFrom,
        to: q.heldTo,
        ref: q.fromEvent,
        summary: `企业登记：被执行人${q.heldFrom ? `自${q.heldFrom}起` : ''}持有企业${q.companyUscc}股权${q.sharePct}%`,
      };
      open.set(key, held);
      runs.push(held);
    }
    out.push(...runs);
    for (const a of facts.accounts) {
      if (!facts.respondentIds.has(a.subjectId) || a.balanceFen < this.config.minBalanceFen) continue;
      out.push({
        kind: 'bank_account',
        id: a.accountNo,
        from: a.asOf,
        to: null,
        ref: a.event,
        summary: `银行账户：被执行人账户${a.accountNo}截至${a.asOf}余额${yuanText(a.balanceFen)}`,
      });
    }
    return out;
  }
}

function cmpNullsFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

export const REGISTRY_ASSET_UNCONTROLLED_MODEL = defineModel({
  meta: REGISTRY_ASSET_UNCONTROLLED,
  defaults: REGISTRY_ASSET_UNCONTROLLED_DEFAULTS,
  create: (config: RegistryAssetUncontrolledConfig) => new RegistryAssetUncontrolledModel(config),
});
