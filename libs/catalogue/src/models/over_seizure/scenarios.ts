import type { Plant } from '../_kit/plant';
import {
  control,
  release,
  releaseAfterClosing,
  sealedFlat,
  accountBeforeFiling,
} from '../_kit/controls.plants';

export const OVER_SEIZURE: Plant = {
  modelId: 'over_seizure',
  scenarios: [
    {
      name: 'flat_and_account_at_1_6_times_claim',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen, s.filedDay + 20);
        const balance = Math.round(s.claimFen * 0.6);
        const accountNo = accountBeforeFiling(ctx, s, balance);
        releaseAfterClosing(
          s,
          control(ctx, s, s.filedDay + ctx.rng.int(21, 30), { kind: 'bank_account', id: accountNo }, balance),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'one_account_frozen_at_1_6_times_claim',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const balance = Math.round(s.claimFen * 1.6);
        const accountNo = accountBeforeFiling(ctx, s, balance);
        releaseAfterClosing(
          s,
          control(ctx, s, s.filedDay + ctx.rng.int(5, 30), { kind: 'bank_account', id: accountNo }, balance),
        );
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'flat_and_account_at_exactly_1_5_times_claim',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen, s.filedDay + 20);
        const balance = s.claimFen / 2; // claims are whole yuan: exact in fen
        const accountNo = accountBeforeFiling(ctx, s, balance);
        releaseAfterClosing(
          s,
          control(ctx, s, s.filedDay + ctx.rng.int(21, 30), { kind: 'bank_account', id: accountNo }, balance),
        );
      },
    },
    {
      name: 'one_indivisible_flat_at_3_times_claim',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        sealedFlat(ctx, s, s.claimFen * 3);
      },
    },
    {
      name: 'account_released_before_flat_sealed',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        const accountNo = accountBeforeFiling(ctx, s, s.claimFen);
        const id = control(ctx, s, s.filedDay + 10, { kind: 'bank_account', id: accountNo }, s.claimFen);
        release(s, id, s.filedDay + 20);
        sealedFlat(ctx, s, s.claimFen, s.filedDay + 25);
      },
    },
  ],
};
