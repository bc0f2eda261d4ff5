import { addMonths } from '@zhijian/domain';
import {
  type CaseScript,
  type Plant,
  type PlantContext,
  ALL_SCOPES,
  PERIODIC_CHECK_DAYS,
} from '../_kit/plant';
import { zhongben, periodicChecks } from '../_kit/zhongben.plants';

// zhongben_precondition_missing: closed 终本 within 3 months of filing, or before the notices
// and a network_national inquiry of deposits, real estate, vehicles and securities.

/** The model's default threshold. */
const MIN_MONTHS = 3;

/** Closes `s` 终本 on `day` (replacing the compliant ending) and keeps up the periodic checks. */
function closeZhongben(ctx: PlantContext, s: CaseScript, day: number): void {
  s.close('terminated_this_round', day);
  periodicChecks(ctx, s, day, day + PERIODIC_CHECK_DAYS);
}

/** The first day a 终本 closing is lawful: three calendar months after filing (no holiday rule). */
const earliestClosing = (ctx: PlantContext, s: CaseScript) =>
  ctx.day(addMonths(ctx.date(s.filedDay), MIN_MONTHS));

export const ZHONGBEN_PRECONDITION_MISSING_PLANT: Plant = {
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
