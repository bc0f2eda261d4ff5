import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import {
  ZHONGBEN_NO_PERIODIC_CHECK,
  ZHONGBEN_NO_PERIODIC_CHECK_MODEL,
  ZhongbenNoPeriodicCheckModel,
} from './model';

const model = new ZhongbenNoPeriodicCheckModel();

const inquiry = (on: string, channel: 'network_national' | 'network_local' = 'network_national') =>
  ev('inquiry.performed', on, { channel, scopes: ['deposit', 'realestate'], performedOn: on, found: false });

/** Closed 终本 on 2024-03-04 (Mon); 6 months later: 2024-09-04 (Wed). */
function zhongben(events: CaseEventFact[] = [], restoredOn: string | null = null): CaseFacts {
  return caseFacts({
    case: caseRow({
      closedOn: '2024-03-04',
      closeMethod: 'terminated_this_round',
      closedEvent: { source: 'court:浙0803', eventId: 'closed' },
    }),
    events: [inquiry('2024-01-13'), ...events],
    restorations: restoredOn
      ? [
          {
            caseNo: '（2024）浙0803执恢1号',
            previousCaseNo: '（2024）浙0803执100号',
            restoredOn,
            event: { source: 'court:浙0803', eventId: 'restored' },
          },
        ]
      : [],
  });
}

describe('zhongben_no_periodic_check', () => {
  it('has the catalogue row', () => {
    expect(ZHONGBEN_NO_PERIODIC_CHECK).toMatchObject({
      id: 'zhongben_no_periodic_check',
      version: 1,
      title: '终本后未定期查询',
      severity: 'low',
      kind: '类案',
      group: 'E',
    });
    expect(ZHONGBEN_NO_PERIODIC_CHECK_MODEL.defaults).toEqual({ checkYears: 5, gapMonths: 6 });
  });

  it('fires the day after 6 months pass from the closing with no network_national inquiry', () => {
    expect(model.evaluate(zhongben(), cst('2024-09-04'))).toEqual({ leads: [], wakeAt: cst('2024-09-05') });
    const e = model.evaluate(zhongben(), cst('2024-09-05'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(e.leads[0]!.statement).toContain('超过6个月（至2024-09-04）');
    expect(e.wakeAt).toBeNull();
  });

  it('an inquiry on the last day keeps the duty (and wakes at the next period), the day after does not', () => {
    const onTime = model.evaluate(zhongben([inquiry('2024-09-04')]), cst('2024-10-01'));
    // 2024-09-04 + 6 months = 2025-03-04 (Tue)
    expect(onTime).toEqual({ leads: [], wakeAt: cst('2025-03-05') });
    const late = model.evaluate(zhongben([inquiry('2024-09-05')]), cst('2024-10-01'));
    expect(late.leads).toHaveLength(1);
    expect(late.leads[0]!.statement).toContain('迟至2024-09-05');
    expect(late.leads[0]!.evidence.facts).toMatchObject({ lastCheckOn: '2024-03-04', lastDay: '2024-09-04' });
  });

  it('finds the first gap after regular inquiries', () => {
    const e = model.evaluate(zhongben([inquiry('2024-06-01'), inquiry('2024-11-01')]), cst('2025-06-01'));
    // 2024-11-01 + 6 months = 2025-05-01 (holiday) → 2025-05-06
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.evidence.facts).toMatchObject({ lastCheckOn: '2024-11-01', lastDay: '2025-05-06' });
  });

  it('counts only network_national inquiries', () => {
    const local = model.evaluate(zhongben([inquiry('2024-06-01', 'network_local')]), cst('2024-09-05'));
    expect(local.leads).toHaveLength(1);
  });

  it('a restoration up to the last day ends the duty; one after it does not', () => {
    expect(model.evaluate(zhongben([], '2024-09-04'), cst('2025-01-01'))).toEqual({
      leads: [],
      wakeAt: null,
    });
    expect(model.evaluate(zhongben([], '2024-09-05'), cst('2025-01-01')).leads).toHaveLength(1);
  });

  it('ends with the check period', () => {
    const oneYear = new ZhongbenNoPeriodicCheckModel({ checkYears: 1, gapMonths: 6 });
    // window: 2024-03-04 … 2025-03-04; a gap ending on its last day is no gap within it
    expect(oneYear.evaluate(zhongben([inquiry('2024-09-04')]), cst('2026-01-01'))).toEqual({
      leads: [],
      wakeAt: null,
    });
    // 2024-09-03 + 6 months = 2025-03-03, inside the window
    expect(oneYear.evaluate(zhongben([inquiry('2024-09-03')]), cst('2026-01-01')).leads).toHaveLength(1);
  });

  it('ignores cases not closed 终本 and cases whose filing has not arrived', () => {
    const performed = caseFacts({
      case: caseRow({ closedOn: '2024-03-04', closeMethod: 'fully_performed' }),
    });
    expect(model.evaluate(performed, cst('2026-01-01')).leads).toHaveLength(0);
    const f = zhongben();
    expect(
      model.evaluate({ ...f, case: { ...f.case, filedOn: null } }, cst('2026-01-01')).leads,
    ).toHaveLength(0);
  });

  it('gives the same answer whatever order the inquiries arrived in', () => {
    const events = [inquiry('2024-06-01'), inquiry('2024-11-01'), inquiry('2025-06-01')];
    const a = model.evaluate(zhongben(events), cst('2025-06-02'));
    const b = model.evaluate(zhongben([...events].reverse()), cst('2025-06-02'));
    expect(b).toEqual(a);
    expect(a.leads).toHaveLength(1);
  });
});
