import { loadHubConfig } from '@zhijian/config';
import { parseCaseNumber, Jurisdiction } from '@zhijian/domain';
import {
  classLocalOffice,
  followupLocalOffice,
  referralPolicyOf,
  routeLead,
  type LocalOffice,
  type RoutingInput,
} from './policy';
import { leadQueueOf } from '@zhijian/contracts';

const jurisdiction = new Jurisdiction();
const policy = referralPolicyOf(loadHubConfig({}).referral);
const triage = { ...policy, provinceTriage: true };

function localOf(caseNo: string): LocalOffice {
  const parsed = parseCaseNumber(caseNo);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const route = jurisdiction.routeCourt(parsed.value)!;
  return { unitCode: route.unitCode, reason: route.reason };
}

const input = (caseNo: string, overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  kind: 'individual',
  local: localOf(caseNo),
  claimFen: 50_000_00,
  laborApplicants: 0,
  dutyCrimeSuspected: false,
  ...overrides,
});

const YUAN = 100;

describe('routeLead: the routing matrix', () => {
  it.each([
    ['basic court → county office', '（2024）浙0803执1号', '330803', 'county', 'same_level'],
    ['intermediate court → city office', '（2024）浙08执1号', '330800', 'city', 'same_level'],
    ['high court → provincial office', '（2024）浙执1号', '330000', 'province', 'same_level'],
    ['maritime court → its city by the table', '（2024）浙72执1号', '330200', 'city', 'special_court'],
    [
      'internet court → its district by the table',
      '（2024）浙8602执1号',
      '330106',
      'county',
      'special_court',
    ],
  ])('%s', (_name, caseNo, unitCode, tier, reason) => {
    const r = routeLead(input(caseNo), policy);
    expect(r).toMatchObject({ unitCode, tier, reason, desk: null, localUnit: unitCode, majorGrounds: [] });
    expect(r.jobs).toEqual([{ queue: `intake-${unitCode}`, name: 'lead', unitCode }]);
    expect(r.assignments).toEqual([]);
    expect(leadQueueOf(r)).toBe(`intake-${unitCode}`);
  });

  it('sends a major lead by amount to the provincial task force, the county informed', () => {
    const r = routeLead(input('（2024）浙0803执1号', { claimFen: 10_000_000 * YUAN }), policy);
    expect(r).toMatchObject({
      unitCode: '330000',
      tier: 'province',
      desk: 'taskforce',
      reason: 'taskforce',
      localUnit: '330803',
      majorGrounds: ['amount'],
    });
    expect(r.jobs).toEqual([
      { queue: 'intake-330000-taskforce', name: 'lead', unitCode: '330000' },
      { queue: 'intake-330803', name: 'inform', unitCode: '330803' },
    ]);
    expect(r.assignments).toEqual([
      expect.objectContaining({ kind: 'inform', fromUnit: '330000', toUnit: '330803' }),
    ]);
    expect(r.assignments[0]!.reason).toContain('执行标的额10000000元以上');
    expect(leadQueueOf(r)).toBe('intake-330000-taskforce');
  });

  it('keeps a claim just under the amount at the court office', () => {
    const r = routeLead(input('（2024）浙0803执1号', { claimFen: 10_000_000 * YUAN - 1 }), policy);
    expect(r).toMatchObject({ unitCode: '330803', desk: null });
  });

  it('sends a lead with ten labour-pay applicants to the task force, nine to the county', () => {
    const ten = routeLead(input('（2024）浙0803执1号', { laborApplicants: 10 }), policy);
    expect(ten).toMatchObject({ desk: 'taskforce', majorGrounds: ['labor_applicants'], localUnit: '330803' });
    expect(ten.jobs.map((j) => j.queue)).toEqual(['intake-330000-taskforce', 'intake-330803']);
    const nine = routeLead(input('（2024）浙0803执1号', { laborApplicants: 9 }), policy);
    expect(nine).toMatchObject({ unitCode: '330803', desk: null });
  });

  it('sends a model flagged "duty crime suspected" to the task force', () => {
    const r = routeLead(input('（2024）浙08执1号', { dutyCrimeSuspected: true }), policy);
    expect(r).toMatchObject({ desk: 'taskforce', majorGrounds: ['duty_crime'], localUnit: '330800' });
    expect(r.jobs[1]).toEqual({ queue: 'intake-330800', name: 'inform', unitCode: '330800' });
  });

  it('informs nobody when the major lead is the high court’s: the province holds it already', () => {
    const r = routeLead(input('（2024）浙执1号', { claimFen: 20_000_000 * YUAN }), policy);
    expect(r).toMatchObject({ unitCode: '330000', desk: 'taskforce' });
    expect(r.jobs).toEqual([{ queue: 'intake-330000-taskforce', name: 'lead', unitCode: '330000' }]);
    expect(r.assignments).toEqual([]);
  });

  it('puts every other new lead at the provincial triage desk in triage mode, keeping the proposal', () => {
    for (const [caseNo, local] of [
      ['（2024）浙0803执1号', '330803'],
      ['（2024）浙08执1号', '330800'],
      ['（2024）浙执1号', '330000'],
    ] as const) {
      const r = routeLead(input(caseNo), triage);
      expect(r).toMatchObject({ unitCode: '330000', desk: 'triage', reason: 'triage', localUnit: local });
      expect(r.jobs).toEqual([{ queue: 'intake-330000-triage', name: 'lead', unitCode: '330000' }]);
    }
    const major = routeLead(input('（2024）浙0803执1号', { laborApplicants: 12 }), triage);
    expect(major).toMatchObject({ desk: 'taskforce' });
  });

  it('follows the configured thresholds', () => {
    const p = referralPolicyOf(
      loadHubConfig({ MAJOR_AMOUNT_YUAN: '1000000', MAJOR_LABOR_APPLICANTS: '3' }).referral,
    );
    expect(routeLead(input('（2024）浙0803执1号', { claimFen: 1_000_000 * YUAN }), p).desk).toBe('taskforce');
    expect(routeLead(input('（2024）浙0803执1号', { laborApplicants: 3 }), p).desk).toBe('taskforce');
  });

  it('never makes a follow-up major, and sends it one level up', () => {
    const local = followupLocalOffice('330803');
    expect(local).toEqual({ unitCode: '330800', reason: 'followup_parent' });
    const r = routeLead(
      { ...input('（2024）浙0803执1号', { claimFen: 99_000_000 * YUAN }), kind: 'followup', local },
      policy,
    );
    expect(r).toMatchObject({ unitCode: '330800', tier: 'city', desk: null, reason: 'followup_parent' });
    expect(followupLocalOffice('330800').unitCode).toBe('330000');
    expect(followupLocalOffice('330000').unitCode).toBe('330000');
  });
});

