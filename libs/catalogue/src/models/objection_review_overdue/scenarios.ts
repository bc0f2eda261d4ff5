import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { lastDayOf, dayWithRestDayAfter } from '../_kit/procedure.plants';

// objection_review_overdue: an objection not decided within 15 days of its filing.
//
// 终本 cases (no money paid out, so no disposal during the objection); the respondent objects
// on day +30.

const DECIDE_WITHIN_DAYS = 15;

function objectionCase(ctx: PlantContext, options: { restDayLastDay?: boolean } = {}) {
  const filedDay = options.restDayLastDay
    ? dayWithRestDayAfter(
        ctx,
        ctx.rng.int(0, Math.max(0, Math.min(540, ctx.lastDay - 260))),
        30 + DECIDE_WITHIN_DAYS,
      )
    : undefined;
  const s = ctx.compliantCase({ ending: 'zhongben', ...(filedDay !== undefined ? { filedDay } : {}) });
  const filedOn = s.filedDay + 30;
  const objectionId = `YY${s.filedDay}-1`;
  s.add('objection.filed', filedOn, { objectionId, by: s.respondents[0]! });
  return { s, objectionId, lastDay: lastDayOf(ctx, filedOn, DECIDE_WITHIN_DAYS) };
}

const decide = (s: CaseScript, objectionId: string, day: number) =>
  s.add('objection.decided', day, { objectionId, outcome: 'dismissed' });

export const OBJECTION_REVIEW_OVERDUE_PLANT: Plant = {
  modelId: 'objection_review_overdue',
  scenarios: [
    {
      name: 'decided_day_after_last_day',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { s, objectionId, lastDay } = objectionCase(ctx);
        decide(s, objectionId, lastDay + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'never_decided',
      expected: 'hit',
      build(ctx) {
        const { s } = objectionCase(ctx);
        s.outOfOrder = ctx.rng.chance(0.5);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'decided_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, objectionId, lastDay } = objectionCase(ctx);
        decide(s, objectionId, lastDay);
      },
    },
    {
      name: 'decided_on_rest_day_extended_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, objectionId, lastDay } = objectionCase(ctx, { restDayLastDay: true });
        decide(s, objectionId, lastDay);
      },
    },
  ],
};
