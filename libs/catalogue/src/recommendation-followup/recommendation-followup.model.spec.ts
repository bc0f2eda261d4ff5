import type { CourtActivity, SuggestionRecord } from '@zhijian/domain';
import { RecommendationFollowupModel, recommendedAct } from './recommendation-followup.model';

const model = new RecommendationFollowupModel({ actWithinDays: 30 });
const cst = (date: string, time = '00:00:00') => new Date(`${date}T${time}+08:00`);
const caseNo = '（2024）浙0803执100号';

const lead = (overrides: Partial<SuggestionRecord> = {}): SuggestionRecord => ({
  leadId: '7d1c0000-0000-4000-8000-000000000001',
  modelId: 'zhongben_with_assets',
  kind: 'individual',
  caseNo,
  unitCode: '330803',
  status: 'suggestion_issued',
  title: `终本案件有财产可供执行：${caseNo}`,
  suggestionNo: '衢江检民建〔2024〕1号',
  servedOn: '2024-03-05',
  extended: false,
  courtReply: null,
  repliedOn: null,
  parties: [{ role: 'respondent', kind: 'person', name: '张三', idNo: '11010519491231002X' }],
  claimFen: 100_000_00,
  livelihood: false,
  laborApplicants: 0,
  ...overrides,
});
const evaluate = (l: SuggestionRecord, asOf: Date, activity: CourtActivity[] = []) =>
  model.evaluate({ lead: l, activity }, asOf);
const restored = (on: string): CourtActivity => ({ caseNo, kind: 'restored', on });

describe('recommendation_followup: no reply', () => {
  // Served 2024-03-05 + 3 months = 2024-06-05 (Wed): the last day to reply.
  it('fires once business time passes three months after service', () => {
    const before = evaluate(lead(), cst('2024-06-05', '23:59:59'));
    expect(before).toEqual({ draft: null, wakeAt: cst('2024-06-06') });
    const after = evaluate(lead(), cst('2024-06-06'));
    expect(after.draft).toMatchObject({
      dedupKey: `followup:${lead().leadId}`,
      caseNo,
      grounds: ['no_reply'],
    });
    expect(after.draft!.statement).toContain('至2024-06-05仍未书面回复');
    expect(after.draft!.evidence.items).toEqual([
      expect.objectContaining({
        kind: 'record',
        source: `lead:${lead().leadId}`,
        eventId: 'suggestion:2024-03-05',
      }),
    ]);
    expect(after.wakeAt).toBeNull();
  });

  it('gives four months with an extension', () => {
    const extended = lead({ extended: true }); // 2024-07-05 (Fri)
    expect(evaluate(extended, cst('2024-06-06'))).toEqual({ draft: null, wakeAt: cst('2024-07-06') });
    expect(evaluate(extended, cst('2024-07-06')).draft?.grounds).toEqual(['no_reply']);
  });

  it('moves a deadline on a holiday to the next working day', () => {
    // 2024-06-01 + 4 months = 2024-10-01 (National Day) -> 2024-10-08
    const l = lead({ servedOn: '2024-06-01', extended: true });
    expect(evaluate(l, cst('2024-10-08', '12:00:00'))).toEqual({ draft: null, wakeAt: cst('2024-10-09') });
    expect(evaluate(l, cst('2024-10-09')).draft).not.toBeNull();
  });

  it('does not fire for a reply in time, and counts a reply after the deadline as late', () => {
    expect(
      evaluate(lead({ courtReply: 'not_adopted', repliedOn: '2024-06-05' }), cst('2024-09-01')).draft,
    ).toBeNull();
    const late = evaluate(
      lead({ courtReply: 'not_adopted', repliedOn: '2024-06-20' }),
      cst('2024-09-01'),
    ).draft!;
    expect(late.grounds).toEqual(['no_reply']);
    expect(late.statement).toContain('至2024-06-20方回复');
    expect(late.evidence.items[1]).toMatchObject({ eventId: 'reply:2024-06-20:not_adopted', context: true });
  });

  it('does nothing before a suggestion is served', () => {
    expect(evaluate(lead({ servedOn: null }), cst('2025-01-01'))).toEqual({ draft: null, wakeAt: null });
  });
});

describe('recommendation_followup: adopted but not rectified', () => {
  // Replied 2024-05-10 + 30 days = 2024-06-09 (Sun), 06-10 Dragon Boat Festival -> 2024-06-11.
  const adopted = lead({ courtReply: 'adopted', repliedOn: '2024-05-10' });

  it('waits for the recommended act until the deadline, then fires', () => {
    expect(evaluate(adopted, cst('2024-06-11', '18:00:00'))).toEqual({
      draft: null,
      wakeAt: cst('2024-06-12'),
    });
    const d = evaluate(adopted, cst('2024-06-12')).draft!;
    expect(d.grounds).toEqual(['not_rectified']);
    expect(d.statement).toContain('法院于2024-05-10回复采纳，但至2024-06-11案件仍无恢复执行');
    expect(d.evidence.items.map((i) => [i.eventId, i.context ?? false])).toEqual([
      ['suggestion:2024-03-05', false],
      ['reply:2024-05-10:adopted', false],
    ]);
  });

  it('is satisfied by the case’s restoration up to the deadline (zhongben_with_assets)', () => {
    expect(evaluate(adopted, cst('2024-07-01'), [restored('2024-06-11')]).draft).toBeNull();
    expect(evaluate(adopted, cst('2024-07-01'), [restored('2024-04-01')]).draft).toBeNull();
    expect(evaluate(adopted, cst('2024-07-01'), [restored('2024-06-12')]).draft?.grounds).toEqual([
      'not_rectified',
    ]);
    // Another court act is not the restoration the reply promised.
    expect(
      evaluate(adopted, cst('2024-07-01'), [{ caseNo, kind: 'controlled', on: '2024-05-20' }]).draft,
    ).not.toBeNull();
  });

  it('takes any court act after the reply for other models', () => {
    const other = { ...adopted, modelId: 'petition_application' };
    const control: CourtActivity = { caseNo, kind: 'controlled', on: '2024-05-20' };
    expect(evaluate(other, cst('2024-07-01'), [control]).draft).toBeNull();
    expect(evaluate(other, cst('2024-07-01'), [{ ...control, on: '2024-05-10' }]).draft).not.toBeNull();
    expect(recommendedAct('petition_application', [control], '2024-05-10', '2024-06-11')).toBe(control);
  });

  it('reports both grounds for a late "adopted" with nothing done', () => {
    const lateAdopted = lead({ courtReply: 'adopted', repliedOn: '2024-06-20' });
    expect(evaluate(lateAdopted, cst('2024-08-01')).draft?.grounds).toEqual(['no_reply', 'not_rectified']);
  });

  it('checks no act for a class lead (no case): only the reply deadline applies', () => {
    const cls = { ...adopted, caseNo: null, kind: 'class' };
    expect(evaluate(cls, cst('2024-09-01'))).toEqual({ draft: null, wakeAt: null });
  });
});
