import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { ExecutionOverdueModel } from './model';

const model = new ExecutionOverdueModel();

const extension = (approvedOn: string, newDeadline: string) =>
  ev('extension.approved', approvedOn, { approvedOn, newDeadline });

function facts(events: CaseEventFact[] = [], c: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(c), events });
}
const closed = (on: string) => ({
  closedOn: on,
  closeMethod: 'fully_performed',
  closedEvent: { source: 'court:浙0803', eventId: 'c1' },
});

// Filed 2024-01-10: six months end on 2024-07-10 (Wed).
describe('execution_overdue', () => {
  it('fires the day after the last day of six months for a case still open', () => {
    const before = model.evaluate(facts(), cst('2024-07-10T18:00:00+08:00'));
    expect(before).toEqual({ leads: [], wakeAt: cst('2024-07-11') });
    const e = model.evaluate(facts(), cst('2024-07-11'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toBe(
      '（2024）浙0803执100号于2024-01-10立案，执行期限6个月（至2024-07-10），未经批准延长，至2024-07-10仍未结案。',
    );
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['filed']);
    expect(lead.evidence.facts).toMatchObject({ limitMonths: 6, lastDay: '2024-07-10', closedOn: null });
    expect(e.wakeAt).toBeNull();
  });

  it('does not fire for a case closed on the last day; fires for one closed the day after', () => {
    expect(model.evaluate(facts([], closed('2024-07-10')), cst('2025-01-01')).leads).toHaveLength(0);
    const late = model.evaluate(facts([], closed('2024-07-11')), cst('2025-01-01'));
    expect(late.leads).toHaveLength(1);
    expect(late.leads[0]!.statement).toContain('迟至2024-07-11才结案');
    expect(late.leads[0]!.evidence.items.find((i) => i.eventId === 'c1')).toMatchObject({ context: true });
  });

  it('gives cases of administrative origin three months', () => {
    const admin = { origin: 'administrative' };
    expect(model.evaluate(facts([], admin), cst('2024-04-10')).leads).toHaveLength(0);
    expect(model.evaluate(facts([], admin), cst('2024-04-11')).leads).toHaveLength(1);
    expect(
      model.evaluate(facts([], { ...admin, ...closed('2024-04-10') }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts([], { ...admin, ...closed('2024-04-11') }), cst('2025-01-01')).leads,
    ).toHaveLength(1);
  });

  it('extends a last day on a holiday: filed 2024-04-01, six months end on 2024-10-01 → 2024-10-08', () => {
    const c = { filedOn: '2024-04-01' };
    expect(
      model.evaluate(facts([], { ...c, ...closed('2024-10-08') }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(model.evaluate(facts([], c), cst('2024-10-08')).wakeAt).toEqual(cst('2024-10-09'));
    expect(model.evaluate(facts([], c), cst('2024-10-09')).leads).toHaveLength(1);
  });

  it('an extension approved within the period moves the last day to its new deadline', () => {
    const ext = [extension('2024-07-01', '2024-12-31')];
    expect(model.evaluate(facts(ext), cst('2024-12-31')).leads).toHaveLength(0);
    expect(model.evaluate(facts(ext), cst('2024-08-01')).wakeAt).toEqual(cst('2025-01-01'));
    expect(model.evaluate(facts(ext, closed('2024-12-31')), cst('2025-06-01')).leads).toHaveLength(0);
    const e = model.evaluate(facts(ext), cst('2025-01-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('经批准延长至2024-12-31，至2024-12-31仍未结案');
    // An extension approved on the last day itself counts.
    expect(
      model.evaluate(facts([extension('2024-07-10', '2024-12-31')], closed('2024-11-01')), cst('2025-06-01'))
        .leads,
    ).toHaveLength(0);
  });

  it('the latest approval decides, and extensions chain while each is in force', () => {
    const chain = [extension('2024-07-01', '2024-10-10'), extension('2024-10-09', '2025-01-10')];
    expect(model.evaluate(facts(chain, closed('2024-12-01')), cst('2025-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts(chain), cst('2025-01-11')).leads).toHaveLength(1);
  });

  it('an extension approved after the last day has passed cures nothing', () => {
    const late = [extension('2024-07-15', '2024-12-31')];
    const e = model.evaluate(facts(late, closed('2024-09-01')), cst('2025-06-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.evidence.items.find((i) => i.eventId === late[0]!.ref.eventId)).toMatchObject({
      context: true,
    });
  });

  it('gives the same answer whatever the order the events arrived in', () => {
    const chain = [extension('2024-07-01', '2024-10-10'), extension('2024-10-09', '2025-01-10')];
    const a = model.evaluate(facts(chain), cst('2025-02-01'));
    const b = model.evaluate(facts([...chain].reverse()), cst('2025-02-01'));
    expect(a.leads).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('needs the filing, and takes its periods from the configuration', () => {
    expect(model.evaluate(facts([], { filedOn: null, filedEvent: null }), cst('2026-01-01'))).toEqual({
      leads: [],
      wakeAt: null,
    });
    const short = new ExecutionOverdueModel({ limitMonths: 4, administrativeLimitMonths: 2 });
    // 2024-01-10 + 4 months = 2024-05-10 (Fri).
    expect(short.evaluate(facts(), cst('2024-05-10')).leads).toHaveLength(0);
    expect(short.evaluate(facts(), cst('2024-05-11')).leads).toHaveLength(1);
  });
});
