import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { lastDayOf, dayWithRestDayAfter } from '../_kit/procedure.plants';

/** The model's default threshold. */
const SERVE_WITHIN_DAYS = 10;

/** A filing day for a fully performed case drawn as the province draws it. */
const fullyPerformedFiledDay = (ctx: PlantContext): number =>
  ctx.rng.int(0, Math.max(0, Math.min(540, ctx.lastDay - 200)));

const notices = (s: CaseScript) => ({
  executionNotice: s.find('notice.served', { notice: 'execution_notice' })[0]!,
  reportOrder: s.find('notice.served', { notice: 'property_report_order' })[0]!,
});

// ---------------------------------------------------------------------------------------------
// service_overdue: execution notice / property-report order served after day 10 of the filing.

const serviceLastDay = (ctx: PlantContext, s: CaseScript) => lastDayOf(ctx, s.filedDay, SERVE_WITHIN_DAYS);

export const SERVICE_OVERDUE_PLANT: Plant = {
  modelId: 'service_overdue',
  scenarios: [
    {
      name: 'execution_notice_day_after_last_day',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const late = serviceLastDay(ctx, s) + ctx.rng.int(1, 8);
        const n = notices(s);
        n.executionNotice.day = late;
        n.reportOrder.day = late;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'report_order_never_served',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: ctx.rng.chance(0.5) ? 'fully_performed' : 'open' });
        s.remove('notice.served', { notice: 'property_report_order' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'report_order_day_after_last_day_out_of_order',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        notices(s).reportOrder.day = serviceLastDay(ctx, s) + 1;
        s.outOfOrder = true;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'served_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const n = notices(s);
        n.executionNotice.day = serviceLastDay(ctx, s);
        n.reportOrder.day = serviceLastDay(ctx, s);
      },
    },
    {
      name: 'served_on_rest_day_extended_last_day',
      expected: 'near_miss',
      build(ctx) {
        // Day 10 falls on a weekend or holiday: the last day is the next working day (day 11 or later).
        const filedDay = dayWithRestDayAfter(ctx, fullyPerformedFiledDay(ctx), SERVE_WITHIN_DAYS);
        const s = ctx.compliantCase({ ending: 'fully_performed', filedDay });
        const n = notices(s);
        n.executionNotice.day = serviceLastDay(ctx, s);
        n.reportOrder.day = serviceLastDay(ctx, s);
      },
    },
    {
      name: 'withdrawn_before_service_was_due',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.remove('notice.served', { notice: 'execution_notice' });
        s.remove('notice.served', { notice: 'property_report_order' });
        s.close('withdrawn', s.filedDay + ctx.rng.int(5, SERVE_WITHIN_DAYS));
      },
    },
  ],
};
