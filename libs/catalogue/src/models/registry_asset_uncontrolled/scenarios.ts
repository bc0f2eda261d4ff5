import type { Plant } from '../_kit/plant';
import {
  lastDayOf,
  paidCaseWithExtendedPeriod,
  control,
  releaseAfterClosing,
  flatBeforeFiling,
  sealedFlat,
  accountBeforeFiling,
} from '../_kit/controls.plants';

const CONTROL_WITHIN_DAYS = 30;

/** 10,000 yuan: the smallest balance that calls for a freeze. */
const MIN_BALANCE_FEN = 1_000_000;

export const REGISTRY_ASSET_UNCONTROLLED: Plant = {
  modelId: 'registry_asset_uncontrolled',
  scenarios: [
    {
      name: 'flat_never_sealed',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        flatBeforeFiling(ctx, s);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_sealed_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen, lastDayOf(ctx, s.filedDay, CONTROL_WITHIN_DAYS) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_never_seized',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        ctx.registry.vehicle(s.respondents[0]!, Math.max(0, s.filedDay - ctx.rng.int(30, 700)), 8_000_000);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'stake_never_frozen',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        ctx.registry.equity(
          ctx.company(),
          s.respondents[0]!,
          'acquire',
          ctx.rng.int(10, 60),
          Math.max(0, s.filedDay - ctx.rng.int(30, 700)),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'balance_of_10000_yuan_never_frozen',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        accountBeforeFiling(ctx, s, MIN_BALANCE_FEN);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_registered_after_filing_sealed_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const registered = s.filedDay + ctx.rng.int(10, 15);
        const unitNo = ctx.registry.flat(s.respondents, registered);
        const id = control(
          ctx,
          s,
          lastDayOf(ctx, registered, CONTROL_WITHIN_DAYS) + 1,
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        releaseAfterClosing(s, id);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_sealed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = paidCaseWithExtendedPeriod(ctx);
        sealedFlat(ctx, s, s.claimFen, lastDayOf(ctx, s.filedDay, CONTROL_WITHIN_DAYS));
      },
    },
    {
      name: 'flat_registered_after_filing_sealed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const registered = s.filedDay + ctx.rng.int(10, 15);
        const unitNo = ctx.registry.flat(s.respondents, registered);
        const id = control(
          ctx,
          s,
          lastDayOf(ctx, registered, CONTROL_WITHIN_DAYS),
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        releaseAfterClosing(s, id);
      },
    },
    {
      name: 'balance_just_below_10000_yuan',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        accountBeforeFiling(ctx, s, MIN_BALANCE_FEN - 1);
      },
    },
    {
      name: 'flat_sold_before_it_was_due',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        // Sold the day after filing: before the execution notice (no refusal-to-execute alert).
        ctx.registry.transferFlat(flatBeforeFiling(ctx, s), [ctx.person()], s.filedDay + 1);
      },
    },
    {
      name: 'flat_registered_shortly_before_full_performance',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        // Due 30 days after the registration: the case is closed (day +60) before that.
        ctx.registry.flat(s.respondents, s.filedDay + ctx.rng.int(35, 55));
      },
    },
  ],
};
