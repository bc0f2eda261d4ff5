import {
  cstStartOfDay,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, dateOf, eventItem, filedItem, yuanText } from '../_kit';
import {
  assetKey,
  assetText,
  controlTracks,
  forcePeriods,
  inForceOn,
  INDIVISIBLE_KINDS,
  measureText,
  type ControlTrack,
} from '../_kit/controls';

export interface OverSeizureConfig {
  /** Controls in force may be worth at most this multiple of the claim. */
  maxValueRatio: number;
}

export const OVER_SEIZURE_DEFAULTS: OverSeizureConfig = { maxValueRatio: 1.5 };

export const OVER_SEIZURE: ModelMeta = {
  id: 'over_seizure',
  version: 1,
  title: '超标的查封',
  legalBasis:
    '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第十九条；' +
    '《中华人民共和国民事诉讼法》第二百五十三条',
  severity: 'medium',
  kind: '个案',
  group: 'A',
  catalogueOrder: 3,
  sources: ['court.case-events'],
};

/**
 * 超标的查封: on some day, the value of the case's controls in force (controlled, not released,
 * not expired — renewals extend) exceeds ratio × the claim. Execution fees are not in the feeds,
 * so the bound is ratio × claimAmount. Several controls of one asset count once (the highest
 * value). Not when the only asset under control that day is a single indivisible one (a unit, a
 * vehicle, an unnamed thing: 查封规定 art. 19's 不可分物 exception).
 */
export class OverSeizureModel implements CaseModel {
  readonly meta = OVER_SEIZURE;

  constructor(private readonly config: OverSeizureConfig = OVER_SEIZURE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const c = facts.case;
    if (c.filedOn === null || c.claimFen === null || c.claimFen <= 0) return { leads: [], wakeAt: null };
    const claim = c.claimFen;
    const today = dateOf(asOf);
    const tracks = controlTracks(facts.events);
    // The total can only rise on a day a period in force starts.
    const starts = [...new Set(tracks.flatMap((t) => forcePeriods(t).map((p) => p.from)))].sort();
    const bound = this.config.maxValueRatio * claim;
    for (const day of starts) {
      if (day > today) return { leads: [], wakeAt: cstStartOfDay(day) };
      const active = tracks.filter((t) => inForceOn(t, day));
      const perAsset = new Map<string, ControlTrack>();
      for (const t of active) {
        const prev = perAsset.get(assetKey(t));
        if (!prev || t.control.p.value > prev.control.p.value) perAsset.set(assetKey(t), t);
      }
      const assets = [...perAsset.values()];
      const total = assets.reduce((s, t) => s + t.control.p.value, 0);
      if (total <= bound) continue;
      if (assets.length === 1 && INDIVISIBLE_KINDS.has(assets[0]!.control.p.assetRef.kind)) continue;
      return { leads: [this.lead(facts, day, assets, total)], wakeAt: null };
    }
    return { leads: [], wakeAt: null };
  }

  private lead(facts: CaseFacts, day: string, assets: ControlTrack[], total: number) {
    const c = facts.case;
    const claim = c.claimFen!;
    const items: EvidenceItem[] = [...filedItem(facts)];
    for (const t of assets) {
      const p = t.control.p;
      items.push(
        eventItem(
          t.control.fact,
          `${measureText(p.measure)}${assetText(p.assetRef.kind, p.assetRef.id)}，价值${yuanText(p.value)}`,
        ),
      );
      for (const r of t.renewals) {
        if (r.p.renewedOn <= day)
          items.push(eventItem(r.fact, `续行${measureText(p.measure)}至${r.p.expiresOn}`));
      }
    }
    const ratio = Math.round((total / claim) * 100) / 100;
    const statement =
      `${c.caseNo}申请执行标的${yuanText(claim)}，${day}在控财产${assets.length}项合计价值${yuanText(total)}，` +
      `为标的额的${ratio}倍，超过${this.config.maxValueRatio}倍，明显超标的查封、扣押、冻结。`;
    return caseLead(facts, statement, items, {
      on: day,
      claimFen: claim,
      controlledValueFen: total,
      ratio,
      maxValueRatio: this.config.maxValueRatio,
      controls: assets.map((t) => ({
        controlId: t.control.p.controlId,
        asset: t.control.p.assetRef,
        valueFen: t.control.p.value,
      })),
    });
  }
}

export const OVER_SEIZURE_MODEL = defineModel({
  meta: OVER_SEIZURE,
  defaults: OVER_SEIZURE_DEFAULTS,
  create: (config: OverSeizureConfig) => new OverSeizureModel(config),
});
