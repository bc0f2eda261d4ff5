import { ConfigError, loadHubConfig } from './hub-config';
import { REFERRAL_DEFAULTS } from './referral-config';

describe('referral settings', () => {
  it('defaults to the catalogue figures', () => {
    expect(loadHubConfig({}).referral).toEqual(REFERRAL_DEFAULTS);
    expect(REFERRAL_DEFAULTS).toMatchObject({
      majorAmountYuan: 10_000_000,
      majorLaborApplicants: 10,
      provinceTriage: false,
      classLeadMinCases: 5,
      classLeadPeriodDays: 365,
      escalateAfterDays: 7,
      escalationClock: 'wall',
      followupActWithinDays: 30,
    });
  });

  it('reads every key', () => {
    const r = loadHubConfig({
      MAJOR_AMOUNT_YUAN: '5000000',
      MAJOR_LABOR_APPLICANTS: '20',
      PROVINCE_TRIAGE: 'true',
      CLASS_LEAD_MIN_CASES: '3',
      CLASS_LEAD_PERIOD_DAYS: '180',
      CLASS_LEAD_BY_DEBTOR: 'false',
      ESCALATE_AFTER_DAYS: '3',
      ESCALATION_CLOCK: 'fixed',
      ESCALATION_POLL_MS: '500',
      FOLLOWUP_ACT_WITHIN_DAYS: '15',
      LEAD_SETTLE_MINUTES: '4320',
    }).referral;
    expect(r).toEqual({
      majorAmountYuan: 5_000_000,
      majorLaborApplicants: 20,
      provinceTriage: true,
      classLeadMinCases: 3,
      classLeadPeriodDays: 180,
      classLeadByDebtor: false,
      escalateAfterDays: 3,
      escalationClock: 'fixed',
      escalationPollMs: 500,
      followupActWithinDays: 15,
      leadSettleMinutes: 4320,
    });
  });

  it('names every bad key with the others', () => {
    let error: unknown;
    try {
      loadHubConfig({
        PROVINCE_TRIAGE: 'maybe',
        CLASS_LEAD_MIN_CASES: '1',
        ESCALATION_CLOCK: 'sundial',
        HTTP_PORT: 'x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PROVINCE_TRIAGE', 'CLASS_LEAD_MIN_CASES', 'ESCALATION_CLOCK', 'HTTP_PORT']) {
      expect(problems).toContain(key);
    }
  });
});
