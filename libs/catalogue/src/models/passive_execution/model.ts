import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { CaseEventFact, EvidenceItem } from '@zhijian/domain';
import { caseLead, Deadlines, eventItem, filedItem, isOpenOn, yuanText } from '../_kit';
import {
  ASSET_KIND_TEXT,
  assetItem,
  heldDuring,
  registryAssets,
  type AssetInterval,
} from '../_kit/registry-assets';

export interface PassiveExecutionConfig {
  /** Days without an execution act after which an open case with registry assets is passive. */
  idleDays: number;
  /** A bank balance counts as an asset from this amount (fen). */
  minBalanceFen: number;
}

export const PASSIVE_EXECUTION_DEFAULTS: PassiveExecutionConfig = {
  idleDays: 90,
  minBalanceFen: 10_000_00,
};

export const PASSIVE_EXECUTION: ModelMeta = {
  id: 'passive_execution',
  version: 1,
  title: '消极执行',
  legalBasis:
    '《中华人民共和国民事诉讼法》第二百五十三条、第二百五十四条、第二百五十五条；' +
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉执行程序若干问题的解释》第十条',
  severity: 'medium',
  kind: '个案',
  group: 'D',
  catalogueOrder: 4,
  sources: [
    'court.case-events',
    'registry.realestate',
    'registry.vehicle',
    'registry.enterprise',
    'registry.bank',
  ],
};

/** Execution acts: inquiry, control (and its renewal), valuation, auction, serving a notice. */
const ACT_TEXT: Record<string, string> = {
  'inquiry.performed': '财产查询',
  'asset.controlled': '控制财产',
  'asset.renewed': '续行控制',
  'asset.valued': '财产评估',
  'auction.held': '拍卖',
  'notice.served': '送达文书',
};

interface IdleWindow {
  /** The act (or the filing) the idle period runs from, and its date. */
  from: CaseEventFact | null;
  start: string;
  lastDay: string;
  /** The next act, after the last day (null: none yet). */
  next: CaseEventFact | null;
  assets: AssetInterval[];
}

/**
 * 消极执行: an open case in which, for more than `idleDays` days, the court takes no inquiry,
 * control, valuation, auction or notice while the registries show the respondent holding real
 * estate, a vehicle, equity or a balance ≥ `minBalanceFen`. Each act (and the filing) starts a
 * period whose last day is periodEnd(act, idleDays); the period is missed when the next act
 * comes after that day (or not at all), the case is still open on it, and the respondent held
 * one of those assets on some day of it. Every period of the whole timeline is looked at, so a
 * late act does not undo a gap that already passed; the earliest missed period is reported.
 */
export class PassiveExecutionModel implements CaseModel {
  readonly meta = PASSIVE_EXECUTION;

  constructor(private readonly config: PassiveExecutionConfig = PASSIVE_EXECUTION_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const filedOn = facts.case.filedOn;
    if (filedOn === null) return deadlines.result(null);
    const assets = registryAssets(facts, this.config.minBalanceFen);
    if (assets.length === 0) return deadlines.result(null);

    const acts = facts.events
      .filter((e) => e.type in ACT_TEXT && e.on >= filedOn)
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const starts: { from: CaseEventFact | null; start: string }[] = [{ from: null, start: filedOn }];
    for (const a of acts) {
      const previous = starts[starts.length - 1]!;
      if (a.on === previous.start) previous.from ??= a;
      else starts.push({ from: a, start: a.on });
    }

    let found: IdleWindow | null = null;
    for (let i = 0; i < starts.length && !found; i++) {
      const { from, start } = starts[i]!;
      const lastDay = periodEnd(start, this.config.idleDays);
      const nextStart = starts[i + 1];
      if (nextStart && nextStart.start <= lastDay) continue;
      if (!isOpenOn(facts, lastDay)) continue;
      const held = assets.filter((a) => heldDuring(a, start, lastDay));
      if (held.length === 0) continue;
      if (deadlines.missed(lastDay)) {
        found = { from, start, lastDay, next: nextStart?.from ?? null, assets: held };
      }
    }
    if (!found) return deadlines.result(null);
    return deadlines.result(this.lead(facts, found));
  }

  private lead(facts: CaseFacts, w: IdleWindow) {
    const c = facts.case;
    const since = w.from ? `${w.start}${ACT_TEXT[w.from.type]}后` : `${w.start}立案后`;
    const kinds = [...new Set(w.assets.map((a) => ASSET_KIND_TEXT[a.kind]))].join('、');
    const resumed = w.next ? `，直至${w.next.on}才${ACT_TEXT[w.next.type]}` : '';
    const statement =
      `${c.caseNo}自${since}超过${this.config.idleDays}日（至${w.lastDay}）未采取查询、控制、评估、拍卖或送达等执行措施${resumed}，` +
      `期间被执行人名下登记有${kinds}。`;
    const items: EvidenceItem[] = [
      ...(w.from ? [eventItem(w.from, `最后一次执行措施：${ACT_TEXT[w.from.type]}`)] : filedItem(facts)),
      ...w.assets.map((a) => assetItem(a)),
      ...(w.next ? [eventItem(w.next, `此后的执行措施：${ACT_TEXT[w.next.type]}`, true)] : []),
    ];
    return caseLead(facts, statement, items, {
      idleFrom: w.start,
      lastDay: w.lastDay,
      nextActOn: w.next?.on ?? null,
      idleDays: this.config.idleDays,
      minBalance: yuanText(this.config.minBalanceFen),
      assets: w.assets.map((a) => ({ kind: a.kind, id: a.id, from: a.from, to: a.to })),
    });
  }
}

export const PASSIVE_EXECUTION_MODEL = defineModel({
  meta: PASSIVE_EXECUTION,
  defaults: PASSIVE_EXECUTION_DEFAULTS,
  create: (config: PassiveExecutionConfig) => new PassiveExecutionModel(config),
});
