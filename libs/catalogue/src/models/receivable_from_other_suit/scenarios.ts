import type { CaseScript, Plant, PlantContext } from '../_kit/plant';

// receivable_from_other_suit

/**
 * This case (respondent R, the given ending) and another, plain case filed `gap` days later in
 * which R is the (first) applicant and is paid in full on its day +55.
 */
function receivableCases(
  ctx: PlantContext,
  ending: 'fully_performed' | 'zhongben' | 'open',
  gap: number,
  options: { otherPayeeFirst?: boolean } = {},
): { own: CaseScript; other: CaseScript } {
  const respondent = ctx.person();
  const own = ctx.compliantCase({
    ending,
    category: 'loan',
    origin: 'judgment',
    respondents: [respondent],
  });
  const applicants = options.otherPayeeFirst ? [ctx.person(), respondent] : [respondent];
  const other = ctx.compliantCase({
    ending: 'fully_performed',
    category: 'contract',
    origin: 'judgment',
    applicants,
    filedDay: own.filedDay + gap,
  });
  return { own, other };
}

export const RECEIVABLE_FROM_OTHER_SUIT: Plant = {
  modelId: 'receivable_from_other_suit',
  scenarios: [
    {
      // 终本 on day +100; the respondent is paid in the other case on day +175.
      name: 'respondent_paid_elsewhere_after_zhongben',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const { own } = receivableCases(ctx, 'zhongben', 120);
        ctx.expect(own.caseNo);
      },
    },
    {
      // Open case; the respondent is paid in the other case on day +60.
      name: 'respondent_paid_elsewhere_while_open',
      expected: 'hit',
      build(ctx) {
        const { own } = receivableCases(ctx, 'open', 5);
        ctx.expect(own.caseNo);
      },
    },
    {
      // Fully performed (closed +60) before the respondent is paid elsewhere (+125).
      name: 'case_performed_before_payout_elsewhere',
      expected: 'near_miss',
      build(ctx) {
        receivableCases(ctx, 'fully_performed', 70);
      },
    },
    {
      // The respondent is a co-applicant of the other case, whose money goes to the first applicant.
      name: 'other_case_pays_another_applicant',
      expected: 'near_miss',
      build(ctx) {
        receivableCases(ctx, 'zhongben', 120, { otherPayeeFirst: true });
      },
    },
  ],
};
