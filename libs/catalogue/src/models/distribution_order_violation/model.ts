import type { CaseEventFact, EvidenceItem, MortgageFact } from '@zhijian/domain';
import { NO_LEADS, caseLead, eventItem, eventsOf, filedItem, registryItem, yuanText } from '../_kit';
import {
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type LeadDraft,
  type ModelMeta,
} from '@zhijian/domain';
import { byDateThenId, expandIds, isAnyOf } from '../_kit/money';

// No thresholds: the row has no *config* figure.
export type DistributionOrderViolationConfig = Record<string, never>;

export const DISTRIBUTION_ORDER_VIOLATION_DEFAULTS: DistributionOrderViolationConfig = {};

export const DISTRIBUTION_ORDER_VIOLATION: ModelMeta = {
  id: 'distribution_order_violation',
  version: 1,
  title: '优先受偿权未保障',
  legalBasis:
    '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五百零六条至第五百一十条；' +
    '《最高人民法院关于人民法院执行设定抵押的房屋的规定》第一条',
  severity: 'high',
  kind: '个案',
  group: 'C',
  catalogueOrder: 2,
  sources: ['court.case-events', 'registry.realestate'],
};

/** A sale of a unit in the case: an auction round that sold it, or an offset (以物抵债). */
interface Sale {
  fact: CaseEventFact;
  unitNo: string;
  on: string;
  /** Deal price or offset value. */
  valueFen: number;
  text: string;
}

/** A payment out of the case: a payout, or the unit itself handed over by offset. */
interface Payment {
  fact: CaseEventFact;
  on: string;
  subjectId: string | null;
  amountFen: number;
  payeeName: string;
}

interface Finding {
  sale: Sale;
  mortgage: MortgageFact;
  /** The first payment to someone other than the unit's mortgagees while this mortgagee had nothing. */
  payment: Payment;
}

/**
 * 优先受偿权未保障: a unit the case sold (auction sold, or offset) was mortgaged on the sale date
 * per the registry (registered on or before it, not released before it); after the sale, money
 * of the case went to a payee who is none of the unit's mortgagees (or the unit itself to such a
 * taker by offset) at a time when that mortgagee had received nothing from the case.
 */
export class DistributionOrderViolationModel implements CaseModel {
  readonly meta = DISTRIBUTION_ORDER_VIOLATION;

  constructor(readonly config: DistributionOrderViolationConfig = DISTRIBUTION_ORDER_VIOLATION_DEFAULTS) {}

  evaluate(facts: CaseFacts, _asOf: Date): Evaluation {
    if (facts.case.filedOn === null) return NO_LEADS;
    const sales = salesOf(facts);
    if (!sales.length) return NO_LEADS;
    const payments = paymentsOf(facts);
    const findings: Finding[] = [];
    for (const sale of sales) {
      const live = facts.mortgages.filter(
        (g) =>
          g.unitNo === sale.unitNo &&
          g.mortgageeSubjectId !== null &&
          g.registeredOn <= sale.on &&
          (g.releasedOn === null || g.releasedOn >= sale.on),
      );
      if (!live.length) continue;
      const mortgagees = expandIds(
        live.map((g) => g.mortgageeSubjectId!),
        facts,
      );
      const toOthers = payments.filter(
        (p) => p.on >= sale.on && (p.subjectId === null || !isAnyOf(facts, p.subjectId, mortgagees)),
      );
      for (const mortgage of live) {
        const own = expandIds([mortgage.mortgageeSubjectId!], facts);
        const paidToMortgagee = payments.filter(
          (p) => p.subjectId !== null && isAnyOf(facts, p.subjectId, own),
        );
        // The first payment to others on a day by which the mortgagee had received nothing.
        const payment = toOthers.find((p) => !paidToMortgagee.some((m) => m.on <= p.on));
        if (payment) findings.push({ sale, mortgage, payment });
      }
    }
    return { leads: findings.length ? [this.lead(facts, findings)] : [], wakeAt: null };
  }

