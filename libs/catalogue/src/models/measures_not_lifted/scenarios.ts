import { addWorkingDays } from '@zhijian/domain';
import type { Plant } from '../_kit/plant';
import { lastDayOf, control, release, flatBeforeFiling } from '../_kit/controls.plants';

const LIST_LIFT_WORKING_DAYS = 3;

const RELEASE_WITHIN_DAYS = 30;

export const MEASURES_NOT_LIFTED: Plant = {
  modelId: 'measures_not_lifted',
  scenarios: [
    {
      name: 'dishonest_list_not_lifted',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'dishonest_list_lifted_on_4th_working_day',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
        s.add(
          'restriction.lifted',
          ctx.day(addWorkingDays(ctx.date(s.closedDay!), LIST_LIFT_WORKING_DAYS + 1)),
          {
            restriction: 'dishonest_list',
          },
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'seal_never_released',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        control(ctx, s, s.filedDay + ctx.rng.int(20, 30), { kind: 'realestate', id: unitNo }, s.claimFen);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'seal_released_on_day_31',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        const id = control(
          ctx,
          s,
          s.filedDay + ctx.rng.int(20, 30),
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        release(s, id, lastDayOf(ctx, s.closedDay!, RELEASE_WITHIN_DAYS) + 1);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'dishonest_list_lifted_on_3rd_working_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
        s.add('restriction.lifted', ctx.day(addWorkingDays(ctx.date(s.closedDay!), LIST_LIFT_WORKING_DAYS)), {
          restriction: 'dishonest_list',
        });
      },
    },
    {
      name: 'seal_released_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const unitNo = flatBeforeFiling(ctx, s);
        const id = control(
          ctx,
          s,
          s.filedDay + ctx.rng.int(20, 30),
          { kind: 'realestate', id: unitNo },
          s.claimFen,
        );
        release(s, id, lastDayOf(ctx, s.closedDay!, RELEASE_WITHIN_DAYS));
      },
    },
    {
      name: 'dishonest_list_kept_after_zhongben',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        s.add('notice.served', s.filedDay + ctx.rng.int(10, 40), { notice: 'dishonest_list' });
      },
    },
  ],
};
