import {
  periodEndMonths,
  addDays,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem } from '../_kit';
import { restoredOnOf, ZHONGBEN_RULES } from '../_kit/zhongben';

export interface ZhongbenNoPeriodicCheckConfig {
  /** Years after the 终本 closing during which the court checks the respondent's property (终本规定 art. 9). */
  checkYears: number;
  /** The longest interval, in months, between two `network_national` inquiries (and from the closing). */
  gapMonths: number;
}

export const ZHONGBEN_NO_PERIODIC_CHECK_DEFAULTS: ZhongbenNoPeriodicCheckConfig = {
  checkYears: 5,
  gapMonths: 6,
};

export const ZHONGBEN_NO_PERIODIC_CHECK: ModelMeta = {
  id: 'zhongben_no_periodic_check',
  version: 1,
  title: '终本后未定期查询',
  legalBasis: `${ZHONGBEN_RULES}第九条`,
  severity: 'low',
  kind: '类案',
  group: 'E',
  catalogueOrder: 3,
  sources: ['court.case-events'],
};

/**
 * 终本后未定期查询: after a 终本 closing, the court must look for the respondent's property
 * through the `network_national` (总对总) system at least every `gapMonths` months for
 * `checkYears` years. Counted from the closing date: each inquiry (any scopes) on or before
 * the last day of the running period (periodEndMonths(last check, gapMonths)) starts a new
 * one. The first period whose last day passes with no inquiry is the violation, if its last
 * day falls before the end of the `checkYears` window and before the case was restored (a
 * restoration ends the duty: it moves the case back into execution). The lead is due the day
 * after that last day; until then the model wakes at it.
 */
export class ZhongbenNoPeriodicCheckModel implements CaseModel {
  readonly meta = ZHONGBEN_NO_PERIODIC_CHECK;

  constructor(private readonly config: ZhongbenNoPeriodicCheckConfig = ZHONGBEN_NO_PERIODIC_CHECK_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null || c.closeMethod !== 'terminated_this_round' || c.closedOn === null) {
      return deadlines.result(null);
    }
    const closedOn = c.closedOn;
    const windowEnd = periodEndMonths(closedOn, this.config.checkYears * 12);
    const restoredOn = restoredOnOf(facts.restorations);
    const checks = eventsOf(facts.events, 'inquiry.performed')
      .filter((q) => q.p.channel === 'network_national' && q.fact.on >= closedOn)
      .sort((a, b) => (a.fact.on < b.fact.on ? -1 : a.fact.on > b.fact.on ? 1 : 0));

    let lastCheck = closedOn;
    let lastItem: EvidenceItem | null = null;
    let lastDay = periodEndMonths(lastCheck, this.config.gapMonths);
    for (const q of checks) {
      if (q.fact.on > lastDay) break; // the gap before it is the first one
      if (q.fact.on > lastCheck || lastItem === null) {
        lastCheck = q.fact.on;
        lastItem = eventItem(q.fact, `总对总网络查询（${(q.p.scopes ?? []).join('、')}）`);
        lastDay = periodEndMonths(lastCheck, this.config.gapMonths);
      }
    }
    // The duty is over before the gap is: the 5 years ran out, or the case was restored.
    if (addDays(lastDay, 1) > windowEnd) return deadlines.result(null);
    if (restoredOn !== null && restoredOn <= lastDay) return deadlines.result(null);
    if (!deadlines.missed(lastDay)) return deadlines.result(null);

    const next = checks.find((q) => q.fact.on > lastDay);
    const statement =
      `${c.caseNo}于${closedOn}以终结本次执行程序结案，` +
      `${lastItem ? `自${lastCheck}总对总网络查询后` : '结案后'}` +
      `超过${this.config.gapMonths}个月（至${lastDay}）未再通过总对总系统查询被执行人财产` +
      `${next ? `（迟至${next.fact.on}才查询）` : ''}。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts).map((i) => ({ ...i, context: true })),
      ...closedItem(facts),
      ...(lastItem ? [lastItem] : []),
      ...(next ? [eventItem(next.fact, '总对总网络查询（逾期）', true)] : []),
    ];
    return deadlines.result(
      caseLead(facts, statement, items, {
        closedOn,
        lastCheckOn: lastCheck,
        lastDay,
        nextCheckOn: next?.fact.on ?? null,
        gapMonths: this.config.gapMonths,
        checkYears: this.config.checkYears,
        restoredOn,
      }),
    );
  }
}

export const ZHONGBEN_NO_PERIODIC_CHECK_MODEL = defineModel({
  meta: ZHONGBEN_NO_PERIODIC_CHECK,
  defaults: ZHONGBEN_NO_PERIODIC_CHECK_DEFAULTS,
  create: (config: ZhongbenNoPeriodicCheckConfig) => new ZhongbenNoPeriodicCheckModel(config),
});
