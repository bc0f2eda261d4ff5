import { periodEnd } from '@zhijian/domain';
import type { CaseOptions, CaseScript, Plant, PlantContext } from '../_kit/plant';
import { yuan } from '../_kit/evasion.plants';

// collusive_litigation_evasion: case A against R; later case B against R on a mediation,
// arbitration or notarial title, closed within 30 days, whose applicant X is related to R; X
// then takes money in B, or objects in A. The lead is on B.

type WireParty = CaseScript['applicants'][number];

const CLOSE_WITHIN_DAYS = 30;

interface Collusion {
  a: CaseScript;
  b: CaseScript;
  x: WireParty;
  r: WireParty;
}

type Tie = 'x_holds_r' | 'shared_shareholder' | 'none';

/**
 * A (compliant 终本, open until day +100) against company R, and B filed 20–40 days after A by
 * X against R, closed fully performed `closeAfter` days after its filing with nothing paid
 * through the court (its compliant payouts dropped).
 */
function collusion(
  ctx: PlantContext,
  tie: Tie,
  closeAfter: number,
  origin: CaseOptions['origin'] = ctx.rng.pick(['mediation', 'arbitration', 'notarization'] as const),
): Collusion {
  const r = ctx.company();
  // a shareholder holds companies, not people
  const x = tie === 'shared_shareholder' || ctx.rng.chance(0.5) ? ctx.company() : ctx.person();
  const a = ctx.compliantCase({ ending: 'zhongben', respondents: [r] });
  const b = ctx.compliantCase({
    ending: 'fully_performed',
    respondents: [r],
    applicants: [x],
    origin,
    category: 'contract',
    filedDay: a.filedDay + ctx.rng.int(20, 40),
  });
  b.close('fully_performed', b.filedDay + closeAfter);
  const tieDay = Math.max(0, a.filedDay - ctx.rng.int(30, 300));
  if (tie === 'x_holds_r') {
    ctx.registry.equity(r, x, 'acquire', ctx.rng.int(20, 80), tieDay);
  } else if (tie === 'shared_shareholder') {
    const s = ctx.rng.chance(0.5) ? ctx.person() : ctx.company();
    ctx.registry.equity(r, s, 'acquire', ctx.rng.int(20, 80), tieDay);
    ctx.registry.equity(x, s, 'acquire', ctx.rng.int(20, 80), tieDay);
  }
  return { a, b, x, r };
}

/** X objects in A after B's closing; the objection is decided in time. */
function objectInA(ctx: PlantContext, c: Collusion): void {
  const day = c.b.closedDay! + ctx.rng.int(1, 10);
  const objectionId = `O${c.a.filedDay}-${day}`;
  c.a.add('objection.filed', day, { objectionId, by: c.x });
  c.a.add('objection.decided', day + ctx.rng.int(2, 10), { objectionId, outcome: 'dismissed' });
}

/** B's last day to close within 30 days (民诉法 art. 85), as a number of days after its filing. */
const lastCloseOffset = (ctx: PlantContext, filedDay: number) =>
  ctx.day(periodEnd(ctx.date(filedDay), CLOSE_WITHIN_DAYS)) - filedDay;

export const COLLUSIVE_LITIGATION_EVASION_PLANT: Plant = {
  modelId: 'collusive_litigation_evasion',
  scenarios: [
    {
      name: 'shareholder_applicant_takes_money',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const c = collusion(ctx, 'x_holds_r', ctx.rng.int(12, 28));
        const receiptId = `R${c.b.filedDay}-q`;
        c.b.add('funds.received', c.b.filedDay + 8, { receiptId, amount: yuan(c.b.claimFen) });
        c.b.add('funds.disbursed', c.b.filedDay + 10, { receiptId, amount: yuan(c.b.claimFen), payee: c.x });
        ctx.expect(c.b.caseNo);
        // Money to the later case while A is unpaid: selective execution too, on B.
        ctx.expect(c.b.caseNo, 'selective_execution');
      },
    },
    {
      name: 'shared_shareholder_applicant_objects_in_a',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const c = collusion(ctx, 'shared_shareholder', ctx.rng.int(10, 28));
        objectInA(ctx, c);
        ctx.expect(c.b.caseNo);
      },
    },
    {
      name: 'closed_on_day_30_applicant_objects',
      expected: 'hit',
      build(ctx) {
        const c = collusion(ctx, 'x_holds_r', 30);
        c.b.close('fully_performed', c.b.filedDay + lastCloseOffset(ctx, c.b.filedDay));
        objectInA(ctx, c);
        ctx.expect(c.b.caseNo);
      },
    },
    {
      name: 'closed_on_day_31_applicant_objects',
      expected: 'near_miss',
      build(ctx) {
        const c = collusion(ctx, 'x_holds_r', 31);
        c.b.close('fully_performed', c.b.filedDay + lastCloseOffset(ctx, c.b.filedDay) + 1);
        objectInA(ctx, c);
      },
    },
    {
      name: 'unrelated_applicant_objects',
      expected: 'near_miss',
      build(ctx) {
        const c = collusion(ctx, 'none', ctx.rng.int(10, 28));
        objectInA(ctx, c);
      },
    },
    {
      name: 'related_applicant_takes_nothing',
      expected: 'near_miss',
      build(ctx) {
        collusion(ctx, ctx.rng.pick(['x_holds_r', 'shared_shareholder'] as const), ctx.rng.int(10, 28));
      },
    },
    {
      name: 'judgment_title_applicant_objects',
      expected: 'near_miss',
      build(ctx) {
        const c = collusion(ctx, 'x_holds_r', ctx.rng.int(10, 28), 'judgment');
        objectInA(ctx, c);
      },
    },
  ],
};