describe('classLocalOffice', () => {
  it('keeps a class at the court’s office while its debtors live in the court’s county', () => {
    expect(classLocalOffice('330803', ['330803', '330803'], true)).toEqual({
      unitCode: '330803',
      reason: 'class_court',
    });
  });

  it('sends a class spanning several counties of the city to the city', () => {
    expect(classLocalOffice('330803', ['330803', '330802', '330881'], true)).toEqual({
      unitCode: '330800',
      reason: 'class_city',
    });
    const r = routeLead(
      {
        kind: 'class',
        local: classLocalOffice('330803', ['330802'], true),
        claimFen: 3_000_000 * YUAN,
        laborApplicants: 4,
        dutyCrimeSuspected: false,
      },
      policy,
    );
    expect(r).toMatchObject({ unitCode: '330800', tier: 'city', reason: 'class_city', desk: null });
  });

  it('ignores debtors outside the court’s city, and the debtor rule when it is off', () => {
    expect(classLocalOffice('330803', ['330106', '330203'], true).unitCode).toBe('330803');
    expect(classLocalOffice('330803', ['330802'], false).unitCode).toBe('330803');
  });

  it('keeps an intermediate or high court’s class at its own office', () => {
    expect(classLocalOffice('330800', ['330802', '330803'], true)).toEqual({
      unitCode: '330800',
      reason: 'class_court',
    });
    expect(classLocalOffice('330000', ['330802'], true).unitCode).toBe('330000');
  });

  it('makes a class major on its cases together', () => {
    const r = routeLead(
      {
        kind: 'class',
        local: classLocalOffice('330803', [], true),
        claimFen: 12_000_000 * YUAN,
        laborApplicants: 0,
        dutyCrimeSuspected: false,
      },
      policy,
    );
    expect(r).toMatchObject({ desk: 'taskforce', localUnit: '330803' });
  });
});
