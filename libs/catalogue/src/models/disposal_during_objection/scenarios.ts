import type { CaseScript, Plant, PlantContext } from '../_kit/plant';
import { disposalCase, auction, paidAndClosed, offsetAndClosed, pct } from '../_kit/disposal.plants';

type Party = CaseScript['respondents'][number];

/** An objection by an outsider filed on `filedDay`, decided (dismissed) on `decidedDay` (within 15 days). */
function objection(
  ctx: PlantContext,
  s: CaseScript,
  filedDay: number,
  decidedDay: number,
  by: Party = ctx.person(),
) {
  const objectionId = `YY${s.filedDay}-${ctx.rng.int(100, 999)}`;
  s.add('objection.filed', filedDay, { objectionId, by });
  s.add('objection.decided', decidedDay, { objectionId, outcome: 'dismissed' });
}

export const DISPOSAL_DURING_OBJECTION: Plant = {
  modelId: 'disposal_during_objection',
  scenarios: [
    {
      name: 'sold_while_objection_pending',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const sale = d.s.filedDay + 35;
        objection(ctx, d.s, sale - ctx.rng.int(1, 5), sale + ctx.rng.int(1, 8));
        auction(d, 1, sale, pct(d, 70), 'sold');
        paidAndClosed(d, sale);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'sold_day_after_decision',
      expected: 'near_miss',
      build(ctx) {
        const d = disposalCase(ctx);
        const sale = d.s.filedDay + 35;
        objection(ctx, d.s, sale - ctx.rng.int(2, 12), sale - 1);
        auction(d, 1, sale, pct(d, 70), 'sold');
        paidAndClosed(d, sale);
      },
    },
    {
      name: 'offset_while_objection_pending',
      expected: 'hit',
      build(ctx) {
        const d = disposalCase(ctx);
        const start = pct(d, 70);
        auction(d, 1, d.s.filedDay + 35, start, 'unsold');
        objection(ctx, d.s, d.s.filedDay + 37, d.s.filedDay + 45);
        offsetAndClosed(d, d.s.filedDay + 40, start);
        ctx.expect(d.s.caseNo);
      },
    },
    {
      name: 'paid_out_while_objection_pending',
      expected: 'hit',
      build(ctx) {
        // Compliant course: funds received +50, paid out +55, closed +60.
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        objection(ctx, s, s.filedDay + ctx.rng.int(51, 54), s.filedDay + 58);
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'objection_filed_day_after_payout',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        objection(ctx, s, s.filedDay + 56, s.filedDay + 59);
      },
    },
  ],
};
