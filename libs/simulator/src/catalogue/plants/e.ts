import { addMonths, periodEnd, periodEndMonths, addDays } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../plant';
import { ALL_SCOPES, PERIODIC_CHECK_DAYS } from '../script';

/** The thresholds of group E's rows (the models' defaults). */
const MIN_MONTHS = 3;
const RESTORE_WITHIN_DAYS = 30;
const MIN_BALANCE_FEN = 10_000_00;
const GAP_MONTHS = 6;
const CHECK_YEARS = 5;

/** Day index of the last day of a period of `days` days from day `start` (民诉法 art. 85). */
const lastDayOf = (ctx: PlantContext, start: number, days: number): number =>
  ctx.day(periodEnd(ctx.date(start), days));
const lastDayOfMonths = (ctx: PlantContext, start: number, months: number): number =>
  ctx.day(periodEndMonths(ctx.date(start), months));

/** A 终本 case with room after it for a deadline (closing on day +100 of the compliant course). */
const zhongben = (ctx: PlantContext, room = 0): CaseScript =>
  ctx.compliantCase(
    room
      ? { ending: 'zhongben', filedDay: ctx.rng.int(0, Math.max(0, ctx.lastDay - 100 - room)) }
      : { ending: 'zhongben' },
  );

/** `network_national` inquiries every PERIODIC_CHECK_DAYS from `from`, within the history and the check years. */
function periodicChecks(
  ctx: PlantContext,
  s: CaseScript,
  closedDay: number,
  from: number,
  channel = 'network_national',
) {
  for (let d = from; d <= ctx.lastDay && d <= closedDay + CHECK_YEARS * 365 - 5; d += PERIODIC_CHECK_DAYS) {
    s.add('inquiry.performed', d, { channel, scopes: ALL_SCOPES, found: false });
  }
}

/** Closes `s` 终本 on `day` (replacing the compliant ending) and keeps up the periodic checks. */
function closeZhongben(ctx: PlantContext, s: CaseScript, day: number): void {
  s.close('terminated_this_round', day);
  periodicChecks(ctx, s, day, day + PERIODIC_CHECK_DAYS);
}

/** Drops the checks after the 终本 closing of a compliant 终本 case. */
function dropChecksAfterClosing(s: CaseScript): number {
  const closed = s.closedDay!;
  s.events = s.events.filter((e) => !(e.type === 'inquiry.performed' && e.day > closed));
  return closed;
}

// ---------------------------------------------------------------------------------------------
// zhongben_precondition_missing: closed 终本 within 3 months of filing, or before the notices
// and a network_national inquiry of deposits, real estate, vehicles and securities.

/** The first day a 终本 closing is lawful: three calendar months after filing (no holiday rule). */
const earliestClosing = (ctx: PlantContext, s: CaseScript) =>
  ctx.day(addMonths(ctx.date(s.filedDay), MIN_MONTHS));

