import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { CaseEventFact, EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem, isOpenOn } from '../_kit';

export interface ServiceOverdueConfig {
  /** Days after filing within which the execution notice and the property-report order are served. */
  serveWithinDays: number;
}

export const SERVICE_OVERDUE_DEFAULTS: ServiceOverdueConfig = { serveWithinDays: 10 };

export const SERVICE_OVERDUE: ModelMeta = {
  id: 'service_overdue',
  version: 1,
  title: '超期送达',
  legalBasis:
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十条；' +
    '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》第二十二条；' +
    '《最高人民法院关于民事执行中财产调查若干问题的规定》第三条',
  severity: 'low',
  kind: '个案 / 类案',
  group: 'D',
  catalogueOrder: 1,
  sources: ['court.case-events'],
};

/** The notices the row is about, with their names for statements. */
export const SERVED_NOTICES = {
  execution_notice: '执行通知书',
  property_report_order: '报告财产令',
} as const;
type ServedNotice = keyof typeof SERVED_NOTICES;

interface Finding {
  notice: ServedNotice;
  /** The first serving of the notice, if any (then after the last day). */
  servedOn: string | null;
  served: EvidenceItem | null;
}

/**
 * 超期送达: the execution notice or the property-report order is not served by the last day of
 * the period after filing (民诉法解释 art. 480: 10 days; 民诉法 art. 85 counting) while the case
 * is open on that day — served later, or not served at all. A case closed by the last day owes
 * no notice. The lead is due on the day after the last day, whether or not a late serving
 * has arrived since (it is then shown, with its date).
 */
export class ServiceOverdueModel implements CaseModel {
  readonly meta = SERVICE_OVERDUE;

  constructor(private readonly config: ServiceOverdueConfig = SERVICE_OVERDUE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const filedOn = facts.case.filedOn;
    if (filedOn === null) return deadlines.result(null);
    const lastDay = periodEnd(filedOn, this.config.serveWithinDays);
    if (!isOpenOn(facts, lastDay)) return deadlines.result(null);

    const notices = eventsOf(facts.events, 'notice.served');
    const findings: Finding[] = [];
    for (const notice of Object.keys(SERVED_NOTICES) as ServedNotice[]) {
      const served = notices.filter((n) => n.p.notice === notice).map((n) => n.fact);
      if (served.some((e) => e.on <= lastDay)) continue;
      const first = served.reduce<CaseEventFact | null>((a, e) => (a === null || e.on < a.on ? e : a), null);
      findings.push({
        notice,
        servedOn: first?.on ?? null,
        // A late serving is what handling the lead brings about, not a ground of it.
        served: first ? eventItem(first, `逾期送达${SERVED_NOTICES[notice]}`, true) : null,
      });
    }
    if (findings.length === 0 || !deadlines.missed(lastDay)) return deadlines.result(null);

    const c = facts.case;
    const what = findings
      .map((f) => `${SERVED_NOTICES[f.notice]}${f.servedOn ? `迟至${f.servedOn}才送达` : '未送达'}`)
      .join('，');
    const statement = `${c.caseNo}于${filedOn}立案，${what}，超过立案后${this.config.serveWithinDays}日的送达期限（至${lastDay}）。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      ...findings.flatMap((f) => (f.served ? [f.served] : [])),
      ...closedItem(facts).map((i) => ({ ...i, context: true })),
    ];
    return deadlines.result(
      caseLead(facts, statement, items, {
        filedOn,
        lastDay,
        serveWithinDays: this.config.serveWithinDays,
        notices: findings.map((f) => ({ notice: f.notice, servedOn: f.servedOn })),
      }),
    );
  }
}

export const SERVICE_OVERDUE_MODEL = defineModel({
  meta: SERVICE_OVERDUE,
  defaults: SERVICE_OVERDUE_DEFAULTS,
  create: (config: ServiceOverdueConfig) => new ServiceOverdueModel(config),
});
