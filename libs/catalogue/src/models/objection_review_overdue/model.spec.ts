import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { ObjectionReviewOverdueModel } from './model';

const model = new ObjectionReviewOverdueModel();

const objector = { kind: 'org' as const, name: '某案外人公司', uscc: '91350100M000100Y43' };
const filed = (id: string, on: string) =>
  ev('objection.filed', on, { objectionId: id, filedOn: on, by: objector }, '21');
const decided = (id: string, on: string) =>
  ev('objection.decided', on, { objectionId: id, decidedOn: on, outcome: 'dismissed' });

function facts(events: CaseEventFact[], c: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(c), events });
}

// Filed 2024-03-01: day 15 is 2024-03-16, a Saturday, so the last day is Monday 2024-03-18.
describe('objection_review_overdue', () => {
  it('does not fire for an objection decided on the (weekend-extended) last day', () => {
    expect(
      model.evaluate(facts([filed('O1', '2024-03-01'), decided('O1', '2024-03-18')]), cst('2024-06-01')),
    ).toEqual({
      leads: [],
      wakeAt: null,
    });
  });

  it('fires for an objection decided the day after the last day', () => {
    const f = facts([filed('O1', '2024-03-01'), decided('O1', '2024-03-19')]);
    const e = model.evaluate(f, cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toBe(
      '（2024）浙0803执100号中某案外人公司于2024-03-01提出执行异议（O1），法院应于2024-03-18前审查裁定，迟至2024-03-19才作出裁定。',
    );
    expect(lead.evidence.items.map((i) => [i.eventId, i.context ?? false])).toEqual([
      ['filed', true],
      [f.events[0]!.ref.eventId, false],
      [f.events[1]!.ref.eventId, true],
    ]);
  });

  it('fires once the last day has passed undecided, and asks to be woken then', () => {
    const f = facts([filed('O1', '2024-03-01')]);
    expect(model.evaluate(f, cst('2024-03-18T17:00:00+08:00'))).toEqual({
      leads: [],
      wakeAt: cst('2024-03-19'),
    });
    const e = model.evaluate(f, cst('2024-03-19'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('至今未作出裁定');
  });

  it('extends a last day in a holiday: filed 2024-09-16, day 15 is National Day → 2024-10-08', () => {
    const at = cst('2024-12-01');
    expect(
      model.evaluate(facts([filed('O1', '2024-09-16'), decided('O1', '2024-10-08')]), at).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts([filed('O1', '2024-09-16'), decided('O1', '2024-10-09')]), at).leads,
    ).toHaveLength(1);
  });

  it('matches decisions to objections by id', () => {
    const events = [filed('O1', '2024-03-01'), filed('O2', '2024-03-05'), decided('O2', '2024-03-06')];
    const e = model.evaluate(facts(events), cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.evidence.facts).toEqual({
      decideWithinDays: 15,
      objections: [{ objectionId: 'O1', filedOn: '2024-03-01', lastDay: '2024-03-18', decidedOn: null }],
    });
    const both = [...events, decided('O1', '2024-03-10')];
    expect(model.evaluate(facts(both), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('reports every overdue objection in one lead, the earliest first', () => {
    const e = model.evaluate(
      facts([filed('O2', '2024-04-01'), filed('O1', '2024-03-01')]),
      cst('2024-06-01'),
    );
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('（O1）');
    expect(e.leads[0]!.statement).toContain('另有1件异议审查超期');
  });

  it('wakes for the next objection while an earlier one is decided', () => {
    const events = [filed('O1', '2024-03-01'), decided('O1', '2024-03-05'), filed('O2', '2024-03-20')];
    // 2024-03-20 + 15 = 2024-04-04 (Qingming holiday) → 2024-04-07, a make-up working Sunday.
    expect(model.evaluate(facts(events), cst('2024-03-25'))).toEqual({
      leads: [],
      wakeAt: cst('2024-04-08'),
    });
  });

  it('gives the same answer whatever the order the events arrived in', () => {
    const events = [filed('O1', '2024-03-01'), decided('O1', '2024-03-25'), filed('O2', '2024-03-02')];
    const a = model.evaluate(facts(events), cst('2024-06-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2024-06-01'));
    expect(a.leads).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('needs the filing, and takes its period from the configuration', () => {
    const events = [filed('O1', '2024-03-01')];
    expect(
      model.evaluate(facts(events, { filedOn: null, filedEvent: null }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    // 10 days: 2024-03-11 (Mon).
    const short = new ObjectionReviewOverdueModel({ decideWithinDays: 10 });
    expect(
      short.evaluate(facts([...events, decided('O1', '2024-03-11')]), cst('2024-06-01')).leads,
    ).toHaveLength(0);
    expect(
      short.evaluate(facts([...events, decided('O1', '2024-03-12')]), cst('2024-06-01')).leads,
    ).toHaveLength(1);
  });
});
