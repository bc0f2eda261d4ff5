import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, eventItem, eventsOf, filedItem, type Typed } from '../_kit';
import {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';

/** The row has no threshold: the applicant is notified and interviewed by the closing itself. */
export type RightsNoticeLateConfig = Record<string, never>;

export const RIGHTS_NOTICE_LATE_DEFAULTS: RightsNoticeLateConfig = {};

export const RIGHTS_NOTICE_LATE: ModelMeta = {
  id: 'rights_notice_late',
  version: 1,
  title: '权利告知不及时',
  legalBasis: '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第五条、第六条',
  severity: 'low',
  kind: '个案 / 类案',
  group: 'D',
  catalogueOrder: 2,
  sources: ['court.case-events'],
};

/**
 * 权利告知不及时: a case closed as 终结本次执行程序 whose closing does not record that the
 * applicant was notified by the closing date (`applicantNotifiedOn` absent or later), or with no `applicant_interview`
 * (约谈申请执行人) served on or before the closing date. There is no period: the lead is due
 * once the closing day is over (so that same-day acts, in whatever order they arrive, count).
 */
export class RightsNoticeLateModel implements CaseModel {
  readonly meta = RIGHTS_NOTICE_LATE;

  constructor(readonly config: RightsNoticeLateConfig = RIGHTS_NOTICE_LATE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (c.filedOn === null || c.closeMethod !== 'terminated_this_round' || c.closedOn === null) {
      return deadlines.result(null);
    }
    const closedOn = c.closedOn;
    const closing = closingEvent(facts);
    const notifiedOn = closing?.p.applicantNotifiedOn ?? null;
    const interviews = eventsOf(facts.events, 'notice.served')
      .filter((n) => n.p.notice === 'applicant_interview')
      .sort((a, b) => (a.fact.on < b.fact.on ? -1 : a.fact.on > b.fact.on ? 1 : 0));
    const interview = interviews.find((n) => n.fact.on <= closedOn) ?? null;
    // Notified after the closing date is not notified at the closing (终本规定 art. 6).
    const notNotified = notifiedOn === null || notifiedOn > closedOn;
    const notInterviewed = interview === null;
    if ((!notNotified && !notInterviewed) || !deadlines.missed(closedOn)) return deadlines.result(null);

    const lacks = [
      ...(notNotified ? [notifiedOn ? `迟至${notifiedOn}才告知申请执行人` : '未告知申请执行人'] : []),
      ...(notInterviewed ? ['结案前未约谈申请执行人'] : []),
    ].join('，且');
    const statement = `${c.caseNo}于${closedOn}以终结本次执行程序结案，${lacks}。`;
    const later = interviews.find((n) => n.fact.on > closedOn) ?? null;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      ...closedItem(facts),
      ...(interview ? [eventItem(interview.fact, '约谈申请执行人', true)] : []),
      ...(later ? [eventItem(later.fact, '结案后才约谈申请执行人', true)] : []),
    ];
    return deadlines.result(
      caseLead(
        facts,
        statement,
        items,
        {
          closedOn,
          applicantNotifiedOn: notifiedOn,
          interviewedOn: interview?.fact.on ?? null,
          laterInterviewOn: later?.fact.on ?? null,
        },
        { withApplicants: true },
      ),
    );
  }
}

/** The case's closing event: the one the case row names, else the latest by business date. */
function closingEvent(facts: CaseFacts): Typed<'case.closed'> | null {
  const closings = eventsOf(facts.events, 'case.closed');
  const ref = facts.case.closedEvent;
  const named = ref
    ? closings.find((e) => e.fact.ref.source === ref.source && e.fact.ref.eventId === ref.eventId)
    : undefined;
  return named ?? closings[closings.length - 1] ?? null;
}

export const RIGHTS_NOTICE_LATE_MODEL = defineModel({
  meta: RIGHTS_NOTICE_LATE,
  defaults: RIGHTS_NOTICE_LATE_DEFAULTS,
  create: (config: RightsNoticeLateConfig) => new RightsNoticeLateModel(config),
});
