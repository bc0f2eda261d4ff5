import type { CaseEventFact } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { PAYOUT_OVERDUE_MODEL, PayoutOverdueModel } from './model';

const model = new PayoutOverdueModel();
const payee = { kind: 'person' as const, name: '李四' };

const received = (on: string, amount = 1_000_00, receiptId = 'R1') =>
  ev('funds.received', on, { receiptId, amount, receivedOn: on });
const paid = (on: string, amount = 1_000_00, receiptId = 'R1') =>
  ev('funds.disbursed', on, { receiptId, amount, payee, disbursedOn: on }, '8');

const run = (events: CaseEventFact[], asOf: string) => model.evaluate(caseFacts({ events }), cst(asOf));

describe('payout_overdue', () => {
  // Received 2024-09-01 (Sun): +30 days = 2024-10-01, National Day holidays → last day 2024-10-08.
  const holidayReceipt = received('2024-09-01');

  it('is defined with the catalogue id and a 30-day default', () => {
    expect(PAYOUT_OVERDUE_MODEL.meta.id).toBe('payout_overdue');
    expect(PAYOUT_OVERDUE_MODEL.defaults).toEqual({ payoutWithinDays: 30 });
    expect(PAYOUT_OVERDUE_MODEL.create({ payoutWithinDays: 10 })).toBeInstanceOf(PayoutOverdueModel);
  });

  it('fires when nothing is paid out by the holiday-extended last day', () => {
    expect(run([holidayReceipt], '2024-10-08').leads).toHaveLength(0);
    const e = run([holidayReceipt], '2024-10-09');
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.caseNo).toBe('（2024）浙0803执100号');
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('2024-10-08');
    expect(lead.statement).toContain('1000.00元');
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['filed', holidayReceipt.ref.eventId]);
  });

  it('near miss: paid in full on the (holiday-extended) last day', () => {
    const onLastDay = paid('2024-10-08');
    expect(run([holidayReceipt, onLastDay], '2025-01-01').leads).toHaveLength(0);
  });

  it('paid in full the day after the last day is a hit, the late payout as context', () => {
    const late = paid('2024-10-09');
    const e = run([holidayReceipt, late], '2024-10-09');
    expect(e.leads).toHaveLength(1);
    const item = e.leads[0]!.evidence.items.find((i) => i.eventId === late.ref.eventId);
    expect(item?.context).toBe(true);
  });

  it('a partial payout in time is a hit', () => {
    const e = run([holidayReceipt, paid('2024-09-10', 600_00), paid('2024-10-08', 399_99)], '2024-10-09');
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('999.99元');
  });

  it('split payouts adding up to the receipt in time are no hit; payouts of another receipt do not count', () => {
    expect(
      run([holidayReceipt, paid('2024-09-10', 600_00), paid('2024-10-08', 400_00)], '2024-12-01').leads,
    ).toHaveLength(0);
    expect(run([holidayReceipt, paid('2024-09-10', 1_000_00, 'R2')], '2024-12-01').leads).toHaveLength(1);
  });

  it('asks to be woken the day after the last day while not paid in full', () => {
    expect(run([holidayReceipt], '2024-09-20').wakeAt).toEqual(cst('2024-10-09'));
    expect(run([holidayReceipt, paid('2024-09-10', 500_00)], '2024-09-20').wakeAt).toEqual(cst('2024-10-09'));
    expect(run([holidayReceipt, paid('2024-09-10')], '2024-09-20').wakeAt).toBeNull();
  });

  it('the earliest of several overdue receipts leads the statement; the wake-up is the next open deadline', () => {
    const r2 = received('2024-03-04', 2_000_00, 'R2'); // last day 2024-04-03
    const e = run([holidayReceipt, r2], '2024-04-04');
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('2024-04-03');
    expect(e.wakeAt).toEqual(cst('2024-10-09'));
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [holidayReceipt, paid('2024-09-10', 600_00), paid('2024-10-08', 300_00)];
    const a = run(events, '2024-10-09');
    const b = run([...events].reverse(), '2024-10-09');
    expect(b.leads.map((l) => l.statement)).toEqual(a.leads.map((l) => l.statement));
    expect(b.leads).toHaveLength(1);
  });

  it('no lead before the filing has arrived', () => {
    const f = caseFacts({ case: caseRow({ filedOn: null, filedEvent: null }), events: [holidayReceipt] });
    expect(model.evaluate(f, cst('2024-12-01')).leads).toHaveLength(0);
  });
});
