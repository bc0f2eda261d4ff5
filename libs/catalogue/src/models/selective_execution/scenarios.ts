import type { CaseScript, Plant, PlantContext } from '../_kit/plant';

// selective_execution

/** Two plain (loan, judgment) cases against one respondent: the earlier's ending, the later's filing gap. */
function twoCases(
  ctx: PlantContext,
  earlierEnding: 'fully_performed' | 'zhongben' | 'open',
  gap: number,
  laterEnding: 'fully_performed' | 'zhongben' = 'fully_performed',
): { earlier: CaseScript; later: CaseScript } {
  const respondent = ctx.rng.chance(0.7) ? ctx.person() : ctx.company();
  const plain = { category: 'loan' as const, origin: 'judgment' as const, respondents: [respondent] };
  const earlier = ctx.compliantCase({ ...plain, ending: earlierEnding });
  const later = ctx.compliantCase({ ...plain, ending: laterEnding, filedDay: earlier.filedDay + gap });
  return { earlier, later };
}

export const SELECTIVE_EXECUTION: Plant = {
  modelId: 'selective_execution',
  scenarios: [
    {
      // The earlier case closed 终本 (day +100); the later one (filed +120) is paid on its day +55.
      name: 'later_case_paid_while_earlier_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { later } = twoCases(ctx, 'zhongben', 120);
        ctx.expect(later.caseNo);
      },
    },
    {
      // The earlier case is still open and unpaid when the later one (filed +10) is paid (+65).
      name: 'later_case_paid_while_earlier_open',
      expected: 'hit',
      build(ctx) {
        const { later } = twoCases(ctx, 'open', 10);
        ctx.expect(later.caseNo);
      },
    },
    {
      // Paid out in filing order: the earlier case paid (+55) and closed (+60) before the later one's payout (+85).
      name: 'payouts_in_filing_order',
      expected: 'near_miss',
      build(ctx) {
        twoCases(ctx, 'fully_performed', 30);
      },
    },
    {
      // The earlier case paid in full on its day +55, closed only on +60; the later one paid on the earlier's +57.
      name: 'earlier_paid_in_full_before_later_payout',
      expected: 'near_miss',
      build(ctx) {
        twoCases(ctx, 'fully_performed', 2);
      },
    },
    {
      // The earlier case is paid (+55) while the later one (filed +10) is still open, later closed 终本.
      name: 'earlier_case_paid_while_later_open',
      expected: 'near_miss',
      build(ctx) {
        twoCases(ctx, 'fully_performed', 10, 'zhongben');
      },
    },
  ],
};
