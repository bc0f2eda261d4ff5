import { periodEndMonths } from '@zhijian/domain';
import {
  type CaseScript,
  type Plant,
  type PlantContext,
  ALL_SCOPES,
  PERIODIC_CHECK_DAYS,
} from '../_kit/plant';
import { zhongben, periodicChecks } from '../_kit/zhongben.plants';

// zhongben_no_periodic_check: after 终本, more than 6 months without a network_national inquiry.

const GAP_MONTHS = 6;

const lastDayOfMonths = (ctx: PlantContext, start: number, months: number): number =>
  ctx.day(periodEndMonths(ctx.date(start), months));

/** Drops the checks after the 终本 closing of a compliant 终本 case. */
function dropChecksAfterClosing(s: CaseScript): number {
  const closed = s.closedDay!;
  s.events = s.events.filter((e) => !(e.type === 'inquiry.performed' && e.day > closed));
  return closed;
}

/** The last day of the first 6-month period after the closing. */
const firstGapLastDay = (ctx: PlantContext, closed: number) => lastDayOfMonths(ctx, closed, GAP_MONTHS);

export const ZHONGBEN_NO_PERIODIC_CHECK_PLANT: Plant = {
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
