import type {
  CaseEventFact,
  EquityHoldingFact,
  HoldingFact,
  TransferFact,
  VehicleHoldingFact,
  CaseFacts,
} from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import {
  REFUSAL_TO_EXECUTE_ALERT,
  REFUSAL_TO_EXECUTE_ALERT_MODEL,
  RefusalToExecuteAlertModel,
} from './model';

const model = new RefusalToExecuteAlertModel();
const later = cst('2025-01-01');

/** Filed 2024-01-10, execution notice served 2024-01-12 (Fri). */
const notice = () =>
  ev('notice.served', '2024-01-12', { notice: 'execution_notice', servedOn: '2024-01-12' });

function facts(overrides: Partial<CaseFacts> = {}, events: CaseEventFact[] = [notice()]): CaseFacts {
  return caseFacts({ events, ...overrides });
}

const flat = (heldTo: string | null, subjectId = '7'): HoldingFact => ({
  unitNo: '330803001001GB00001F0001',
  subjectId,
  share: 1,
  heldFrom: '2020-05-01',
  heldTo,
  fromEvent: { source: 'agency:realestate:330803', eventId: 'r1' },
  toEvent: heldTo ? { source: 'agency:realestate:330803', eventId: 'r2' } : null,
});
const car = (heldTo: string | null): VehicleHoldingFact => ({
  vin: 'LSVAU2180N2183294',
  subjectId: '7',
  heldFrom: '2021-01-01',
  heldTo,
  fromEvent: { source: 'agency:vehicle:330803', eventId: 'v1' },
  toEvent: heldTo ? { source: 'agency:vehicle:330803', eventId: 'v2' } : null,
});
const stake = (
  heldFrom: string | null,
  heldTo: string | null,
  sharePct: number,
  id: string,
): EquityHoldingFact => ({
  companySubjectId: '50',
  companyUscc: '91350100M000100Y43',
  shareholderSubjectId: '7',
  sharePct,
  heldFrom,
  heldTo,
  fromEvent: heldFrom ? { source: 'agency:enterprise:330803', eventId: `${id}-from` } : null,
  toEvent: heldTo ? { source: 'agency:enterprise:330803', eventId: `${id}-to` } : null,
});
const transfer = (amountFen: number, on: string, toSubjectId = '30'): TransferFact => ({
  fromSubjectId: '7',
  toSubjectId,
  amountFen,
  on,
  event: { source: 'agency:bank:ICBC', eventId: `t-${on}-${amountFen}` },
});

