import {
  periodEndMonths,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem, type Typed } from '../_kit';

export interface ExecutionOverdueConfig {
  /** Months from filing within which a case is closed. */
  limitMonths: number;
  /** The same for cases of `administrative` origin (非诉执行). */
  administrativeLimitMonths: number;
}

export const EXECUTION_OVERDUE_DEFAULTS: ExecutionOverdueConfig = {
  limitMonths: 6,
  administrativeLimitMonths: 3,
};

export const EXECUTION_OVERDUE: ModelMeta = {
  id: 'execution_overdue',
  version: 1,
  title: '超期结案',
  legalBasis:
    '《最高人民法院关于人民法院办理执行案件若干期限的规定》第一条；' +
    '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》第六十三条',
  severity: 'medium',
  kind: '个案 / 类案',
  group: 'D',
  catalogueOrder: 3,
  sources: ['court.case-events'],
};

/** The deadline in force: the statutory one, moved by each extension approved while it ran. */
export interface ExecutionDeadline {
  statutory: string;
  lastDay: string;
  /** Extensions that moved it, in order. */
  applied: Typed<'extension.approved'>[];
  /** Extensions approved after the deadline then in force had passed (they cure nothing). */
  late: Typed<'extension.approved'>[];
}

export function executionDeadline(
  facts: CaseFacts,
  filedOn: string,
  config: ExecutionOverdueConfig,
): ExecutionDeadline {
  const months =
    facts.case.origin === 'administrative' ? config.administrativeLimitMonths : config.limitMonths;
  const statutory = periodEndMonths(filedOn, months);
  const extensions = eventsOf(facts.events, 'extension.approved')
    .slice()
    .sort((a, b) => cmp(a.fact.on, b.fact.on) || cmp(a.p.newDeadline, b.p.newDeadline));
  let lastDay = statutory;
  const applied: Typed<'extension.approved'>[] = [];
  const late: Typed<'extension.approved'>[] = [];
  for (const e of extensions) {
    if (e.fact.on <= lastDay) {
      // The latest approval decides (an approval may also shorten an earlier extension).
      lastDay = e.p.newDeadline;
      applied.push(e);
    } else {
      late.push(e);
    }
  }
  return { statutory, lastDay, applied, late };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * 超期结案: a case still open after the last day of its execution period — 6 months from
 * filing, 3 for cases of administrative origin (若干期限规定 art. 1), counted as 民诉法 art. 85
 * counts months. An extension approved on or before the last day then in force moves the last
 * day to its `newDeadline` (the latest approval wins); one approved after it had passed cures
 * nothing. The lead is due the day after the last day if the case was not closed by then.
 */
export class ExecutionOverdueModel implements CaseModel {
  readonly meta = EXECUTION_OVERDUE;

  constructor(private readonly config: ExecutionOverdueConfig = EXECUTION_OVERDUE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null) return deadlines.result(null);
    const d = executionDeadline(facts, c.filedOn, this.config);
    const closedInTime = c.closedOn !== null && c.closedOn <= d.lastDay;
    if (closedInTime || !deadlines.missed(d.lastDay)) return deadlines.result(null);

    const months =
      c.origin === 'administrative' ? this.config.administrativeLimitMonths : this.config.limitMonths;
    const extended = d.applied.length ? `，经批准延长至${d.lastDay}` : '，未经批准延长';
    const end = c.closedOn ? `迟至${c.closedOn}才结案` : `至${d.lastDay}仍未结案`;
    const statement = `${c.caseNo}于${c.filedOn}立案，执行期限${months}个月（至${d.statutory}）${extended}，${end}。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      ...d.applied.map((e) => eventItem(e.fact, `批准延长执行期限至${e.p.newDeadline}`)),
      ...d.late.map((e) => eventItem(e.fact, `期限届满后才批准延长至${e.p.newDeadline}`, true)),
      ...closedItem(facts).map((i) => ({ ...i, context: true })),
    ];
    return deadlines.result(
      caseLead(facts, statement, items, {
        filedOn: c.filedOn,
        origin: c.origin,
        limitMonths: months,
        statutoryLastDay: d.statutory,
        lastDay: d.lastDay,
        closedOn: c.closedOn,
      }),
    );
  }
}

export const EXECUTION_OVERDUE_MODEL = defineModel({
  meta: EXECUTION_OVERDUE,
  defaults: EXECUTION_OVERDUE_DEFAULTS,
  create: (config: ExecutionOverdueConfig) => new ExecutionOverdueModel(config),
});
