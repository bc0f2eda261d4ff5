import { periodEnd, formatFen } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext, ScriptEvent } from '../plant';

/** Plants of catalogue group C (财产分配): hits and near misses per model. */

type Party = CaseScript['respondents'][number];

const PAYOUT_WITHIN_DAYS = 30;

/** Money in wire form (yuan string). */
const yuan = (fen: number): string => formatFen(fen);

/** Whole hundreds of yuan (fen divisible by 10,000): shares stay exact. */
const roundHundred = (fen: number): number => Math.max(1, Math.round(fen / 10_000)) * 10_000;

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

const PAYOUT_OVERDUE: Plant = {
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

// ---------------------------------------------------------------------------------------------
// distribution_order_violation

/** A case selling a flat of its respondents that the registry shows mortgaged to a bank. */
interface MortgagedSale {
  s: CaseScript;
  asset: { kind: 'realestate'; id: string };
  controlId: string;
  mortgagee: Party;
  securedFen: number;
  valuationFen: number;
}

/**
 * The respondents' flat, registered and mortgaged to a bank before the filing, sealed on day
 * +10 (value = claim: no over-seizure), valued on day +20 at 1.4 × claim; the compliant payout
 * ending is dropped (the scenario sells and pays).
 */
function mortgagedFlatCase(ctx: PlantContext): MortgagedSale {
  const s = ctx.compliantCase({ ending: 'fully_performed', category: 'loan', origin: 'judgment' });
  s.close(null);
  const registered = Math.max(0, s.filedDay - ctx.rng.int(60, 400));
  const unitNo = ctx.registry.flat(s.respondents, registered);
  // A bank other than the applicants (a loan case's applicant may be a bank of the same pool).
  let mortgagee = ctx.bank();
  for (let i = 0; i < 20 && s.applicants.some((a) => a.uscc === mortgagee.uscc); i++) mortgagee = ctx.bank();
  const securedFen = roundHundred(s.claimFen * 0.3);
  ctx.registry.mortgage(unitNo, mortgagee, securedFen, registered);
  const asset = { kind: 'realestate' as const, id: unitNo };
  const controlId = `CM${s.filedDay}-${ctx.rng.int(100, 999)}`;
  s.add('asset.controlled', s.filedDay + 10, {
    controlId,
    measure: 'seal',
    assetRef: asset,
    owner: s.respondents[0]!,
    value: yuan(s.claimFen),
    expiresOn: ctx.date(s.filedDay + 10 + 3 * 365 - 10),
  });
  const valuationFen = roundHundred(s.claimFen * 1.4);
  s.add('asset.valued', s.filedDay + 20, { assetRef: asset, valuation: yuan(valuationFen) });
  return { s, asset, controlId, mortgagee, securedFen, valuationFen };
}

/** Round 1 at 80% of the valuation (no price violation), with the given result. */
function auctionRound1(d: MortgagedSale, day: number, result: 'sold' | 'unsold'): number {
  const startFen = (d.valuationFen / 100) * 80;
  d.s.add('auction.held', day, {
    assetRef: d.asset,
    round: 1,
    startPrice: yuan(startFen),
    valuation: yuan(d.valuationFen),
    result,
    ...(result === 'sold' ? { dealPrice: yuan(startFen) } : {}),
  });
  return startFen;
}

/**
 * After a sale on `day`: the proceeds received on day +3 (the payouts' total, so that they are
 * paid out in full), paid out to `payees` in order on days +4, +6, …, the case closed and the
 * seal released right after.
 */
function payOut(d: MortgagedSale, day: number, payees: { to: Party; fen: number }[]): void {
  const s = d.s;
  const receiptId = `R${s.filedDay}-M`;
  s.add('funds.received', day + 3, {
    receiptId,
    amount: yuan(payees.reduce((sum, p) => sum + p.fen, 0)),
  });
  payees.forEach((p, i) =>
    s.add('funds.disbursed', day + 4 + 2 * i, { receiptId, amount: yuan(p.fen), payee: p.to }),
  );
  const closedDay = day + 5 + 2 * payees.length;
  s.close('fully_performed', closedDay, { recoveredFen: s.claimFen });
  s.add('asset.released', closedDay + 3, { controlId: d.controlId, reason: '执行完毕' });
}

const DISTRIBUTION_ORDER_VIOLATION: Plant = {
  modelId: 'distribution_order_violation',
  scenarios: [
    {
      name: 'proceeds_to_applicant_mortgagee_unpaid',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const day = d.s.filedDay + 40;
        auctionRound1(d, day, 'sold');
        payOut(d, day, [{ to: d.s.applicants[0]!, fen: d.s.claimFen }]);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'mortgaged_flat_offset_to_applicant',
      expected: 'hit',
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const startFen = auctionRound1(d, d.s.filedDay + 40, 'unsold');
        const day = d.s.filedDay + 50;
        d.s.add('asset.offset', day, {
          assetRef: d.asset,
          offsetValue: yuan(startFen),
          to: d.s.applicants[0]!,
        });
        d.s.close('fully_performed', day + 5, { recoveredFen: d.s.claimFen });
        d.s.add('asset.released', day + 8, { controlId: d.controlId, reason: '执行完毕' });
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'mortgagee_paid_first',
      expected: 'near_miss',
      weight: 2,
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const day = d.s.filedDay + 40;
        auctionRound1(d, day, 'sold');
        payOut(d, day, [
          { to: d.mortgagee, fen: d.securedFen },
          { to: d.s.applicants[0]!, fen: d.s.claimFen },
        ]);
      },
    },
    {
      name: 'mortgage_released_before_sale',
      expected: 'near_miss',
      build(ctx) {
        const d = mortgagedFlatCase(ctx);
        const day = d.s.filedDay + 40;
        ctx.registry.releaseMortgage(d.asset.id, day - 1);
        auctionRound1(d, day, 'sold');
        payOut(d, day, [{ to: d.s.applicants[0]!, fen: d.s.claimFen }]);
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// selective_execution

/** Two plain (loan, judgment) cases against one respondent: the earlier's ending, the later's filing gap. */
function twoCases(
  ctx: PlantContext,
  earlierEnding: 'fully_performed' | 'zhongben' | 'open',
  gap: number,
  laterEnding: 'fully_performed' | 'zhongben' = 'fully_performed',
): { earlier: CaseScript; later: CaseScript } {
  const respondent = ctx.rng.chance(0.7) ? ctx.person() : ctx.company();
  const plain = { category: 'loan' as const, origin: 'judgment' as const, respondents: [respondent] };
  const earlier = ctx.compliantCase({ ...plain, ending: earlierEnding });
  const later = ctx.compliantCase({ ...plain, ending: laterEnding, filedDay: earlier.filedDay + gap });
  return { earlier, later };
}

const SELECTIVE_EXECUTION: Plant = {
  modelId: 'selective_execution',
  scenarios: [
    {
      // The earlier case closed 终本 (day +100); the later one (filed +120) is paid on its day +55.
      name: 'later_case_paid_while_earlier_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { later } = twoCases(ctx, 'zhongben', 120);
        ctx.expect(later.caseNo);
      },
    },
    {
      // The earlier case is still open and unpaid when the later one (filed +10) is paid (+65).
      name: 'later_case_paid_while_earlier_open',
      expected: 'hit',
      build(ctx) {
        const { later } = twoCases(ctx, 'open', 10);
        ctx.expect(later.caseNo);
      },
    },
    {
      // Paid out in filing order: the earlier case paid (+55) and closed (+60) before the later one's payout (+85).
      name: 'payouts_in_filing_order',
      expected: 'near_miss',
      build(ctx) {
        twoCases(ctx, 'fully_performed', 30);
      },
    },
    {
      // The earlier case paid in full on its day +55, closed only on +60; the later one paid on the earlier's +57.
      name: 'earlier_paid_in_full_before_later_payout',
      expected: 'near_miss',
      build(ctx) {
        twoCases(ctx, 'fully_performed', 2);
      },
    },
    {
      // The earlier case is paid (+55) while the later one (filed +10) is still open, later closed 终本.
      name: 'earlier_case_paid_while_later_open',
      expected: 'near_miss',
      build(ctx) {
        twoCases(ctx, 'fully_performed', 10, 'zhongben');
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// receivable_from_other_suit

/**
 * This case (respondent R, the given ending) and another, plain case filed `gap` days later in
 * which R is the (first) applicant and is paid in full on its day +55.
 */
function receivableCases(
  ctx: PlantContext,
  ending: 'fully_performed' | 'zhongben' | 'open',
  gap: number,
  options: { otherPayeeFirst?: boolean } = {},
): { own: CaseScript; other: CaseScript } {
  const respondent = ctx.person();
  const own = ctx.compliantCase({
    ending,
    category: 'loan',
    origin: 'judgment',
    respondents: [respondent],
  });
  const applicants = options.otherPayeeFirst ? [ctx.person(), respondent] : [respondent];
  const other = ctx.compliantCase({
    ending: 'fully_performed',
    category: 'contract',
    origin: 'judgment',
    applicants,
    filedDay: own.filedDay + gap,
  });
  return { own, other };
}

const RECEIVABLE_FROM_OTHER_SUIT: Plant = {
  modelId: 'receivable_from_other_suit',
  scenarios: [
    {
      // 终本 on day +100; the respondent is paid in the other case on day +175.
      name: 'respondent_paid_elsewhere_after_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { own } = receivableCases(ctx, 'zhongben', 120);
        ctx.expect(own.caseNo);
      },
    },
    {
      // Open case; the respondent is paid in the other case on day +60.
      name: 'respondent_paid_elsewhere_while_open',
      expected: 'hit',
      build(ctx) {
        const { own } = receivableCases(ctx, 'open', 5);
        ctx.expect(own.caseNo);
      },
    },
    {
      // Fully performed (closed +60) before the respondent is paid elsewhere (+125).
      name: 'case_performed_before_payout_elsewhere',
      expected: 'near_miss',
      build(ctx) {
        receivableCases(ctx, 'fully_performed', 70);
      },
    },
    {
      // The respondent is a co-applicant of the other case, whose money goes to the first applicant.
      name: 'other_case_pays_another_applicant',
      expected: 'near_miss',
      build(ctx) {
        receivableCases(ctx, 'zhongben', 120, { otherPayeeFirst: true });
      },
    },
  ],
};

export const PLANTS_C: Plant[] = [
  PAYOUT_OVERDUE,
  DISTRIBUTION_ORDER_VIOLATION,
  SELECTIVE_EXECUTION,
  RECEIVABLE_FROM_OTHER_SUIT,
];
