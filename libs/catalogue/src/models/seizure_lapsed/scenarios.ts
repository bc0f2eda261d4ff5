import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { control, release, accountBeforeFiling } from '../_kit/controls.plants';

/** A bank freeze of the first respondent's account (a small balance: no asset model cares) on `day`, running `termDays`. */
function smallFreeze(
  ctx: PlantContext,
  s: CaseScript,
  day: number,
  termDays: number,
): { id: string; expiresDay: number } {
  const balance = ctx.rng.int(1_000, 9_000) * 100;
  const accountNo = accountBeforeFiling(ctx, s, balance);
  const expiresDay = day + termDays;
  // At most the claim: no over-seizure.
  const value = Math.min(balance, s.claimFen);
  const id = control(ctx, s, day, { kind: 'bank_account', id: accountNo }, value, { expiresDay });
  return { id, expiresDay };
}

/** A 终本 case whose one-year freeze (from day +10) ends within the history, and a renewal for another year would not. */
function zhongbenWithFreeze(ctx: PlantContext): { s: CaseScript; id: string; expiresDay: number } {
  const hi = Math.max(0, ctx.lastDay - 390);
  const lo = Math.max(0, Math.min(hi, ctx.lastDay - 700));
  const s = ctx.compliantCase({ ending: 'zhongben', filedDay: ctx.rng.int(lo, hi) });
  return { s, ...smallFreeze(ctx, s, s.filedDay + 10, 364) };
}

export const SEIZURE_LAPSED: Plant = {
  modelId: 'seizure_lapsed',
  scenarios: [
    {
      name: 'freeze_lapsed_after_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { s } = zhongbenWithFreeze(ctx);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'freeze_renewed_the_day_after_expiry',
      expected: 'hit',
      build(ctx) {
        const { s, id, expiresDay } = zhongbenWithFreeze(ctx);
        s.add('asset.renewed', expiresDay + 1, { controlId: id, expiresOn: ctx.date(expiresDay + 365) });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'short_freeze_lapsed_in_open_case',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'open' });
        smallFreeze(ctx, s, s.filedDay + ctx.rng.int(5, 15), ctx.rng.int(30, 50));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'freeze_renewed_on_the_last_day',
      expected: 'near_miss',
      weight: 2,
      build(ctx) {
        const { s, id, expiresDay } = zhongbenWithFreeze(ctx);
        s.add('asset.renewed', expiresDay, { controlId: id, expiresOn: ctx.date(expiresDay + 365) });
      },
    },
    {
      name: 'freeze_released_on_the_last_day',
      expected: 'near_miss',
      build(ctx) {
        const { s, id, expiresDay } = zhongbenWithFreeze(ctx);
        release(s, id, expiresDay);
      },
    },
    {
      name: 'freeze_ends_after_full_performance',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        // Runs out ten days after the closing on day +60: the case no longer needs it.
        smallFreeze(ctx, s, s.filedDay + 20, 50);
      },
    },
  ],
};
