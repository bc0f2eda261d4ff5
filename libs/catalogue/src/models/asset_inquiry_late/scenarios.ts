import type { Plant } from '../_kit/plant';
import {
  INQUIRY_WITHIN_DAYS,
  lastDayOf,
  extendedDay,
  paidCaseWithExtendedPeriod,
} from '../_kit/controls.plants';

const CLUE_VERIFY_WITHIN_DAYS = 7;

export const ASSET_INQUIRY_LATE: Plant = {
  modelId: 'asset_inquiry_late',
  scenarios: [
    {
      name: 'national_inquiry_on_day_31',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.find('inquiry.performed', { channel: 'network_national' })[0]!.day =
          lastDayOf(ctx, s.filedDay, INQUIRY_WITHIN_DAYS) + 1;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'only_local_inquiries',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const inquiry = s.find('inquiry.performed', { channel: 'network_national' })[0]!;
        inquiry.fields = { ...inquiry.fields, channel: 'network_local', scopes: ['deposit'] };
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'clue_never_verified',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.add('clue.received', s.filedDay + ctx.rng.int(5, 40), {
          clueId: `CL${s.filedDay}-1`,
          description: '申请执行人称被执行人在外地有经营收入',
        });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'clue_verified_on_day_8',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const received = s.filedDay + ctx.rng.int(5, 40);
        const clueId = `CL${s.filedDay}-1`;
        s.add('clue.received', received, { clueId, description: '申请执行人称被执行人有一辆轿车' });
        s.add('clue.verified', lastDayOf(ctx, received, CLUE_VERIFY_WITHIN_DAYS) + 1, {
          clueId,
          outcome: 'not_found',
        });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'national_inquiry_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.find('inquiry.performed', { channel: 'network_national' })[0]!.day = lastDayOf(
          ctx,
          s.filedDay,
          INQUIRY_WITHIN_DAYS,
        );
      },
    },
    {
      name: 'national_inquiry_on_holiday_extended_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = paidCaseWithExtendedPeriod(ctx);
        s.find('inquiry.performed', { channel: 'network_national' })[0]!.day = lastDayOf(
          ctx,
          s.filedDay,
          INQUIRY_WITHIN_DAYS,
        );
      },
    },
    {
      name: 'clue_verified_on_last_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const received = extendedDay(ctx, s.filedDay + 5, s.filedDay + 40, CLUE_VERIFY_WITHIN_DAYS);
        const clueId = `CL${s.filedDay}-1`;
        s.add('clue.received', received, { clueId, description: '申请执行人称被执行人有对外债权' });
        s.add('clue.verified', lastDayOf(ctx, received, CLUE_VERIFY_WITHIN_DAYS), {
          clueId,
          outcome: 'not_found',
        });
      },
    },
    {
      name: 'withdrawn_before_inquiry_due',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.remove('inquiry.performed', { channel: 'network_national' });
        s.remove('notice.served', { notice: 'applicant_interview' });
        s.close('withdrawn', s.filedDay + ctx.rng.int(10, 20), { recoveredFen: 0 });
      },
    },
  ],
};
