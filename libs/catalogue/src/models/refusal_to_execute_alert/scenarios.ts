import type { CaseEnding, CaseScript, Plant, PlantContext } from '../_kit/plant';
import { yuan } from '../_kit/evasion.plants';

/** The model's default threshold. */
const MIN_TRANSFER_FEN = 100_000_00;

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

export const REFUSAL_TO_EXECUTE_ALERT_PLANT: Plant = {
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
