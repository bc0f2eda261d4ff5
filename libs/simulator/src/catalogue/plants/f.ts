import { periodEnd, formatFen } from '@zhijian/domain';
import type { CaseEnding, CaseOptions, CaseScript, Plant, PlantContext } from '../plant';

type WireParty = CaseScript['applicants'][number];

/** The thresholds of group F's rows (the models' defaults). */
const MIN_TRANSFER_FEN = 100_000_00;
const CLOSE_WITHIN_DAYS = 30;

/** Money in wire form (yuan string), as `yuan` of the envelopes. */
const yuan = (fen: number): string => formatFen(fen);

const ENDINGS: CaseEnding[] = ['fully_performed', 'zhongben'];

/** The day the execution notice of a compliant case is served. */
const noticeDay = (s: CaseScript): number => s.find('notice.served', { notice: 'execution_notice' })[0]!.day;

/** A day from the day after the notice until before control of a registry asset was due (filing + 30). */
const afterNotice = (ctx: PlantContext, s: CaseScript): number => noticeDay(s) + ctx.rng.int(1, 20);

/** A day before the filing on which the respondent came to hold something (never before day 0). */
const heldBefore = (ctx: PlantContext, s: CaseScript): number =>
  Math.max(0, s.filedDay - ctx.rng.int(30, 400));

// ---------------------------------------------------------------------------------------------
// refusal_to_execute_alert: after the execution notice, the respondent transfers real estate, a
// vehicle or equity, or moves ≥ 100,000 yuan out by one bank transfer. The assets are sold
// before control of them was due, so that no "registry asset uncontrolled" lead goes with it.

const REFUSAL_TO_EXECUTE_ALERT_PLANT: Plant = {
  modelId: 'refusal_to_execute_alert',
  scenarios: [
    {
      name: 'flat_transferred_after_notice',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: ctx.rng.pick(ENDINGS) });
        const unitNo = ctx.registry.flat(s.respondents, heldBefore(ctx, s));
        ctx.registry.transferFlat(unitNo, [ctx.person()], afterNotice(ctx, s));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_transferred_day_before_notice',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: ctx.rng.pick(ENDINGS) });
        const unitNo = ctx.registry.flat(s.respondents, heldBefore(ctx, s));
        ctx.registry.transferFlat(unitNo, [ctx.person()], noticeDay(s) - 1);
      },
    },
    {
      name: 'vehicle_transferred_after_notice',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: ctx.rng.pick(ENDINGS) });
        const vin = ctx.registry.vehicle(
          s.respondents[0]!,
          heldBefore(ctx, s),
          ctx.rng.int(5, 40) * 1_000_000,
        );
        ctx.registry.transferVehicle(vin, ctx.person(), afterNotice(ctx, s));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'equity_transferred_after_notice',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: ctx.rng.pick(ENDINGS) });
        const company = ctx.company();
        const pct = ctx.rng.int(10, 60);
        // the whole stake goes: the same share and subscribed capital
        const capital = { subscribedCapital: yuan(ctx.rng.int(10, 1000) * 1_000_000) };
        ctx.registry.equity(company, s.respondents[0]!, 'acquire', pct, heldBefore(ctx, s), capital);
        ctx.registry.equity(company, s.respondents[0]!, 'transfer', pct, afterNotice(ctx, s), capital);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'bank_transfer_of_100000_yuan',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        const amount = ctx.rng.chance(0.4) ? MIN_TRANSFER_FEN : ctx.rng.int(100_001, 2_000_000) * 100;
        ctx.registry.transfer(s.respondents[0]!, ctx.person(), amount, noticeDay(s) + ctx.rng.int(1, 150));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'bank_transfer_of_99999_99_yuan',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        ctx.registry.transfer(
          s.respondents[0]!,
          ctx.person(),
          MIN_TRANSFER_FEN - 1,
          noticeDay(s) + ctx.rng.int(1, 150),
        );
      },
    },
    {
      name: 'bank_transfer_day_before_notice',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        ctx.registry.transfer(
          s.respondents[0]!,
          ctx.person(),
          ctx.rng.int(100_000, 2_000_000) * 100,
          noticeDay(s) - 1,
        );
      },
    },
    {
      name: 'bank_transfer_after_full_performance',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        ctx.registry.transfer(
          s.respondents[0]!,
          ctx.person(),
          ctx.rng.int(100_000, 2_000_000) * 100,
          s.closedDay! + ctx.rng.int(1, 60),
        );
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// collusive_litigation_evasion: case A against R; later case B against R on a mediation,
// arbitration or notarial title, closed within 30 days, whose applicant X is related to R; X
// then takes money in B, or objects in A. The lead is on B.

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

const COLLUSIVE_LITIGATION_EVASION_PLANT: Plant = {
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

/** Plants of catalogue group F: hits and near misses per model. */
export const PLANTS_F: Plant[] = [REFUSAL_TO_EXECUTE_ALERT_PLANT, COLLUSIVE_LITIGATION_EVASION_PLANT];
