import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, Deadlines, eventItem, eventsOf, filedItem, type Typed } from '../_kit';

export interface ObjectionReviewOverdueConfig {
  /** Days after an objection is filed within which the court decides it. */
  decideWithinDays: number;
}

export const OBJECTION_REVIEW_OVERDUE_DEFAULTS: ObjectionReviewOverdueConfig = { decideWithinDays: 15 };

export const OBJECTION_REVIEW_OVERDUE: ModelMeta = {
  id: 'objection_review_overdue',
  version: 1,
  title: '执行异议审查超期',
  legalBasis:
    '《中华人民共和国民事诉讼法》第二百三十六条、第二百三十八条；' +
    '《最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定》第三条',
  severity: 'medium',
  kind: '个案',
  group: 'D',
  catalogueOrder: 5,
  sources: ['court.case-events'],
};

interface Finding {
  filed: Typed<'objection.filed'>;
  lastDay: string;
  decided: Typed<'objection.decided'> | null;
}

/**
 * 执行异议审查超期: an objection (by a party, 民诉法 art. 236, or by an outsider, art. 238) not
 * decided by the last day of the period after its filing (15 days, 民诉法 art. 85 counting):
 * decided later, or not at all. Objections are matched by `objectionId`; the earliest missed
 * one is reported, and the others are listed.
 */
export class ObjectionReviewOverdueModel implements CaseModel {
  readonly meta = OBJECTION_REVIEW_OVERDUE;

  constructor(private readonly config: ObjectionReviewOverdueConfig = OBJECTION_REVIEW_OVERDUE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    if (facts.case.filedOn === null) return deadlines.result(null);
    const decisions = byDate(eventsOf(facts.events, 'objection.decided'));
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const filed of byDate(eventsOf(facts.events, 'objection.filed'))) {
      // The first filing of an objection id is the one that counts.
      if (seen.has(filed.p.objectionId)) continue;
      seen.add(filed.p.objectionId);
      const lastDay = periodEnd(filed.fact.on, this.config.decideWithinDays);
      const decided = decisions.filter((d) => d.p.objectionId === filed.p.objectionId);
      if (decided.some((d) => d.fact.on <= lastDay)) continue;
      if (deadlines.missed(lastDay)) findings.push({ filed, lastDay, decided: decided[0] ?? null });
    }
    const first = findings[0];
    if (!first) return deadlines.result(null);

    const c = facts.case;
    const outcome = first.decided ? `迟至${first.decided.fact.on}才作出裁定` : '至今未作出裁定';
    const more = findings.length > 1 ? `（另有${findings.length - 1}件异议审查超期）` : '';
    const statement =
      `${c.caseNo}中${first.filed.p.by.name}于${first.filed.fact.on}提出执行异议（${first.filed.p.objectionId}），` +
      `法院应于${first.lastDay}前审查裁定，${outcome}${more}。`;
    const items: EvidenceItem[] = [
      ...filedItem(facts).map((i) => ({ ...i, context: true })),
      ...findings.flatMap((f) => [
        eventItem(f.filed.fact, `${f.filed.p.by.name}提出执行异议（${f.filed.p.objectionId}）`),
        ...(f.decided ? [eventItem(f.decided.fact, `异议（${f.filed.p.objectionId}）逾期裁定`, true)] : []),
      ]),
    ];
    return deadlines.result(
      caseLead(facts, statement, items, {
        decideWithinDays: this.config.decideWithinDays,
        objections: findings.map((f) => ({
          objectionId: f.filed.p.objectionId,
          filedOn: f.filed.fact.on,
          lastDay: f.lastDay,
          decidedOn: f.decided?.fact.on ?? null,
        })),
      }),
    );
  }
}

function byDate<T extends { fact: { on: string } }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.fact.on < b.fact.on ? -1 : a.fact.on > b.fact.on ? 1 : 0));
}

export const OBJECTION_REVIEW_OVERDUE_MODEL = defineModel({
  meta: OBJECTION_REVIEW_OVERDUE,
  defaults: OBJECTION_REVIEW_OVERDUE_DEFAULTS,
  create: (config: ObjectionReviewOverdueConfig) => new ObjectionReviewOverdueModel(config),
});