const ZHONGBEN_PRECONDITION_MISSING_PLANT: Plant = {
  modelId: 'zhongben_precondition_missing',
  scenarios: [
    {
      name: 'closed_before_three_months',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = zhongben(ctx);
        closeZhongben(ctx, s, earliestClosing(ctx, s) - ctx.rng.int(1, 30));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'closed_day_before_three_months',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        closeZhongben(ctx, s, earliestClosing(ctx, s) - 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'closed_on_three_month_day',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        closeZhongben(ctx, s, earliestClosing(ctx, s));
      },
    },
    {
      name: 'no_consumption_restriction',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        s.remove('notice.served', { notice: 'consumption_restriction' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'consumption_restriction_after_closing',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        s.find('notice.served', { notice: 'consumption_restriction' })[0]!.day =
          s.closedDay! + ctx.rng.int(1, 10);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'consumption_restriction_on_closing_day',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        s.find('notice.served', { notice: 'consumption_restriction' })[0]!.day = s.closedDay!;
      },
    },
    {
      name: 'national_inquiry_without_securities',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx);
        const q = s
          .find('inquiry.performed', { channel: 'network_national' })
          .find((e) => e.day < s.closedDay!)!;
        q.fields['scopes'] = ALL_SCOPES.filter((x) => x !== 'securities');
        // a local inquiry of securities does not make up for it
        s.add('inquiry.performed', s.filedDay + 10, {
          channel: 'network_local',
          scopes: ['securities'],
          found: false,
        });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'national_scopes_over_two_inquiries',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx);
        const q = s
          .find('inquiry.performed', { channel: 'network_national' })
          .find((e) => e.day < s.closedDay!)!;
        q.fields['scopes'] = ['deposit', 'realestate'];
        s.add('inquiry.performed', s.filedDay + 10, {
          channel: 'network_national',
          scopes: ['vehicle', 'securities', 'equity'],
          found: false,
        });
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// zhongben_with_assets, the grounds other than real estate (see zhongben-realestate.ts): a
// vehicle, equity, a balance ≥ 10,000 yuan or taxed income at or after 终本, not restored
// within 30 days of the later of 终本 and the fact.

const restoreLastDay = (ctx: PlantContext, s: CaseScript, factDay: number) =>
  lastDayOf(ctx, Math.max(factDay, s.closedDay!), RESTORE_WITHIN_DAYS);

/** Day index of the last day of the month containing `day` (a tax period). */
const monthEnd = (ctx: PlantContext, day: number): number => {
  const date = ctx.date(day);
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return ctx.day(addDays(next, -1));
};

const ZHONGBEN_WITH_ASSETS_PLANT: Plant = {
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
// zhongben_no_periodic_check: after 终本, more than 6 months without a network_national inquiry.

/** The last day of the first 6-month period after the closing. */
const firstGapLastDay = (ctx: PlantContext, closed: number) => lastDayOfMonths(ctx, closed, GAP_MONTHS);

const ZHONGBEN_NO_PERIODIC_CHECK_PLANT: Plant = {
  modelId: 'zhongben_no_periodic_check',
  scenarios: [
    {
      name: 'no_check_after_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = zhongben(ctx, 260);
        dropChecksAfterClosing(s);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'first_check_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx, 260);
        const closed = dropChecksAfterClosing(s);
        periodicChecks(ctx, s, closed, firstGapLastDay(ctx, closed) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'first_check_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx, 260);
        const closed = dropChecksAfterClosing(s);
        periodicChecks(ctx, s, closed, firstGapLastDay(ctx, closed));
      },
    },
    {
      name: 'second_gap_too_long',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx, 460);
        const closed = dropChecksAfterClosing(s);
        const first = closed + ctx.rng.int(30, 150);
        s.add('inquiry.performed', first, { channel: 'network_national', scopes: ALL_SCOPES, found: false });
        periodicChecks(ctx, s, closed, lastDayOfMonths(ctx, first, GAP_MONTHS) + ctx.rng.int(1, 20));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'only_local_checks',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx, 260);
        const closed = dropChecksAfterClosing(s);
        periodicChecks(ctx, s, closed, closed + PERIODIC_CHECK_DAYS, 'network_local');
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'restored_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = zhongben(ctx, 260);
        const closed = dropChecksAfterClosing(s);
        s.add('case.restored', firstGapLastDay(ctx, closed), {});
      },
    },
    {
      name: 'restored_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const s = zhongben(ctx, 260);
        const closed = dropChecksAfterClosing(s);
        s.add('case.restored', firstGapLastDay(ctx, closed) + 1, {});
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'gap_ends_after_history',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({
          ending: 'zhongben',
          filedDay: ctx.lastDay - 100 - ctx.rng.int(20, 60),
        });
        dropChecksAfterClosing(s);
      },
    },
  ],
};

/** Plants of catalogue group E: hits and near misses per model. */
export const PLANTS_E: Plant[] = [
  ZHONGBEN_PRECONDITION_MISSING_PLANT,
  ZHONGBEN_WITH_ASSETS_PLANT,
  ZHONGBEN_NO_PERIODIC_CHECK_PLANT,
];
