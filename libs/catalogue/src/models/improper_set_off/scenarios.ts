import type { Plant } from '../_kit/plant';
import { disposalCase, auction, offsetAndClosed, pct } from '../_kit/disposal.plants';

export const IMPROPER_SET_OFF: Plant = {
  modelId: 'improper_set_off',
  scenarios: [
    {
      name: 'offset_below_last_start_price',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const start = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, start, 'unsold');
        // 1% to 20% below the start price, at least 1 yuan.
        const below = Math.max(100, Math.floor((start * ctx.rng.int(1, 20)) / 10_000) * 100);
        offsetAndClosed(d, d.s.filedDay + 35 + ctx.rng.int(1, 10), start - below);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'offset_without_auction',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        offsetAndClosed(d, d.s.filedDay + 35, d.valuationFen);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'offset_at_last_start_price',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        const start = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, start, 'unsold');
        offsetAndClosed(d, d.s.filedDay + 35 + ctx.rng.int(1, 10), start);
      },
    },
    {
      name: 'offset_at_round2_start_price',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'unsold');
        auction(d, 2, d.s.filedDay + 60, pct(d, 56), 'unsold');
        offsetAndClosed(d, d.s.filedDay + 60 + ctx.rng.int(1, 10), pct(d, 56));
      },
    },
  ],
};
