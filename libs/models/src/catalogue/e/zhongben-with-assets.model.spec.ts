import type { CaseFacts } from '../kit';
import { caseFacts } from '../fixtures';
import { ZhongbenWithAssetsModel } from './zhongben-with-assets.model';

const model = new ZhongbenWithAssetsModel();
const cst = (date: string) => new Date(`${date}T00:00:00+08:00`);

function facts(
  overrides: Partial<CaseFacts> = {},
  caseOverrides: Partial<CaseFacts['case']> = {},
): CaseFacts {
  return caseFacts({
    case: {
      caseNo: '（2024）浙0803执100号',
      courtCode: '浙0803',
      courtLevel: 'basic',
      filedOn: '2024-01-10',
      claimFen: 100_000_00,
      origin: 'judgment',
      category: 'loan',
      closedOn: '2024-03-04',
      closeMethod: 'terminated_this_round',
      filedEvent: { source: 'court:浙0803', eventId: 'f1' },
      closedEvent: { source: 'court:浙0803', eventId: 'c1' },
      ...caseOverrides,
    },
    applicants: [],
    respondents: [
      {
        caseNo: '（2024）浙0803执100号',
        role: 'respondent',
        subjectId: '7',
        kind: 'person',
        name: '张三',
        idNo: '11010519491231002X',
        uscc: null,
      },
    ],
    holdings: [
      {
        unitNo: 'U1',
        subjectId: '7',
        share: 1,
        heldFrom: '2024-03-10',
        heldTo: null,
        fromEvent: { source: 'agency:realestate:330803', eventId: 'r1' },
        toEvent: null,
      },
    ],
    restorations: [],
    ...overrides,
  });
}

describe('zhongben_with_assets', () => {
  // holding from 2024-03-10 (Sun) + 30 days = 2024-04-09 (Tue): the last day to restore.
  it('fires once business time passes the restore deadline', () => {
    expect(model.evaluate(facts(), cst('2024-04-09')).leads).toHaveLength(0);
    const e = model.evaluate(facts(), cst('2024-04-10'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(e.leads[0]!.statement).toContain('终结本次执行程序');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toEqual(['f1', 'c1', 'r1']);
  });

  it('asks to be woken at the deadline when not yet due', () => {
    expect(model.evaluate(facts(), cst('2024-03-20')).wakeAt).toEqual(cst('2024-04-10'));
  });

  it('does not fire when the case was restored within the period (day 29), fires at day 31', () => {
    const restored = (on: string) => ({
      restorations: [
        {
          caseNo: '（2024）浙0803执恢1号',
          previousCaseNo: '（2024）浙0803执100号',
          restoredOn: on,
          event: null,
        },
      ],
    });
    expect(model.evaluate(facts(restored('2024-04-08')), cst('2024-06-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts(restored('2024-04-10')), cst('2024-06-01')).leads).toHaveLength(1);
  });

  it('shows a late restoration as context, not as a ground', () => {
    const late = facts({
      restorations: [
        {
          caseNo: '（2024）浙0803执恢1号',
          previousCaseNo: '（2024）浙0803执100号',
          restoredOn: '2024-04-20',
          event: { source: 'court:浙0803', eventId: 'x1' },
        },
      ],
    });
    const items = model.evaluate(late, cst('2024-06-01')).leads[0]!.evidence.items;
    expect(items.find((i) => i.eventId === 'x1')).toMatchObject({ context: true });
    expect(items.filter((i) => i.context)).toHaveLength(1);
  });

  it('does not fire for a flat sold before the 终本 date', () => {
    const sold = facts({
      holdings: [{ ...facts().holdings[0]!, heldFrom: '2023-01-01', heldTo: '2024-03-01' }],
    });
    expect(model.evaluate(sold, cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('counts from 终本 when the flat was held before it', () => {
    const held = facts({ holdings: [{ ...facts().holdings[0]!, heldFrom: '2020-01-01' }] });
    // 2024-03-04 + 30 = 2024-04-03 (Wed)
    expect(model.evaluate(held, cst('2024-04-03')).leads).toHaveLength(0);
    expect(model.evaluate(held, cst('2024-04-04')).leads).toHaveLength(1);
  });

  it('ignores cases not closed as 终本 and cases whose filing has not arrived', () => {
    expect(
      model.evaluate(facts({}, { closeMethod: 'fully_performed' }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(model.evaluate(facts({ respondents: [] }), cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('extends a deadline that ends on a holiday to the next working day', () => {
    // 2024-09-01 + 30 = 2024-10-01 (National Day) -> 2024-10-08
    const f = facts({ holdings: [{ ...facts().holdings[0]!, heldFrom: '2024-09-01' }] });
    expect(model.evaluate(f, cst('2024-10-08')).leads).toHaveLength(0);
    expect(model.evaluate(f, cst('2024-10-09')).leads).toHaveLength(1);
  });
});