  private lead(facts: CaseFacts, findings: Finding[]): LeadDraft {
    const items: EvidenceItem[] = [...filedItem(facts)];
    for (const f of findings) {
      items.push(eventItem(f.sale.fact, f.sale.text));
      items.push(
        registryItem(
          f.mortgage.event,
          f.mortgage.registeredOn,
          `不动产登记：单元${f.mortgage.unitNo}于${f.mortgage.registeredOn}设定抵押` +
            `${f.mortgage.securedFen !== null ? `，担保债权${yuanText(f.mortgage.securedFen)}` : ''}` +
            `${f.mortgage.releasedOn ? `（${f.mortgage.releasedOn}注销）` : '，未注销'}`,
        ),
      );
      items.push(
        eventItem(
          f.payment.fact,
          `${f.payment.on}向${f.payment.payeeName}支付${yuanText(f.payment.amountFen)}，抵押权人未受偿`,
        ),
      );
    }
    const f = findings[0]!;
    const statement =
      `${facts.case.caseNo}于${f.sale.on}处置已设定抵押的不动产（单元${f.sale.unitNo}，${yuanText(f.sale.valueFen)}），` +
      `${f.payment.on}向${f.payment.payeeName}支付${yuanText(f.payment.amountFen)}，` +
      `而抵押权人（登记于${f.mortgage.registeredOn}）未获清偿，优先受偿权未予保障。`;
    return caseLead(facts, statement, items, {
      findings: findings.map((x) => ({
        unitNo: x.sale.unitNo,
        soldOn: x.sale.on,
        saleFen: x.sale.valueFen,
        mortgageRegisteredOn: x.mortgage.registeredOn,
        mortgageReleasedOn: x.mortgage.releasedOn,
        securedFen: x.mortgage.securedFen,
        paidOn: x.payment.on,
        paidFen: x.payment.amountFen,
        payee: x.payment.payeeName,
      })),
    });
  }
}

function salesOf(facts: CaseFacts): Sale[] {
  const sales: Sale[] = [];
  for (const a of eventsOf(facts.events, 'auction.held')) {
    if (a.p.result !== 'sold' || a.p.assetRef.kind !== 'realestate') continue;
    const valueFen = a.p.dealPrice ?? a.p.startPrice;
    sales.push({
      fact: a.fact,
      unitNo: a.p.assetRef.id,
      on: a.p.heldOn,
      valueFen,
      text: `第${a.p.round}轮拍卖成交：单元${a.p.assetRef.id}，成交价${yuanText(valueFen)}`,
    });
  }
  for (const o of eventsOf(facts.events, 'asset.offset')) {
    if (o.p.assetRef.kind !== 'realestate') continue;
    sales.push({
      fact: o.fact,
      unitNo: o.p.assetRef.id,
      on: o.p.offsetOn,
      valueFen: o.p.offsetValue,
      text: `以物抵债：单元${o.p.assetRef.id}作价${yuanText(o.p.offsetValue)}抵给${o.p.to.name}`,
    });
  }
  return sales.sort((a, b) => byDateThenId(a.on, a.fact, b.on, b.fact));
}

function paymentsOf(facts: CaseFacts): Payment[] {
  const payments: Payment[] = [
    ...eventsOf(facts.events, 'funds.disbursed').map((d) => ({
      fact: d.fact,
      on: d.p.disbursedOn,
      subjectId: d.fact.partySubjectId,
      amountFen: d.p.amount,
      payeeName: d.p.payee.name,
    })),
    ...eventsOf(facts.events, 'asset.offset').map((o) => ({
      fact: o.fact,
      on: o.p.offsetOn,
      subjectId: o.fact.partySubjectId,
      amountFen: o.p.offsetValue,
      payeeName: o.p.to.name,
    })),
  ];
  return payments.sort((a, b) => byDateThenId(a.on, a.fact, b.on, b.fact));
}

export const DISTRIBUTION_ORDER_VIOLATION_MODEL = defineModel({
  meta: DISTRIBUTION_ORDER_VIOLATION,
  defaults: DISTRIBUTION_ORDER_VIOLATION_DEFAULTS,
  create: (config: DistributionOrderViolationConfig) => new DistributionOrderViolationModel(config),
});
