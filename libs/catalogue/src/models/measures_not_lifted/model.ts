import {
  addWorkingDays,
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem } from '../_kit';
import { assetText, controlTracks, forcePeriods, measureText, releasedOn } from '../_kit/controls';

export interface MeasuresNotLiftedConfig {
  /** Working days after closing within which the dishonest-list entry is to be lifted. */
  listLiftWorkingDays: number;
  /** Days after closing within which the controls are to be released. */
  releaseWithinDays: number;
}

export const MEASURES_NOT_LIFTED_DEFAULTS: MeasuresNotLiftedConfig = {
  listLiftWorkingDays: 3,
  releaseWithinDays: 30,
};

export const MEASURES_NOT_LIFTED: ModelMeta = {
  id: 'measures_not_lifted',
  version: 1,
  title: '结案后措施未解除',
  legalBasis:
    '《最高人民法院关于公布失信被执行人名单信息的若干规定》第十条；' +
    '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二十八条',
  severity: 'medium',
  kind: '个案 / 类案',
  group: 'A',
  catalogueOrder: 6,
  sources: ['court.case-events'],
};

/**
 * 结案后措施未解除: a case closed `fully_performed` whose respondent stays on the dishonest list
 * (a `dishonest_list` notice served on or before the last day and no `restriction.lifted
 * dishonest_list` on or after it by the last day, N working days after closing), or whose
 * controls still bind after the last day of the release period counted from closing (not
 * released by then, and not expired by then). One lead listing every ground. The consumption
 * restriction is not a ground (the catalogue names only the dishonest list).
 */
export class MeasuresNotLiftedModel implements CaseModel {
  readonly meta = MEASURES_NOT_LIFTED;

  constructor(private readonly config: MeasuresNotLiftedConfig = MEASURES_NOT_LIFTED_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null || c.closeMethod !== 'fully_performed' || c.closedOn === null) {
      return deadlines.result(null);
    }
    const closedOn = c.closedOn;
    const items: EvidenceItem[] = [...filedItem(facts), ...closedItem(facts)];
    const grounds: string[] = [];
    const found: Record<string, unknown> = {};

    // The dishonest list.
    const listDay = addWorkingDays(closedOn, this.config.listLiftWorkingDays);
    const listings = eventsOf(facts.events, 'notice.served').filter(
      (n) => n.p.notice === 'dishonest_list' && n.p.servedOn <= listDay,
    );
    const lifts = eventsOf(facts.events, 'restriction.lifted').filter(
      (l) => l.p.restriction === 'dishonest_list',
    );
    const listing = listings[listings.length - 1];
    if (listing) {
      const servedOn = listing.p.servedOn;
      const liftedInTime = lifts.some((l) => l.p.liftedOn >= servedOn && l.p.liftedOn <= listDay);
      if (!liftedInTime && deadlines.missed(listDay)) {
        const late = lifts.find((l) => l.p.liftedOn > listDay);
        items.push(eventItem(listing.fact, `纳入失信被执行人名单（${servedOn}）`));
        if (late) items.push(eventItem(late.fact, `删除失信信息（${late.p.liftedOn}），已逾期`, true));
        grounds.push(
          `被执行人仍在失信被执行人名单中，至${listDay}（结案后${this.config.listLiftWorkingDays}个工作日）未删除` +
            (late ? `（迟至${late.p.liftedOn}方删除）` : ''),
        );
        found['listLiftDeadline'] = listDay;
        found['listLiftedOn'] = late?.p.liftedOn ?? null;
      }
    }

    // The controls.
    const releaseDay = periodEnd(closedOn, this.config.releaseWithinDays);
    const pending = controlTracks(facts.events).filter((t) => {
      const released = releasedOn(t);
      if (released !== null && released <= releaseDay) return false;
      // Still binding after the last day: some period in force reaches beyond it.
      return t.control.p.controlledOn <= releaseDay && forcePeriods(t).some((p) => p.to > releaseDay);
    });
    if (pending.length && deadlines.missed(releaseDay)) {
      const what: string[] = [];
      for (const t of pending) {
        const p = t.control.p;
        const name = `${measureText(p.measure)}${assetText(p.assetRef.kind, p.assetRef.id)}`;
        what.push(name);
        items.push(eventItem(t.control.fact, name));
        for (const r of t.releases)
          items.push(eventItem(r.fact, `解除${name}（${r.p.releasedOn}），已逾期`, true));
      }
      grounds.push(`${what.join('、')}至${releaseDay}（结案后${this.config.releaseWithinDays}日）未解除`);
      found['releaseDeadline'] = releaseDay;
      found['controlIds'] = pending.map((t) => t.control.p.controlId);
    }

    if (grounds.length === 0) return deadlines.result(null);
    const statement = `${c.caseNo}于${closedOn}执行完毕结案，${grounds.join('；')}。`;
    return deadlines.result(
      caseLead(facts, statement, items, {
        closedOn,
        ...found,
        listLiftWorkingDays: this.config.listLiftWorkingDays,
        releaseWithinDays: this.config.releaseWithinDays,
      }),
    );
  }
}

export const MEASURES_NOT_LIFTED_MODEL = defineModel({
  meta: MEASURES_NOT_LIFTED,
  defaults: MEASURES_NOT_LIFTED_DEFAULTS,
  create: (config: MeasuresNotLiftedConfig) => new MeasuresNotLiftedModel(config),
});
