import { periodEndMonths } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../_kit/plant';

// execution_overdue: open after 6 months (3 for administrative origin) with no extension.

const LIMIT_MONTHS = 6;

const ADMINISTRATIVE_LIMIT_MONTHS = 3;

/** A filing day that leaves `room` days of history after it. */
const filedDayWithRoom = (ctx: PlantContext, room: number): number =>
  ctx.rng.int(0, Math.max(0, ctx.lastDay - room));

const executionLastDay = (ctx: PlantContext, s: CaseScript) =>
  ctx.day(
    periodEndMonths(
      ctx.date(s.filedDay),
      s.origin === 'administrative' ? ADMINISTRATIVE_LIMIT_MONTHS : LIMIT_MONTHS,
    ),
  );

/** Moves the closing of a fully performed case (with its payment and payout) to `day`. */
function closeFullyPerformedOn(s: CaseScript, day: number): void {
  const shift = day - s.closedDay!;
  for (const type of ['funds.received', 'funds.disbursed', 'case.closed']) {
    for (const e of s.find(type)) e.day += shift;
  }
}

export const EXECUTION_OVERDUE_PLANT: Plant = {
  modelId: 'execution_overdue',
  scenarios: [
    {
      name: 'open_past_six_months',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        // An open case, its local inquiries every 60 days, filed 7–10 months before the history ends.
        const s = ctx.compliantCase({ ending: 'open', filedDay: ctx.lastDay - ctx.rng.int(215, 300) });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'closed_day_after_last_day',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'administrative_closed_day_after_three_months',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', origin: 'administrative' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'extension_ran_out',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedDayWithRoom(ctx, 260) });
        const last = executionLastDay(ctx, s);
        s.add('extension.approved', last - ctx.rng.int(1, 20), { newDeadline: ctx.date(last + 30) });
        closeFullyPerformedOn(s, last + 31 + ctx.rng.int(0, 10));
        s.outOfOrder = true;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'closed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s));
      },
    },
    {
      name: 'administrative_closed_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', origin: 'administrative' });
        closeFullyPerformedOn(s, executionLastDay(ctx, s));
      },
    },
    {
      name: 'extension_approved',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay: filedDayWithRoom(ctx, 300) });
        const last = executionLastDay(ctx, s);
        const extendedTo = last + ctx.rng.int(30, 90);
        s.add('extension.approved', last - ctx.rng.int(0, 20), { newDeadline: ctx.date(extendedTo) });
        closeFullyPerformedOn(s, extendedTo - ctx.rng.int(0, 20));
      },
    },
  ],
};
