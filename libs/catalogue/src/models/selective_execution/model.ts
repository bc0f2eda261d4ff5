import type { EvidenceItem } from '@zhijian/domain';
import {
  NO_LEADS,
  caseLead,
  closeMethodText,
  eventItem,
  eventsOf,
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
import {
  byDateThenId,
  expandIds,
  isAnyOf,
  paidToAny,
  payoutsOf,
  sameClaimByRestoration,
  stateOn,
} from '../_kit/money';

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
  catalogueOrder: 3,
  sources: ['court.case-events'],
};

/** Why a related case comes first: its earlier filing, or its earlier control of an asset both cases control. */
type Precedence =
  { by: 'filing' } | { by: 'control'; control: Typed<'asset.controlled'>; ours: Typed<'asset.controlled'> };

/** An earlier case of the same respondent left behind when this (later) case was paid. */
interface Earlier {
  rc: RelatedCase;
  precedence: Precedence;
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
 * this case and an earlier case share a respondent — earlier by filing, or by an earlier control
 * of an asset both cases control — and this case pays money out (any funds.disbursed) on a
 * date on which the earlier case is open and not paid in full, or closed 终本 (restored or not).
 * Cases that are one claim across a restoration (执恢) are not compared.
 */
export class SelectiveExecutionModel implements CaseModel {
  readonly meta = SELECTIVE_EXECUTION;

  constructor(readonly config: SelectiveExecutionConfig = SELECTIVE_EXECUTION_DEFAULTS) {}

  evaluate(facts: CaseFacts, _asOf: Date): Evaluation {
    const filedOn = facts.case.filedOn;
    if (filedOn === null) return NO_LEADS;
    const ourControls = firstControls(facts.events);
    const candidates: { rc: RelatedCase; precedence: Precedence }[] = [];
    for (const rc of facts.relatedCases) {
      if (rc.case.filedOn === null) continue;
      if (!rc.respondents.some((p) => isAnyOf(facts, p.subjectId, facts.respondentIds))) continue;
      const own = { caseNo: facts.case.caseNo, events: facts.events };
      if (sameClaimByRestoration(own, { caseNo: rc.case.caseNo, events: rc.events })) continue;
      const precedence = precedenceOf(rc, filedOn, ourControls);
      if (precedence) candidates.push({ rc, precedence });
    }
    if (!candidates.length) return NO_LEADS;
    let finding: Finding | null = null;
    for (const payout of payoutsOf(facts.events)) {
      // Any payout counts, whoever the payee: also the earlier case's own applicant when it holds
      // both claims (paying its later claim first is the same favouritism), or the respondent.
      const on = payout.p.disbursedOn;
      const earlier: Earlier[] = [];
      for (const { rc, precedence } of candidates) {
        const left = leftBehind(facts, rc, on);
        if (left) earlier.push({ ...left, precedence });
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
          summary: `同一被执行人${e.precedence.by === 'filing' ? '在先立案' : '另案立案'}（${c.caseNo}）`,
        });
      }
      if (e.precedence.by === 'control') {
        const { control, ours } = e.precedence;
        items.push(
          eventItem(control.fact, `${c.caseNo}在先${measureText(control.p.measure)}${control.p.assetRef.id}`),
          eventItem(ours.fact, `本案在后${measureText(ours.p.measure)}同一财产`),
        );
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
      `${e.rc.case.caseNo}（${
        e.precedence.by === 'filing'
          ? `${e.rc.case.filedOn}立案`
          : `${e.precedence.control.p.controlledOn}在先控制${e.precedence.control.p.assetRef.id}`
      }，` +
      (e.state === 'zhongben'
        ? `已于${e.rc.case.closedOn}以${closeMethodText(e.rc.case.closeMethod)}方式结案`
        : `尚未执行完毕，已受偿${yuanText(e.paidFen)}`) +
      '）';
    const statement =
      `同一被执行人${respondentNames(facts)}的在先案件${f.earlier.map(describe).join('、')}未获清偿时，` +
      `${f.earlier.every((e) => e.precedence.by === 'filing') ? '在后立案的' : ''}${facts.case.caseNo}（${facts.case.filedOn}立案）于${p.disbursedOn}` +
      `向${p.payee.name}发放执行款${yuanText(p.amount)}，涉嫌选择性执行。`;
    return caseLead(facts, statement, items, {
      payout: { on: p.disbursedOn, amountFen: p.amount, payee: p.payee.name, receiptId: p.receiptId },
      earlierCases: f.earlier.map((e) => ({
        caseNo: e.rc.case.caseNo,
        filedOn: e.rc.case.filedOn,
        precedence: e.precedence.by,
        ...(e.precedence.by === 'control'
          ? { assetId: e.precedence.control.p.assetRef.id, controlledOn: e.precedence.control.p.controlledOn }
          : {}),
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
function leftBehind(facts: CaseFacts, rc: RelatedCase, on: string): Omit<Earlier, 'precedence'> | null {
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

/**
 * Whether a related case comes before this one: filed earlier, or (catalogue: "earlier filing or
 * earlier control of the same asset") it controlled an asset this case also controls before this
 * case did. The earlier filing is named when both hold.
 */
function precedenceOf(
  rc: RelatedCase,
  filedOn: string,
  ours: Map<string, Typed<'asset.controlled'>>,
): Precedence | null {
  if (rc.case.filedOn !== null && rc.case.filedOn < filedOn) return { by: 'filing' };
  for (const [asset, control] of firstControls(rc.events)) {
    const mine = ours.get(asset);
    if (mine && control.p.controlledOn < mine.p.controlledOn) return { by: 'control', control, ours: mine };
  }
  return null;
}

/** The first control of each asset (kind and id) in a timeline. */
function firstControls(events: RelatedCase['events']): Map<string, Typed<'asset.controlled'>> {
  const first = new Map<string, Typed<'asset.controlled'>>();
  const controls = eventsOf(events, 'asset.controlled').sort((a, b) =>
    byDateThenId(a.p.controlledOn, a.fact, b.p.controlledOn, b.fact),
  );
  for (const c of controls) {
    const key = `${c.p.assetRef.kind}:${c.p.assetRef.id}`;
    if (!first.has(key)) first.set(key, c);
  }
  return first;
}

const MEASURES: Record<string, string> = { seal: '查封', seize: '扣押', freeze: '冻结' };
const measureText = (measure: string): string => MEASURES[measure] ?? '控制';

const respondentNames = (facts: CaseFacts): string => facts.respondents.map((r) => r.name).join('、');

export const SELECTIVE_EXECUTION_MODEL = defineModel({
  meta: SELECTIVE_EXECUTION,
  defaults: SELECTIVE_EXECUTION_DEFAULTS,
  create: (config: SelectiveExecutionConfig) => new SelectiveExecutionModel(config),
});
