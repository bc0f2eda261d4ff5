import type { EvidenceItem } from '@zhijian/persistence';
import {
  NO_LEADS,
  caseLead,
  closeMethodText,
  defineModel,
  eventItem,
  filedItem,
  yuanText,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type LeadDraft,
  type ModelMeta,
  type RelatedCase,
  type Typed,
} from '../kit';
import { expandIds, isAnyOf, paidToAny, payoutsOf, sameClaimByRestoration, stateOn } from './money';

// No thresholds: the row has no *config* figure.
export type SelectiveExecutionConfig = Record<string, never>;

export const SELECTIVE_EXECUTION_DEFAULTS: SelectiveExecutionConfig = {};

export const SELECTIVE_EXECUTION: ModelMeta = {
  id: 'selective_execution',
  version: 1,
  title: '选择性执行',
  legalBasis:
    '《最高人民法院关于人民法院执行工作若干问题的规定（试行）》第五十五条；' +
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百一十四条',
  severity: 'high',
  kind: '类案',
  group: 'C',
  sources: ['court.case-events'],
};

/** An earlier case of the same respondent left behind when this (later) case was paid. */
interface Earlier {
  rc: RelatedCase;
  /** 'open' (unpaid) or 'zhongben' on the payout date. */
  state: 'open' | 'zhongben';
  paidFen: number;
}

interface Finding {
  payout: Typed<'funds.disbursed'>;
  earlier: Earlier[];
}

/**
 * 选择性执行 (an individual lead on the case that took the money; class leads form generically):
 * this case and an earlier-filed case share a respondent, and this case pays money out
 * (funds.disbursed to someone other than the respondents and the earlier case's applicants)
 * on a date on which the earlier case is open and not paid in full, or closed 终本.
 * Cases that are one claim across a restoration (执恢) are not compared.
 */
export class SelectiveExecutionModel implements CaseModel {
  readonly meta = SELECTIVE_EXECUTION;

  constructor(readonly config: SelectiveExecutionConfig = SELECTIVE_EXECUTION_DEFAULTS) {}

  evaluate(facts: CaseFacts, _asOf: Date): Evaluation {
    const filedOn = facts.case.filedOn;
    if (filedOn === null) return NO_LEADS;
    const candidates = facts.relatedCases.filter(
      (rc) =>
        rc.case.filedOn !== null &&
        rc.case.filedOn < filedOn &&
        rc.respondents.some((p) => isAnyOf(facts, p.subjectId, facts.respondentIds)) &&
        !sameClaimByRestoration(
          { caseNo: facts.case.caseNo, events: facts.events },
          {
            caseNo: rc.case.caseNo,
            events: rc.events,
          },
        ),
    );
    if (!candidates.length) return NO_LEADS;
    let finding: Finding | null = null;
    for (const payout of payoutsOf(facts.events)) {
      if (paidToAny(payout, facts.respondentIds, facts)) continue;
      const on = payout.p.disbursedOn;
      const earlier: Earlier[] = [];
      for (const rc of candidates) {
        const creditors = expandIds(
          rc.applicants.map((p) => p.subjectId),
          facts,
        );
        // Money for the earlier case's own creditor (参与分配) is not money taken from it.
        if (paidToAny(payout, creditors, facts)) continue;
        const left = leftBehind(facts, rc, on);
        if (left) earlier.push(left);
      }
      if (earlier.length) {
        finding = { payout, earlier };
        break;
      }
    }
    return { leads: finding ? [this.lead(facts, finding)] : [], wakeAt: null };
  }

  private lead(facts: CaseFacts, f: Finding): LeadDraft {
    const p = f.payout.p;
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      eventItem(f.payout.fact, `本案向${p.payee.name}发放执行款${yuanText(p.amount)}`),
    ];
    for (const e of f.earlier) {
      const c = e.rc.case;
      if (c.filedEvent && c.filedOn) {
        items.push({
          kind: 'event',
          ...c.filedEvent,
          on: c.filedOn,
          summary: `同一被执行人在先立案（${c.caseNo}）`,
        });
      }
      if (e.state === 'zhongben' && c.closedEvent && c.closedOn) {
        items.push({
          kind: 'event',
          ...c.closedEvent,
          on: c.closedOn,
          summary: `${c.caseNo}以终结本次执行程序方式结案`,
        });
      }
    }
    const describe = (e: Earlier): string =>
      `${e.rc.case.caseNo}（${e.rc.case.filedOn}立案，` +
      (e.state === 'zhongben'
        ? `已于${e.rc.case.closedOn}以${closeMethodText(e.rc.case.closeMethod)}方式结案`
        : `尚未执行完毕，已受偿${yuanText(e.paidFen)}`) +
      '）';
    const statement =
      `同一被执行人${respondentNames(facts)}的在先案件${f.earlier.map(describe).join('、')}未获清偿时，` +
      `在后立案的${facts.case.caseNo}（${facts.case.filedOn}立案）于${p.disbursedOn}` +
      `向${p.payee.name}发放执行款${yuanText(p.amount)}，涉嫌选择性执行。`;
    return caseLead(facts, statement, items, {
      payout: { on: p.disbursedOn, amountFen: p.amount, payee: p.payee.name, receiptId: p.receiptId },
      earlierCases: f.earlier.map((e) => ({
        caseNo: e.rc.case.caseNo,
        filedOn: e.rc.case.filedOn,
        state: e.state,
        closedOn: e.rc.case.closedOn,
        claimFen: e.rc.case.claimFen,
        paidFen: e.paidFen,
      })),
    });
  }
}

/**
 * The earlier case as of the payout date, if it was left behind: open and not paid in full
 * (payouts to anyone but its respondents, up to the claim; no claim known: nothing paid), or
 * closed 终本 (restored or not: a 执恢 case goes on with the same unpaid claim). Any other closing (执行完毕, 终结, …) is not left behind.
 */
function leftBehind(facts: CaseFacts, rc: RelatedCase, on: string): Earlier | null {
  const state = stateOn(rc.case, on);
  if (state.state === 'not_filed') return null;
  const debtors = expandIds(
    rc.respondents.map((p) => p.subjectId),
    facts,
  );
  const paidFen = payoutsOf(rc.events)
    .filter((d) => d.p.disbursedOn <= on && !paidToAny(d, debtors, facts))
    .reduce((s, d) => s + d.p.amount, 0);
  if (state.state === 'closed') {
    return state.method === 'terminated_this_round' ? { rc, state: 'zhongben', paidFen } : null;
  }
  const claim = rc.case.claimFen;
  const paidInFull = claim !== null ? paidFen >= claim : paidFen > 0;
  return paidInFull ? null : { rc, state: 'open', paidFen };
}

const respondentNames = (facts: CaseFacts): string => facts.respondents.map((r) => r.name).join('、');

export const SELECTIVE_EXECUTION_MODEL = defineModel({
  meta: SELECTIVE_EXECUTION,
  defaults: SELECTIVE_EXECUTION_DEFAULTS,
  create: (config: SelectiveExecutionConfig) => new SelectiveExecutionModel(config),
});
