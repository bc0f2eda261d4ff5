import { periodEnd } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { yuan, type Sealed, sealFlat, release } from '../_kit/disposal.plants';

const VALUE_WITHIN_DAYS = 30;

/** The last day to value a flat sealed on `day`. */
const valuationDeadline = (ctx: PlantContext, day: number) =>
  ctx.day(periodEnd(ctx.date(day), VALUE_WITHIN_DAYS));

/** A day of the compliant course's seal window [+5, +10] whose valuation deadline is not day +30 (a rest day or holiday). */
function extendedSealDay(ctx: PlantContext, s: CaseScript): number {
  for (let day = s.filedDay + 5; day <= s.filedDay + 10; day++) {
    if (valuationDeadline(ctx, day) > day + VALUE_WITHIN_DAYS) return day;
  }
  return s.filedDay + 5;
}

/** The compliant fully-performed course (funds +50, paid +55, closed +60) with a flat sealed on `controlDay`. */
function sealedInPaidCase(
  ctx: PlantContext,
  controlDay?: (s: CaseScript) => number,
  registeredDay?: (s: CaseScript) => number,
): Sealed {
  const s = ctx.compliantCase({ ending: 'fully_performed' });
  const d = sealFlat(
    ctx,
    s,
    controlDay ? controlDay(s) : s.filedDay + ctx.rng.int(5, 10),
    registeredDay?.(s),
  );
  release(d, s.closedDay! + 3);
  return d;
}

export const DISPOSAL_NOT_STARTED: Plant = {
  modelId: 'disposal_not_started',
  scenarios: [
    {
      name: 'sealed_flat_never_valued',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const d = sealedInPaidCase(ctx);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'sealed_flat_never_valued_open_case',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'open' });
        sealFlat(ctx, s, s.filedDay + ctx.rng.int(5, 10));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'valued_on_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const d = sealedInPaidCase(ctx);
        d.s.add('asset.valued', valuationDeadline(ctx, d.controlDay) + 1, {
          assetRef: d.asset,
          valuation: yuan(d.valuationFen),
        });
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'valued_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const d = sealedInPaidCase(ctx);
        d.s.add('asset.valued', valuationDeadline(ctx, d.controlDay), {
          assetRef: d.asset,
          valuation: yuan(d.valuationFen),
        });
      },
    },
    {
      name: 'valued_on_extended_last_day_after_rest_day',
      expected: 'near_miss',
      build(ctx) {
        const d = sealedInPaidCase(ctx, (s) => extendedSealDay(ctx, s));
        d.s.add('asset.valued', valuationDeadline(ctx, d.controlDay), {
          assetRef: d.asset,
          valuation: yuan(d.valuationFen),
        });
      },
    },
    {
      name: 'closed_fully_performed_before_last_day',
      expected: 'near_miss',
      build(ctx) {
        // Acquired on day +15, sealed on day +40: the case is paid (+50) and closed (+60) before
        // the last day (≥ +70).
        sealedInPaidCase(
          ctx,
          (s) => s.filedDay + 40,
          (s) => s.filedDay + 15,
        );
      },
    },
    {
      name: 'paid_in_full_before_last_day',
      expected: 'near_miss',
      build(ctx) {
        const d = sealedInPaidCase(ctx, (s) => s.filedDay + 8);
        const paid = valuationDeadline(ctx, d.controlDay) - ctx.rng.int(0, 10);
        d.s.find('funds.received')[0]!.day = paid;
        d.s.find('funds.disbursed')[0]!.day = paid + 5;
      },
    },
    {
      name: 'seal_released_before_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const d = sealFlat(ctx, s, s.filedDay + ctx.rng.int(5, 10));
        release(d, valuationDeadline(ctx, d.controlDay) - ctx.rng.int(0, 5));
      },
    },
  ],
};
