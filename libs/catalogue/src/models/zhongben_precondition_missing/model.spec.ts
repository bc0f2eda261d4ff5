import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import {
  ZHONGBEN_PRECONDITION_MISSING,
  ZHONGBEN_PRECONDITION_MISSING_MODEL,
  ZhongbenPreconditionMissingModel,
} from './model';

const model = new ZhongbenPreconditionMissingModel();

const notice = (kind: 'execution_notice' | 'property_report_order' | 'consumption_restriction', on: string) =>
  ev('notice.served', on, { notice: kind, servedOn: on });
const national = (on: string, scopes: ('deposit' | 'realestate' | 'vehicle' | 'securities' | 'equity')[]) =>
  ev('inquiry.performed', on, { channel: 'network_national', scopes, performedOn: on, found: false });

/** Filed 2024-01-10; every precondition met by 2024-01-14. */
function compliantEvents(): CaseEventFact[] {
  return [
    notice('execution_notice', '2024-01-12'),
    notice('property_report_order', '2024-01-12'),
    national('2024-01-13', ['deposit', 'realestate', 'vehicle', 'securities', 'equity']),
    notice('consumption_restriction', '2024-01-14'),
  ];
}

function closed(closedOn: string, events = compliantEvents(), filedOn = '2024-01-10'): CaseFacts {
  return caseFacts({
    case: caseRow({
      filedOn,
      closedOn,
      closeMethod: 'terminated_this_round',
      closedEvent: { source: 'court:浙0803', eventId: 'closed' },
    }),
    events,
  });
}

const later = cst('2025-01-01');

describe('zhongben_precondition_missing', () => {
  it('has the catalogue row', () => {
    expect(ZHONGBEN_PRECONDITION_MISSING).toMatchObject({
      id: 'zhongben_precondition_missing',
      version: 1,
      title: '终本条件不具备',
      severity: 'high',
      kind: '个案 / 类案',
      group: 'E',
    });
    expect(ZHONGBEN_PRECONDITION_MISSING.legalBasis).toContain('终结本次执行程序的规定');
    expect(ZHONGBEN_PRECONDITION_MISSING_MODEL.defaults).toEqual({ minMonths: 3 });
  });

  it('does not fire for a compliant 终本 closing', () => {
    expect(model.evaluate(closed('2024-04-19'), later)).toEqual({ leads: [], wakeAt: null });
  });

  // 2024-01-10 + 3 months = 2024-04-10 (Wed).
  it('fires for a closing the day before the 3-month day, not on it', () => {
    const e = model.evaluate(closed('2024-04-09'), later);
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(e.leads[0]!.statement).toContain('不足3个月');
    expect(e.leads[0]!.statement).toContain('2024-04-10');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toContain('closed');
    expect(model.evaluate(closed('2024-04-10'), later).leads).toHaveLength(0);
  });

  it('counts 3 calendar months, not moved off a holiday (2024-07-01 + 3 months = 2024-10-01)', () => {
    const events = compliantEvents().map((e) => ({ ...e, on: e.on.replace('2024-01', '2024-07') }));
    expect(model.evaluate(closed('2024-09-30', events, '2024-07-01'), later).leads).toHaveLength(1);
    expect(model.evaluate(closed('2024-10-01', events, '2024-07-01'), later).leads).toHaveLength(0);
  });

  it('takes the month-end when the month has no corresponding day (2023-11-30 + 3 months = 2024-02-29)', () => {
    const events = compliantEvents().map((e) => ({ ...e, on: e.on.replace('2024-01', '2023-12') }));
    expect(model.evaluate(closed('2024-02-28', events, '2023-11-30'), later).leads).toHaveLength(1);
    expect(model.evaluate(closed('2024-02-29', events, '2023-11-30'), later).leads).toHaveLength(0);
  });

  it('fires when a notice was never served, or only after the closing; the closing day counts', () => {
    const without = compliantEvents().filter((e) => e.payload['notice'] !== 'consumption_restriction');
    const never = model.evaluate(closed('2024-04-19', without), later);
    expect(never.leads).toHaveLength(1);
    expect(never.leads[0]!.statement).toContain('未送达限制消费令');
    expect(never.leads[0]!.evidence.facts).toMatchObject({ missingNotices: ['consumption_restriction'] });

    const after = [...without, notice('consumption_restriction', '2024-04-20')];
    expect(model.evaluate(closed('2024-04-19', after), later).leads).toHaveLength(1);
    const sameDay = [...without, notice('consumption_restriction', '2024-04-19')];
    expect(model.evaluate(closed('2024-04-19', sameDay), later).leads).toHaveLength(0);
  });

  it('takes the scopes of the network_national inquiries together, and only theirs', () => {
    const base = compliantEvents().filter((e) => e.type !== 'inquiry.performed');
    const split = [
      ...base,
      national('2024-01-13', ['deposit', 'realestate']),
      national('2024-02-01', ['vehicle', 'securities']),
    ];
    expect(model.evaluate(closed('2024-04-19', split), later).leads).toHaveLength(0);

    const local = [
      ...base,
      national('2024-01-13', ['deposit', 'realestate', 'vehicle']),
      ev('inquiry.performed', '2024-01-20', {
        channel: 'network_local',
        scopes: ['securities'],
        performedOn: '2024-01-20',
        found: false,
      }),
    ];
    const e = model.evaluate(closed('2024-04-19', local), later);
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('未覆盖证券');

    const none = model.evaluate(closed('2024-04-19', base), later);
    expect(none.leads[0]!.statement).toContain('未经总对总网络查询');
  });

  it('ignores cases not closed 终本 and cases whose filing has not arrived', () => {
    const performed = caseFacts({
      case: caseRow({ closedOn: '2024-02-01', closeMethod: 'fully_performed' }),
    });
    expect(model.evaluate(performed, later).leads).toHaveLength(0);
    const noFiling = closed('2024-02-01', []);
    expect(
      model.evaluate({ ...noFiling, case: { ...noFiling.case, filedOn: null } }, later).leads,
    ).toHaveLength(0);
  });

  it('gives the same answer whatever order the events arrived in', () => {
    const events = compliantEvents().filter((e) => e.payload['notice'] !== 'property_report_order');
    const a = model.evaluate(closed('2024-04-09', events), later);
    const b = model.evaluate(closed('2024-04-09', [...events].reverse()), later);
    expect(b).toEqual(a);
    expect(a.leads[0]!.evidence.facts).toMatchObject({
      tooEarly: true,
      missingNotices: ['property_report_order'],
    });
  });

  it('waits for the closing day in business time', () => {
    const e = model.evaluate(closed('2024-04-09'), cst('2024-04-08'));
    expect(e).toEqual({ leads: [], wakeAt: cst('2024-04-09') });
    expect(model.evaluate(closed('2024-04-09'), cst('2024-04-09')).leads).toHaveLength(1);
  });
});
