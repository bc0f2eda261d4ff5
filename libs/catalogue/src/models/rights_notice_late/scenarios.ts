import type { CaseScript, Plant } from '../_kit/plant';

// rights_notice_late: 终本 without notifying the applicant, or without an interview by the closing.

const interviewOf = (s: CaseScript) => s.find('notice.served', { notice: 'applicant_interview' })[0]!;

export const RIGHTS_NOTICE_LATE_PLANT: Plant = {
  modelId: 'rights_notice_late',
  scenarios: [
    {
      name: 'zhongben_applicant_not_notified',
      expected: 'hit',
      weight: 2,
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        delete s.find('case.closed')[0]!.fields['applicantNotifiedOn'];
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_applicant_notified_after_closing',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        s.find('case.closed')[0]!.fields['applicantNotifiedOn'] = ctx.date(s.closedDay! + ctx.rng.int(1, 10));
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_without_interview',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        s.remove('notice.served', { notice: 'applicant_interview' });
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_interview_day_after_closing',
      expected: 'hit',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        interviewOf(s).day = s.closedDay! + 1;
        ctx.expect(s.caseNo);
      },
    },
    {
      name: 'zhongben_interview_on_closing_day',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'zhongben' });
        interviewOf(s).day = s.closedDay!;
      },
    },
    {
      name: 'fully_performed_without_notice_or_interview',
      expected: 'near_miss',
      build(ctx) {
        const s = ctx.compliantCase({ ending: 'fully_performed' });
        s.remove('notice.served', { notice: 'applicant_interview' });
        delete s.find('case.closed')[0]!.fields['applicantNotifiedOn'];
      },
    },
  ],
};
