import { periodEnd, addDays } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { zhongben } from '../_kit/zhongben.plants';

// zhongben_with_assets: a flat (ZHONGBEN_REALESTATE_PLANT, below), a vehicle, equity, a balance
// ≥ 10,000 yuan or taxed income at or after 终本, not restored within 30 days of the later of 终本
// and the fact.

const RESTORE_WITHIN_DAYS = 30;

const MIN_BALANCE_FEN = 10_000_00;

/** Day index of the last day of a period of `days` days from day `start` (民诉法 art. 85). */
const lastDayOf = (ctx: PlantContext, start: number, days: number): number =>
  ctx.day(periodEnd(ctx.date(start), days));

const restoreLastDay = (ctx: PlantContext, s: CaseScript, factDay: number) =>
  lastDayOf(ctx, Math.max(factDay, s.closedDay!), RESTORE_WITHIN_DAYS);

/** Day index of the last day of the month containing `day` (a tax period). */
const monthEnd = (ctx: PlantContext, day: number): number => {
  const date = ctx.date(day);
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return ctx.day(addDays(next, -1));
};

export const ZHONGBEN_WITH_ASSETS_PLANT: Plant = {
  modelId: 'zhongben_with_assets',
  scenarios: [
    {
      name: 'vehicle_registered_after_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = zhongben(ctx);
        ctx.registry.vehicle(
          s.respondents[0]!,
          s.closedDay! + ctx.rng.int(3, 90),
          ctx.rng.int(5, 40) * 1_000_000,
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_restored_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        const day = s.closedDay! + ctx.rng.int(3, 60);
        ctx.registry.vehicle(s.respondents[0]!, day);
        s.add('case.restored', restoreLastDay(ctx, s, day) + 1, {});
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'vehicle_restored_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        const day = s.closedDay! + ctx.rng.int(3, 60);
        ctx.registry.vehicle(s.respondents[0]!, day);
        s.add('case.restored', restoreLastDay(ctx, s, day), {});
      },
    },
    {
      name: 'vehicle_sold_before_zhongben',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        // Sold the day after filing: before the execution notice and before any control was due.
        const vin = ctx.registry.vehicle(s.respondents[0]!, Math.max(0, s.filedDay - ctx.rng.int(30, 400)));
        ctx.registry.transferVehicle(vin, ctx.person(), s.filedDay + 1);
      },
    },
    {
      name: 'equity_acquired_after_zhongben',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        ctx.registry.equity(
          ctx.company(),
          s.respondents[0]!,
          'acquire',
          ctx.rng.int(5, 60),
          s.closedDay! + ctx.rng.int(3, 90),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'balance_after_zhongben',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        const balance = ctx.rng.chance(0.3) ? MIN_BALANCE_FEN : ctx.rng.int(10_000, 500_000) * 100;
        ctx.registry.account(s.respondents[0]!, balance, s.closedDay! + ctx.rng.int(0, 90));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'balance_just_below_threshold',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        ctx.registry.account(s.respondents[0]!, MIN_BALANCE_FEN - 1, s.closedDay! + ctx.rng.int(0, 90));
      },
    },
    {
      name: 'income_after_zhongben',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        ctx.registry.tax(
          s.respondents[0]!,
          ctx.rng.int(3_000, 30_000) * 100,
          s.closedDay! + ctx.rng.int(3, 90),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'income_restored_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        const day = s.closedDay! + ctx.rng.int(3, 60);
        ctx.registry.tax(s.respondents[0]!, ctx.rng.int(3_000, 30_000) * 100, day);
        // counted from the end of the tax period
        s.add('case.restored', restoreLastDay(ctx, s, monthEnd(ctx, day)), {});
      },
    },
    {
      name: 'income_before_zhongben_month',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        // a tax month that ended before the 终本 date
        const closingMonthStart = s.closedDay! - Number(ctx.date(s.closedDay!).slice(8, 10)) + 1;
        ctx.registry.tax(
          s.respondents[0]!,
          ctx.rng.int(3_000, 30_000) * 100,
          closingMonthStart - ctx.rng.int(1, 25),
        );
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Real estate, the scenarios of the first generator: a flat registered to the respondent after 终本.

/** The last day to restore when the respondent's flat is registered on `day` after the 终本 of `s`. */
const deadlineDay = (ctx: PlantContext, start: number) =>
  ctx.day(periodEnd(ctx.date(start), RESTORE_WITHIN_DAYS));

/** A 终本 case whose respondent acquires a flat `gap` days after the closing; returns the registration day. */
function acquiredAfter(ctx: PlantContext, s: CaseScript, gap: number): number {
  const day = s.closedDay! + gap;
  ctx.registry.flat(s.respondents, day);
  return day;
}

/** 终本案件有财产可供执行, real-estate ground: the scenarios of the first generator, as plants. */
export const ZHONGBEN_REALESTATE_PLANT: Plant = {
  modelId: 'zhongben_with_assets',
  // Drawn after the plants of group E's models, where the first generator's plants were.
  catalogueOrder: 4,
  scenarios: [
    {
      name: 'flat_acquired_after_zhongben',
      expected: 'hit',
      weight: 3,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        acquiredAfter(ctx, s, ctx.rng.int(3, 90));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_restored_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        const r = acquiredAfter(ctx, s, ctx.rng.int(3, 60));
        s.add('case.restored', deadlineDay(ctx, r) + 1, {});
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_restored_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        const r = acquiredAfter(ctx, s, ctx.rng.int(3, 60));
        s.add('case.restored', deadlineDay(ctx, r), {});
      },
    },
    {
      name: 'flat_restored_on_day_29',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        const r = acquiredAfter(ctx, s, ctx.rng.int(3, 60));
        s.add('case.restored', r + 29, {});
      },
    },
    {
      name: 'flat_sold_before_zhongben',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        // Held before the filing and sold the day after it: before the execution notice (no
        // refusal-to-execute alert) and before any control was due (no uncontrolled asset).
        const unitNo = ctx.registry.flat(s.respondents, Math.max(0, s.filedDay - ctx.rng.int(30, 400)));
        ctx.registry.transferFlat(unitNo, [ctx.person()], s.filedDay + 1);
      },
    },
    {
      name: 'flat_after_full_performance',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        ctx.registry.flat(s.respondents, s.closedDay! + ctx.rng.int(1, 60));
      },
    },
    {
      name: 'namesake_with_other_id_owns_flat',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        const namesake = { ...ctx.person(), name: s.respondents[0]!.name };
        ctx.registry.flat([namesake], s.closedDay! + ctx.rng.int(3, 90));
      },
    },
    {
      name: 'deadline_after_history',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben', filedDay: ctx.lastDay - 150 });
        ctx.registry.flat(s.respondents, ctx.lastDay - ctx.rng.int(1, 20));
      },
    },
  ],
};
