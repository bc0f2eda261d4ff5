import { periodEnd } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext, ScriptEvent } from '../_kit/plant';
import { yuan, roundHundred } from '../_kit/money.plants';

const PAYOUT_WITHIN_DAYS = 30;

const only = (events: ScriptEvent[], what: string): ScriptEvent => {
  const e = events[0];
  if (!e || events.length !== 1) throw new Error(`expected exactly one ${what}, found ${events.length}`);
  return e;
};

// ---------------------------------------------------------------------------------------------
// payout_overdue

/** The last day to pay out money received on `day`. */
const payoutLastDay = (ctx: PlantContext, day: number): number =>
  ctx.day(periodEnd(ctx.date(day), PAYOUT_WITHIN_DAYS));

/**
 * A fully performed case whose money arrives on a day (from +40 on) whose payout period ends
 * later than day +30 (a rest day or holiday at the end); its compliant payout and closing are
 * left for the scenario to move. Returns the script, the receipt and its last day.
 */
function receiptCase(ctx: PlantContext): {
  s: CaseScript;
  receipt: ScriptEvent;
  payout: ScriptEvent;
  closing: ScriptEvent;
  lastDay: number;
} {
  const s = ctx.compliantCase({ ending: 'fully_performed', category: 'loan', origin: 'judgment' });
  const receipt = only(s.find('funds.received'), 'receipt');
  let day = s.filedDay + 40;
  for (let d = s.filedDay + 40; d <= s.filedDay + 70; d++) {
    if (payoutLastDay(ctx, d) > d + PAYOUT_WITHIN_DAYS) {
      day = d;
      break;
    }
  }
  receipt.day = day;
  return {
    s,
    receipt,
    payout: only(s.find('funds.disbursed'), 'payout'),
    closing: only(s.find('case.closed'), 'closing'),
    lastDay: payoutLastDay(ctx, day),
  };
}

export const PAYOUT_OVERDUE: Plant = {
  modelId: 'payout_overdue',
  scenarios: [
    {
      name: 'paid_day_after_extended_last_day',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const c = receiptCase(ctx);
        c.payout.day = c.lastDay + 1;
        c.closing.day = c.lastDay + 4;
        ctx.expect(c.s.caseNo);
      },
    },
    {
      name: 'paid_on_extended_last_day',
      expected: 'near_miss',
      weight: 2,
      build(ctx) {
        const c = receiptCase(ctx);
        c.payout.day = c.lastDay;
        c.closing.day = c.lastDay + 3;
      },
    },
    {
      name: 'partly_paid_in_time',
      expected: 'hit',
      build(ctx) {
        const c = receiptCase(ctx);
        const first = roundHundred(c.s.claimFen * 0.6);
        c.payout.day = c.receipt.day + 5;
        c.payout.fields['amount'] = yuan(first);
        c.s.add('funds.disbursed', c.lastDay + 5, {
          receiptId: c.receipt.fields['receiptId'],
          amount: yuan(c.s.claimFen - first),
          payee: c.s.applicants[0]!,
        });
        c.closing.day = c.lastDay + 8;
        ctx.expect(c.s.caseNo);
      },
    },
    {
      name: 'paid_in_two_parts_second_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const c = receiptCase(ctx);
        const first = roundHundred(c.s.claimFen * 0.6);
        c.payout.day = c.receipt.day + 5;
        c.payout.fields['amount'] = yuan(first);
        c.s.add('funds.disbursed', c.lastDay, {
          receiptId: c.receipt.fields['receiptId'],
          amount: yuan(c.s.claimFen - first),
          payee: c.s.applicants[0]!,
        });
        c.closing.day = c.lastDay + 3;
      },
    },
    {
      name: 'never_paid_out',
      expected: 'hit',
      build(ctx) {
        const c = receiptCase(ctx);
        c.s.remove('funds.disbursed');
        c.closing.day = c.receipt.day + 10;
        ctx.expect(c.s.caseNo);
      },
    },
  ],
};
