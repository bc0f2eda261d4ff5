import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { ServiceOverdueModel } from './model';

const model = new ServiceOverdueModel();

const served = (notice: 'execution_notice' | 'property_report_order', on: string) =>
  ev('notice.served', on, { notice, servedOn: on });
const both = (on: string) => [served('execution_notice', on), served('property_report_order', on)];

function facts(events: CaseEventFact[], c: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(c), events });
}

// Filed 2024-01-10 (Wed): day 10 is 2024-01-20, a Saturday, so the last day is Monday 2024-01-22.
describe('service_overdue', () => {
  it('does not fire when both notices are served on the (weekend-extended) last day', () => {
    expect(model.evaluate(facts(both('2024-01-22')), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('fires when a notice is served the day after the last day', () => {
    const f = facts([
      served('execution_notice', '2024-01-12'),
      served('property_report_order', '2024-01-23'),
    ]);
    const e = model.evaluate(f, cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.caseNo).toBe('（2024）浙0803执100号');
    expect(lead.statement).toContain('报告财产令迟至2024-01-23才送达');
    expect(lead.statement).not.toContain('执行通知书');
    expect(lead.statement).toContain('2024-01-22');
    expect(lead.evidence.facts).toMatchObject({ lastDay: '2024-01-22', serveWithinDays: 10 });
    // The filing is the ground; the late serving is shown for context.
    expect(lead.evidence.items.map((i) => [i.eventId, i.context ?? false])).toEqual([
      ['filed', false],
      [f.events[1]!.ref.eventId, true],
    ]);
  });

  it('fires once the last day has passed with nothing served, and asks to be woken then', () => {
    const early = model.evaluate(facts([]), cst('2024-01-22'));
    expect(early.leads).toHaveLength(0);
    expect(early.wakeAt).toEqual(cst('2024-01-23'));
    const due = model.evaluate(facts([]), cst('2024-01-23'));
    expect(due.leads).toHaveLength(1);
    expect(due.leads[0]!.statement).toContain('执行通知书未送达，报告财产令未送达');
    expect(due.wakeAt).toBeNull();
  });

  it('wakes at the day after the last day while one notice is still outstanding', () => {
    const e = model.evaluate(
      facts([served('execution_notice', '2024-01-11')]),
      cst('2024-01-15T10:00:00+08:00'),
    );
    expect(e).toEqual({ leads: [], wakeAt: cst('2024-01-23') });
  });

  it('extends a last day on a holiday: filed 2024-09-21, day 10 in the National Day holiday → 2024-10-08', () => {
    const filed = { filedOn: '2024-09-21' };
    expect(model.evaluate(facts(both('2024-10-08'), filed), cst('2024-12-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts(both('2024-10-09'), filed), cst('2024-12-01')).leads).toHaveLength(1);
    expect(model.evaluate(facts([], filed), cst('2024-10-08T23:59:59+08:00')).leads).toHaveLength(0);
    expect(model.evaluate(facts([], filed), cst('2024-10-09')).leads).toHaveLength(1);
  });

  it('does not fire for a case closed by the last day, fires for one closed after it', () => {
    const closed = (on: string) => ({ closedOn: on, closeMethod: 'withdrawn' });
    expect(model.evaluate(facts([], closed('2024-01-22')), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts([], closed('2024-01-23')), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('counts only the two notices of the row', () => {
    const other = [
      ev('notice.served', '2024-01-11', { notice: 'consumption_restriction', servedOn: '2024-01-11' }),
      ev('notice.served', '2024-01-11', { notice: 'applicant_interview', servedOn: '2024-01-11' }),
    ];
    expect(model.evaluate(facts(other), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('gives the same answer whatever the order the events arrived in', () => {
    const events = [served('property_report_order', '2024-01-25'), served('execution_notice', '2024-01-15')];
    const a = model.evaluate(facts(events), cst('2024-06-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2024-06-01'));
    expect(a.leads).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('needs the filing, and takes its period from the configuration', () => {
    expect(model.evaluate(facts([], { filedOn: null, filedEvent: null }), cst('2025-01-01'))).toEqual({
      leads: [],
      wakeAt: null,
    });
    // 5 days: 2024-01-15 (Mon).
    const short = new ServiceOverdueModel({ serveWithinDays: 5 });
    expect(short.evaluate(facts(both('2024-01-15')), cst('2024-06-01')).leads).toHaveLength(0);
    expect(short.evaluate(facts(both('2024-01-16')), cst('2024-06-01')).leads).toHaveLength(1);
  });
});
