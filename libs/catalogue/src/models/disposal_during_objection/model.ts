import type { EvidenceItem } from '@zhijian/domain';
import { Deadlines, caseLead, eventItem, eventsOf, filedItem, yuanText, type Typed } from '../_kit';
import {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import { assetText, hasHappened, inOrder } from '../_kit/disposal';

/** The row has no configurable threshold. */
export type DisposalDuringObjectionConfig = Record<string, never>;

export const DISPOSAL_DURING_OBJECTION_DEFAULTS: DisposalDuringObjectionConfig = {};

export const DISPOSAL_DURING_OBJECTION: ModelMeta = {
  id: 'disposal_during_objection',
  version: 1,
  title: '异议期间处分',
  legalBasis: '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉执行程序若干问题的解释》第十五条、第十六条',
  severity: 'high',
  kind: '个案',
  group: 'B',
  catalogueOrder: 4,
  sources: ['court.case-events'],
};

type Act = Typed<'auction.held' | 'asset.offset' | 'funds.disbursed'>;

interface Finding {
  act: Act;
  objection: Typed<'objection.filed'>;
  /** The decision of the objection, if it came after the act (context). */
  decision: Typed<'objection.decided'> | null;
}

/**
 * 异议期间处分: the court disposes while an objection in the case is under review — an asset sold
 * at auction or sale (`auction.held` with result `sold`), an asset offset (`asset.offset`), or money
 * paid out (`funds.disbursed`) on a date D when an objection was filed on or before D and had not
 * been decided by D. Dates have no time of day: an act on the filing day counts as during the
 * review (the objection is pending from its filing day); an act on the decision day does not
 * (the review ended that day).
 */
export class DisposalDuringObjectionModel implements CaseModel {
  readonly meta = DISPOSAL_DURING_OBJECTION;

  constructor(private readonly config: DisposalDuringObjectionConfig = DISPOSAL_DURING_OBJECTION_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    if (facts.case.filedOn === null) return deadlines.result(null);
    const objections = inOrder(eventsOf(facts.events, 'objection.filed'));
    if (objections.length === 0) return deadlines.result(null);
    const decisions = inOrder(eventsOf(facts.events, 'objection.decided'));
    const acts: Act[] = inOrder(
      eventsOf(facts.events, 'auction.held', 'asset.offset', 'funds.disbursed'),
    ).filter((a) => a.p.type !== 'auction.held' || a.p.result === 'sold');
    const findings: Finding[] = [];
    for (const act of acts) {
      const on = act.fact.on;
      for (const objection of objections) {
        if (objection.fact.on > on) continue;
        const ofIt = decisions.filter((d) => d.p.objectionId === objection.p.objectionId);
        if (ofIt.some((d) => d.fact.on <= on)) continue;
        if (!hasHappened(deadlines, on)) break;
        findings.push({ act, objection, decision: ofIt[0] ?? null });
        break;
      }
    }
    if (findings.length === 0) return deadlines.result(null);
    return deadlines.result(this.lead(facts, findings));
  }

  private lead(facts: CaseFacts, findings: Finding[]): Evaluation['leads'][number] {
    const c = facts.case;
    const items: EvidenceItem[] = [...filedItem(facts)];
    for (const f of findings) {
      const o = f.objection.p;
      items.push(eventItem(f.objection.fact, `${o.by?.name ?? '异议人'}提出执行异议（${o.objectionId}）`));
      items.push(eventItem(f.act.fact, actText(f.act)));
      if (f.decision) {
        items.push(
          eventItem(f.decision.fact, `异议（${o.objectionId}）于${f.decision.p.decidedOn}审查结束`, true),
        );
      }
    }
    const first = findings[0]!;
    const more = findings.length > 1 ? `等${findings.length}项处分` : '';
    const statement =
      `${c.caseNo}在${first.objection.p.filedOn}提出的执行异议（${first.objection.p.objectionId}）审查期间，` +
      `于${first.act.fact.on}${actText(first.act)}${more}。`;
    return caseLead(
      facts,
      statement,
      items,
      {
        acts: findings.map((f) => ({
          type: f.act.p.type,
          on: f.act.fact.on,
          objectionId: f.objection.p.objectionId,
          objectionFiledOn: f.objection.p.filedOn,
          objectionDecidedOn: f.decision?.p.decidedOn ?? null,
        })),
      },
      { withApplicants: true },
    );
  }
}

function actText(act: Act): string {
  const p = act.p;
  switch (p.type) {
    case 'auction.held':
      return `${p.round === 3 ? '变卖' : '拍卖'}成交${assetText(p.assetRef)}${
        p.dealPrice !== undefined ? `，成交价${yuanText(p.dealPrice)}` : ''
      }`;
    case 'asset.offset':
      return `将${assetText(p.assetRef)}作价${yuanText(p.offsetValue)}抵债给${p.to?.name ?? '债权人'}`;
    case 'funds.disbursed':
      return `向${p.payee?.name ?? '收款人'}发放执行款${yuanText(p.amount)}`;
  }
}

export const DISPOSAL_DURING_OBJECTION_MODEL = defineModel({
  meta: DISPOSAL_DURING_OBJECTION,
  defaults: DISPOSAL_DURING_OBJECTION_DEFAULTS,
  create: (config: DisposalDuringObjectionConfig) => new DisposalDuringObjectionModel(config),
});
