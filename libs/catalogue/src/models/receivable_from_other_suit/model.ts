import type { EvidenceItem } from '@zhijian/domain';
import {
  NO_LEADS,
  caseLead,
  closeMethodText,
  closedItem,
  eventItem,
  filedItem,
  yuanText,
  type Typed,
} from '../_kit';
import {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type LeadDraft,
  type ModelMeta,
  type RelatedCase,
} from '@zhijian/domain';
import { isAnyOf, paidToAny, payoutsOf, sameClaimByRestoration } from '../_kit/money';

// No thresholds: the row has no *config* figure.
export type ReceivableFromOtherSuitConfig = Record<string, never>;

export const RECEIVABLE_FROM_OTHER_SUIT_DEFAULTS: ReceivableFromOtherSuitConfig = {};

export const RECEIVABLE_FROM_OTHER_SUIT: ModelMeta = {
  id: 'receivable_from_other_suit',
  version: 1,
  title: '涉诉到期债权未执行',
  legalBasis:
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百九十九条；' +
    '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》第四十五条至第五十二条',
  severity: 'high',
  kind: '个案',
  group: 'C',
  catalogueOrder: 4,
  sources: ['court.case-events'],
};

interface Finding {
  other: RelatedCase;
  payout: Typed<'funds.disbursed'>;
  /** This case's state on the payout date. */
  state: 'open' | 'zhongben';
}

/**
 * 涉诉到期债权未执行 (the lead is on the case that should have reached the receivable): a
 * respondent of this case is an applicant in another case and is paid money there
 * (funds.disbursed whose payee is the respondent) on a date on which this case is open, or
 * closed 终本. Cases that are one claim across a restoration are not compared.
 */
export class ReceivableFromOtherSuitModel implements CaseModel {
  readonly meta = RECEIVABLE_FROM_OTHER_SUIT;

  constructor(readonly config: ReceivableFromOtherSuitConfig = RECEIVABLE_FROM_OTHER_SUIT_DEFAULTS) {}

  evaluate(facts: CaseFacts, _asOf: Date): Evaluation {
    if (facts.case.filedOn === null || facts.respondentIds.size === 0) return NO_LEADS;
    const findings: Finding[] = [];
    for (const other of facts.relatedCases) {
      if (other.case.caseNo === facts.case.caseNo) continue;
      const asApplicant = other.applicants.some((p) => isAnyOf(facts, p.subjectId, facts.respondentIds));
      if (!asApplicant) continue;
      if (
        sameClaimByRestoration(
          { caseNo: facts.case.caseNo, events: facts.events },
          { caseNo: other.case.caseNo, events: other.events },
        )
      )
        continue;
      for (const payout of payoutsOf(other.events)) {
        if (!paidToAny(payout, facts.respondentIds, facts)) continue;
        const state = stateOn(facts, payout.p.disbursedOn);
        if (state) {
          findings.push({ other, payout, state });
          break;
        }
      }
    }
    if (!findings.length) return NO_LEADS;
    findings.sort((a, b) => (a.payout.p.disbursedOn < b.payout.p.disbursedOn ? -1 : 1));
    return { leads: [this.lead(facts, findings)], wakeAt: null };
  }

  private lead(facts: CaseFacts, findings: Finding[]): LeadDraft {
    const items: EvidenceItem[] = [...filedItem(facts)];
    if (findings.some((f) => f.state === 'zhongben')) items.push(...closedItem(facts));
    for (const f of findings) {
      const c = f.other.case;
      if (c.filedEvent && c.filedOn) {
        items.push({
          kind: 'event',
          ...c.filedEvent,
          on: c.filedOn,
          summary: `被执行人作为申请执行人的另案立案（${c.caseNo}）`,
        });
      }
      items.push(
        eventItem(
          f.payout.fact,
          `另案${c.caseNo}向被执行人${f.payout.p.payee.name}发放执行款${yuanText(f.payout.p.amount)}`,
        ),
      );
    }
    const f = findings[0]!;
    const p = f.payout.p;
    const stateText =
      f.state === 'zhongben' ? `已以${closeMethodText(facts.case.closeMethod)}方式结案` : '尚在执行中';
    const more = findings.length > 1 ? `等${findings.length}起另案` : '';
    const statement =
      `${facts.case.caseNo}${stateText}，被执行人${p.payee.name}作为申请执行人于${p.disbursedOn}` +
      `在另案${f.other.case.caseNo}${more}受领执行款${yuanText(p.amount)}，本案未对该到期债权采取执行措施。`;
    return caseLead(facts, statement, items, {
      caseState: f.state,
      receivables: findings.map((x) => ({
        otherCaseNo: x.other.case.caseNo,
        paidOn: x.payout.p.disbursedOn,
        amountFen: x.payout.p.amount,
        payee: x.payout.p.payee.name,
        caseState: x.state,
      })),
    });
  }
}

/**
 * This case on a date: open, or closed 终本 (restored or not: a 执恢 case continues the same
 * claim and the receivable was missed all the same); null otherwise, or when not filed yet.
 */
function stateOn(facts: CaseFacts, on: string): Finding['state'] | null {
  const c = facts.case;
  if (c.filedOn === null || c.filedOn > on) return null;
  if (c.closedOn === null || c.closedOn > on) return 'open';
  return c.closeMethod === 'terminated_this_round' ? 'zhongben' : null;
}

export const RECEIVABLE_FROM_OTHER_SUIT_MODEL = defineModel({
  meta: RECEIVABLE_FROM_OTHER_SUIT,
  defaults: RECEIVABLE_FROM_OTHER_SUIT_DEFAULTS,
  create: (config: ReceivableFromOtherSuitConfig) => new ReceivableFromOtherSuitModel(config),
});
