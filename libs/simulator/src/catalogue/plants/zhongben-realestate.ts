import { periodEnd } from '@zhijian/domain';
import type { CaseScript, Plant, PlantContext } from '../plant';

const RESTORE_WITHIN_DAYS = 30;

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
