import {
  addMonths,
  cstStartOfDay,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem } from '../_kit';
import { ZHONGBEN_RULES } from '../_kit/zhongben';

export interface ZhongbenPreconditionMissingConfig {
  /** Months after filing before which a case may not be closed 终本 (终本规定 art. 3 (六): 3 months). */
  minMonths: number;
}

export const ZHONGBEN_PRECONDITION_MISSING_DEFAULTS: ZhongbenPreconditionMissingConfig = { minMonths: 3 };

export const ZHONGBEN_PRECONDITION_MISSING: ModelMeta = {
  id: 'zhongben_precondition_missing',
  version: 1,
  title: '终本条件不具备',
  legalBasis: `${ZHONGBEN_RULES}第一条、第二条、第三条`,
  severity: 'high',
  kind: '个案 / 类案',
  group: 'E',
  catalogueOrder: 1,
  sources: ['court.case-events'],
};

/** The notices that must have been served before a 终本 closing (终本规定 art. 1 (一), (二)). */
export const REQUIRED_NOTICES = {
  execution_notice: '执行通知书',
  property_report_order: '报告财产令',
  consumption_restriction: '限制消费令',
} as const;
type RequiredNotice = keyof typeof REQUIRED_NOTICES;

/** The scopes the `network_national` (总对总) inquiries must have covered (终本规定 art. 3 (一)). */
export const REQUIRED_SCOPES = {
  deposit: '存款',
  realestate: '不动产',
  vehicle: '车辆',
  securities: '证券',
} as const;
type RequiredScope = keyof typeof REQUIRED_SCOPES;

/**
 * 终本条件不具备: a case closed 终结本次执行程序
 * - less than `minMonths` months after filing: closed before the day the period ends
 *   (addMonths, calendar months without the holiday rule; closing on that day is lawful), or
 * - before any of the execution notice, the property-report order and the consumption
 *   restriction was served, or before `network_national` inquiries (on or before the closing
 *   day, scopes taken together) had covered deposits, real estate, vehicles and securities.
 * Acts on the closing day count; acts after it do not cure the closing. The lead is due at the
 * closing (no deadline to wait for).
 */
export class ZhongbenPreconditionMissingModel implements CaseModel {
  readonly meta = ZHONGBEN_PRECONDITION_MISSING;

  constructor(
    private readonly config: ZhongbenPreconditionMissingConfig = ZHONGBEN_PRECONDITION_MISSING_DEFAULTS,
  ) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null || c.closeMethod !== 'terminated_this_round' || c.closedOn === null) {
      return deadlines.result(null);
    }
    const filedOn = c.filedOn;
    const closedOn = c.closedOn;
    // The closing is the violation: nothing to say before its day in business time.
    const closingDay = cstStartOfDay(closedOn);
    if (asOf.getTime() < closingDay.getTime()) {
      deadlines.wakeAt(closingDay);
      return deadlines.result(null);
    }

    // A minimum duration, in calendar months: the holiday rule of art. 85 extends periods to act, not this.
    const earliest = addMonths(filedOn, this.config.minMonths);
    const tooEarly = closedOn < earliest;

    const before = (on: string) => on <= closedOn;
    const notices = eventsOf(facts.events, 'notice.served').filter((n) => before(n.fact.on));
    const missingNotices = (Object.keys(REQUIRED_NOTICES) as RequiredNotice[]).filter(
      (kind) => !notices.some((n) => n.p.notice === kind),
    );
    const inquiries = eventsOf(facts.events, 'inquiry.performed').filter(
      (q) => q.p.channel === 'network_national' && before(q.fact.on),
    );
    const covered = new Set<string>(inquiries.flatMap((q) => q.p.scopes ?? []));
    const missingScopes = (Object.keys(REQUIRED_SCOPES) as RequiredScope[]).filter((s) => !covered.has(s));

    if (!tooEarly && missingNotices.length === 0 && missingScopes.length === 0) return deadlines.result(null);

    const grounds: string[] = [];
    if (tooEarly) {
      grounds.push(`距立案（${filedOn}）不足${this.config.minMonths}个月（最早应于${earliest}）`);
    }
    if (missingNotices.length) {
      grounds.push(`结案前未送达${missingNotices.map((n) => REQUIRED_NOTICES[n]).join('、')}`);
    }
    if (missingScopes.length) {
      grounds.push(
        inquiries.length
          ? `结案前总对总网络查询未覆盖${missingScopes.map((s) => REQUIRED_SCOPES[s]).join('、')}`
          : '结案前未经总对总网络查询',
      );
    }
    const statement = `${c.caseNo}于${closedOn}以终结本次执行程序结案，${grounds.join('；')}，不符合终本条件。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      ...closedItem(facts),
      ...notices
        .filter((n) => n.p.notice in REQUIRED_NOTICES)
        .map((n) => eventItem(n.fact, `送达${REQUIRED_NOTICES[n.p.notice as RequiredNotice]}`, true)),
      ...inquiries.map((q) =>
        eventItem(
          q.fact,
          `总对总网络查询（${(q.p.scopes ?? []).join('、')}）`,
          // The inquiries show what was covered; they are context when only the timing is wrong.
          missingScopes.length === 0,
        ),
      ),
    ];
    return deadlines.result(
      caseLead(facts, statement, items, {
        filedOn,
        closedOn,
        earliestClosing: earliest,
        minMonths: this.config.minMonths,
        tooEarly,
        missingNotices,
        missingScopes,
      }),
    );
  }
}

export const ZHONGBEN_PRECONDITION_MISSING_MODEL = defineModel({
  meta: ZHONGBEN_PRECONDITION_MISSING,
  defaults: ZHONGBEN_PRECONDITION_MISSING_DEFAULTS,
  create: (config: ZhongbenPreconditionMissingConfig) => new ZhongbenPreconditionMissingModel(config),
});
