import type { Plant } from '../_kit/plant';
import { disposalCase, auction, paidAndClosed, pct } from '../_kit/disposal.plants';

export const AUCTION_PRICE_VIOLATION: Plant = {
  modelId: 'auction_price_violation',
  scenarios: [
    {
      name: 'round1_start_at_69pct',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 69), 'sold');
        paidAndClosed(d, d.s.filedDay + 35);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'round1_start_at_70pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'sold');
        paidAndClosed(d, d.s.filedDay + 35);
      },
    },
    {
      name: 'round1_start_at_71pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 71), 'sold');
        paidAndClosed(d, d.s.filedDay + 35);
      },
    },
    {
      name: 'round2_cut_21pct',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const r1 = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, r1, 'unsold');
        auction(d, 2, d.s.filedDay + 60, (r1 / 100) * 79, 'sold');
        paidAndClosed(d, d.s.filedDay + 60);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'round2_cut_20pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        const r1 = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, r1, 'unsold');
        auction(d, 2, d.s.filedDay + 60, (r1 / 100) * 80, 'sold');
        paidAndClosed(d, d.s.filedDay + 60);
      },
    },
    {
      name: 'sale_at_49pct',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'unsold');
        auction(d, 2, d.s.filedDay + 60, pct(d, 56), 'unsold');
        auction(d, 3, d.s.filedDay + 80, pct(d, 49), 'sold');
        paidAndClosed(d, d.s.filedDay + 80);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'sale_at_50pct',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        auction(d, 1, d.s.filedDay + 35, pct(d, 70), 'unsold');
        auction(d, 2, d.s.filedDay + 60, pct(d, 56), 'unsold');
        auction(d, 3, d.s.filedDay + 80, pct(d, 50), 'sold');
        paidAndClosed(d, d.s.filedDay + 80);
      },
    },
  ],
};
