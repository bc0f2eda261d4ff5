import {
  periodEnd,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { Deadlines, NO_LEADS, caseLead, eventItem, eventsOf, filedItem, yuanText, type Typed } from '../_kit';

export interface PayoutOverdueConfig {
  /** Days after the money is received within which it must be paid out in full. */
  payoutWithinDays: number;
}

export const PAYOUT_OVERDUE_DEFAULTS: PayoutOverdueConfig = { payoutWithinDays: 30 };

export const PAYOUT_OVERDUE: ModelMeta = {
  id: 'payout_overdue',
  version: 1,
  title: '案款发放不及时',
  legalBasis: '《最高人民法院关于执行款物管理工作的规定》（法发〔2017〕6号）第十五条',
  severity: 'high',
  kind: '个案 / 类案',
  group: 'C',
  catalogueOrder: 1,
  sources: ['court.case-events'],
};

interface Overdue {
  receipt: Typed<'funds.received'>;
  lastDay: string;
  /** Paid out of the receipt on or before the last day. */
  paidInTime: number;
  payouts: Typed<'funds.disbursed'>[];
}

/**
 * 案款发放不及时: money received in a case (funds.received, by receiptId) not paid out in full
 * (the funds.disbursed of the same receiptId dated on or before the last day) within the period
 * from receipt (民诉法 art. 85 counting, holidays extend the last day). A partial payout in
 * time, or a full payout after the last day, is a hit.
 */
export class PayoutOverdueModel implements CaseModel {
  readonly meta = PAYOUT_OVERDUE;

  constructor(private readonly config: PayoutOverdueConfig = PAYOUT_OVERDUE_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    if (facts.case.filedOn === null) return NO_LEADS;
    const deadlines = new Deadlines(asOf);
    const payouts = eventsOf(facts.events, 'funds.disbursed');
    const overdue: Overdue[] = [];
    for (const receipt of receiptsOf(facts)) {
      const lastDay = periodEnd(receipt.p.receivedOn, this.config.payoutWithinDays);
      const own = payouts.filter((d) => d.p.receiptId === receipt.p.receiptId);
      const paidInTime = own.filter((d) => d.p.disbursedOn <= lastDay).reduce((s, d) => s + d.p.amount, 0);
      if (paidInTime >= receipt.p.amount) continue;
      if (deadlines.missed(lastDay)) overdue.push({ receipt, lastDay, paidInTime, payouts: own });
    }
    return deadlines.result(overdue.length ? this.lead(facts, overdue) : null);
  }

  private lead(facts: CaseFacts, overdue: Overdue[]): ReturnType<typeof caseLead> {
    const items: EvidenceItem[] = [...filedItem(facts)];
    for (const o of overdue) {
      const r = o.receipt.p;
      items.push(
        eventItem(
          o.receipt.fact,
          `执行款到账${yuanText(r.amount)}（${r.receiptId}），应于${o.lastDay}前发放完毕`,
        ),
      );
      for (const d of o.payouts) {
        const late = d.p.disbursedOn > o.lastDay;
        items.push(
          eventItem(
            d.fact,
            `发放${yuanText(d.p.amount)}给${d.p.payee.name}${late ? '（已逾期）' : ''}`,
            // A payout after the last day is the cure a lead brings about, not the violation.
            late,
          ),
        );
      }
    }
    const first = overdue[0]!;
    const r = first.receipt.p;
    const more = overdue.length > 1 ? `等${overdue.length}笔` : '';
    const statement =
      `${facts.case.caseNo}于${r.receivedOn}收到执行款${yuanText(r.amount)}${more}，` +
      `至发放期限末日${first.lastDay}仅发放${yuanText(first.paidInTime)}，` +
      `未在${this.config.payoutWithinDays}日内发放完毕。`;
    return caseLead(facts, statement, items, {
      payoutWithinDays: this.config.payoutWithinDays,
      receipts: overdue.map((o) => ({
        receiptId: o.receipt.p.receiptId,
        receivedOn: o.receipt.p.receivedOn,
        amountFen: o.receipt.p.amount,
        lastDay: o.lastDay,
        paidInTimeFen: o.paidInTime,
        paidFen: o.payouts.reduce((s, d) => s + d.p.amount, 0),
      })),
    });
  }
}

/** One receipt per receiptId (the earliest received; a repeated receiptId is a correction of the same money). */
function receiptsOf(facts: CaseFacts): Typed<'funds.received'>[] {
  const byId = new Map<string, Typed<'funds.received'>>();
  const receipts = eventsOf(facts.events, 'funds.received').sort((a, b) =>
    a.p.receivedOn !== b.p.receivedOn
      ? a.p.receivedOn < b.p.receivedOn
        ? -1
        : 1
      : a.p.amount - b.p.amount || (a.fact.ref.eventId < b.fact.ref.eventId ? -1 : 1),
  );
  for (const r of receipts) if (!byId.has(r.p.receiptId)) byId.set(r.p.receiptId, r);
  return [...byId.values()];
}

export const PAYOUT_OVERDUE_MODEL = defineModel({
  meta: PAYOUT_OVERDUE,
  defaults: PAYOUT_OVERDUE_DEFAULTS,
  create: (config: PayoutOverdueConfig) => new PayoutOverdueModel(config),
});