describe('refusal_to_execute_alert', () => {
  it('has the catalogue row; it is no duty crime', () => {
    expect(REFUSAL_TO_EXECUTE_ALERT).toMatchObject({
      id: 'refusal_to_execute_alert',
      version: 1,
      title: '拒执罪预警',
      severity: 'high',
      kind: '个案',
      group: 'F',
      dutyCrimeSuspected: false,
    });
    expect(REFUSAL_TO_EXECUTE_ALERT.legalBasis).toContain('第三百一十三条');
    expect(REFUSAL_TO_EXECUTE_ALERT_MODEL.defaults).toEqual({ minTransferFen: 10_000_000 });
  });

  it('fires when the respondent transfers a flat after the notice, not the day before nor the day of it', () => {
    const e = model.evaluate(facts({ holdings: [flat('2024-02-01')] }), later);
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(e.leads[0]!.statement).toContain('执行通知书于2024-01-12送达后');
    expect(e.leads[0]!.statement).toContain('2024-02-01转移不动产单元330803001001GB00001F0001');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toEqual([
      'filed',
      expect.stringMatching(/^notice\.served-/),
      'r2',
    ]);
    expect(e.leads[0]!.evidence.items.at(-1)).toMatchObject({
      kind: 'registry_fact',
      eventId: 'r2',
      on: '2024-02-01',
    });
    expect(model.evaluate(facts({ holdings: [flat('2024-01-11')] }), later).leads).toHaveLength(0);
    expect(model.evaluate(facts({ holdings: [flat('2024-01-12')] }), later).leads).toHaveLength(0);
  });

  it('does not fire for a flat still held, or passed to another subject of the respondent', () => {
    expect(model.evaluate(facts({ holdings: [flat(null)] }), later).leads).toHaveLength(0);
    const linked = { ...flat(null, '77'), heldFrom: '2024-02-01' };
    const f = facts({ holdings: [flat('2024-02-01'), linked], respondentIds: new Set(['7', '77']) });
    expect(model.evaluate(f, later).leads).toHaveLength(0);
  });

  it('does not fire for a flat the court sold', () => {
    const sold = ev('auction.held', '2024-01-25', {
      assetRef: { kind: 'realestate', id: '330803001001GB00001F0001' },
      round: 1,
      startPrice: 700_000_00,
      valuation: 1_000_000_00,
      heldOn: '2024-01-25',
      result: 'sold',
      dealPrice: 800_000_00,
    });
    expect(
      model.evaluate(facts({ holdings: [flat('2024-02-01')] }, [notice(), sold]), later).leads,
    ).toHaveLength(0);
  });

  it('fires when a vehicle passes away after the notice', () => {
    const e = model.evaluate(facts({ vehicles: [car('2024-03-01')] }), later);
    expect(e.leads[0]!.statement).toContain('转移车辆LSVAU2180N2183294');
    expect(model.evaluate(facts({ vehicles: [car('2024-01-05')] }), later).leads).toHaveLength(0);
  });

  it('fires for equity transferred after the notice (in part too), not for an acquisition', () => {
    const part = [stake('2020-01-01', '2024-02-01', 60, 'a'), stake('2024-02-01', null, 20, 'b')];
    const e = model.evaluate(facts({ equities: part }), later);
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('转让91350100M000100Y43的40%股权');
    const all = [stake(null, '2024-02-01', 60, 'a')];
    expect(model.evaluate(facts({ equities: all }), later).leads).toHaveLength(1);
    const acquire = [stake('2020-01-01', '2024-02-01', 60, 'a'), stake('2024-02-01', null, 80, 'b')];
    expect(model.evaluate(facts({ equities: acquire }), later).leads).toHaveLength(0);
  });

  it('fires for one bank transfer of 100,000.00 yuan out, not 99,999.99 (nor several smaller ones)', () => {
    const e = model.evaluate(facts({ transfers: [transfer(10_000_000, '2024-02-01')] }), later);
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('银行转出100000.00元');
    expect(
      model.evaluate(facts({ transfers: [transfer(9_999_999, '2024-02-01')] }), later).leads,
    ).toHaveLength(0);
    const split = [transfer(6_000_000, '2024-02-01'), transfer(6_000_000, '2024-02-02')];
    expect(model.evaluate(facts({ transfers: split }), later).leads).toHaveLength(0);
    expect(
      model.evaluate(facts({ transfers: [transfer(50_000_000, '2024-01-11')] }), later).leads,
    ).toHaveLength(0);
  });

  it('does not count payments to the applicant or between the respondent’s own accounts', () => {
    expect(
      model.evaluate(facts({ transfers: [transfer(50_000_000, '2024-02-01', '8')] }), later).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts({ transfers: [transfer(50_000_000, '2024-02-01', '7')] }), later).leads,
    ).toHaveLength(0);
  });

  it('needs the execution notice, and the case open or 终本 on the day of the act', () => {
    expect(model.evaluate(facts({ holdings: [flat('2024-02-01')] }, []), later).leads).toHaveLength(0);
    const performed = facts({
      holdings: [flat('2024-03-01')],
      case: caseRow({ closedOn: '2024-02-15', closeMethod: 'fully_performed' }),
    });
    expect(model.evaluate(performed, later).leads).toHaveLength(0);
    const zhongben = facts({
      holdings: [flat('2024-03-01')],
      case: caseRow({ closedOn: '2024-02-15', closeMethod: 'terminated_this_round' }),
    });
    expect(model.evaluate(zhongben, later).leads).toHaveLength(1);
    const noFiling = facts({ holdings: [flat('2024-02-01')], case: caseRow({ filedOn: null }) });
    expect(model.evaluate(noFiling, later).leads).toHaveLength(0);
  });

  it('waits for the day of the act in business time', () => {
    const f = facts({ transfers: [transfer(10_000_000, '2024-02-01')] });
    expect(model.evaluate(f, cst('2024-01-31'))).toEqual({ leads: [], wakeAt: cst('2024-02-01') });
    expect(model.evaluate(f, cst('2024-02-01')).leads).toHaveLength(1);
  });

  it('gives the same answer whatever order the facts arrived in', () => {
    const served = [
      ev('notice.served', '2024-03-01', { notice: 'execution_notice', servedOn: '2024-03-01' }),
      notice(),
    ];
    const parts = {
      holdings: [flat('2024-02-01')],
      transfers: [transfer(20_000_000, '2024-05-01'), transfer(10_000_000, '2024-04-01')],
      equities: [stake('2024-02-01', null, 20, 'b'), stake('2020-01-01', '2024-02-01', 60, 'a')],
    };
    const a = model.evaluate(facts(parts, served), later);
    const b = model.evaluate(
      facts(
        {
          holdings: [...parts.holdings].reverse(),
          transfers: [...parts.transfers].reverse(),
          equities: [...parts.equities].reverse(),
        },
        [...served].reverse(),
      ),
      later,
    );
    expect(b).toEqual(a);
    expect(a.leads[0]!.evidence.facts).toMatchObject({ servedOn: '2024-01-12' });
  });
});
