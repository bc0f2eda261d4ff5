import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev, party } from '../_kit/fixtures';
import { DisposalNotStartedModel } from './model';

const model = new DisposalNotStartedModel();
const UNIT = '330803001001GB00001F0001';
const unit = { kind: 'realestate' as const, id: UNIT };

const seal = (
  on: string,
  fields: Partial<{ controlId: string; measure: 'seal' | 'seize' | 'freeze' }> = {},
) =>
  ev('asset.controlled', on, {
    controlId: fields.controlId ?? 'K1',
    measure: fields.measure ?? 'seal',
    assetRef: unit,
    owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
    value: 80_000_00,
    controlledOn: on,
    expiresOn: '2027-01-01',
  });
const valued = (on: string) => ev('asset.valued', on, { assetRef: unit, valuation: 90_000_00, valuedOn: on });

function facts(events: CaseEventFact[], caseOverrides: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(caseOverrides), events });
}

describe('disposal_not_started', () => {
  // 2024-05-06 + 30 = 2024-06-05 (Wed): the last day to value the sealed flat.
  const base = () => [seal('2024-05-06')];

  it('fires once the valuation deadline has passed with no valuation', () => {
    expect(model.evaluate(facts(base()), cst('2024-06-05')).leads).toHaveLength(0);
    const e = model.evaluate(facts(base()), cst('2024-06-06'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.caseNo).toBe('（2024）浙0803执100号');
    expect(lead.statement).toContain('2024-06-05');
    expect(lead.statement).toContain(UNIT);
    expect(lead.evidence.items.map((i) => i.summary)).toEqual([
      '立案（（2024）浙0803执100号）',
      expect.stringContaining('应于2024-06-05前启动评估'),
    ]);
    expect(lead.evidence.parties).toEqual([expect.objectContaining({ role: 'respondent', name: '张三' })]);
  });

  it('asks to be woken at the deadline when not yet due', () => {
    expect(model.evaluate(facts(base()), cst('2024-05-20')).wakeAt).toEqual(cst('2024-06-06'));
    expect(model.evaluate(facts(base()), cst('2024-06-06')).wakeAt).toBeNull();
  });

  it('does not fire when the flat is valued on the last day; a valuation the day after is late (context)', () => {
    expect(model.evaluate(facts([...base(), valued('2024-06-05')]), cst('2024-08-01')).leads).toHaveLength(0);
    const late = model.evaluate(facts([...base(), valued('2024-06-06')]), cst('2024-08-01'));
    expect(late.leads).toHaveLength(1);
    expect(late.leads[0]!.evidence.items.filter((i) => i.context)).toHaveLength(1);
  });

  it('extends a deadline ending on a holiday to the next working day', () => {
    // 2024-05-10 + 30 = 2024-06-09 (Sun), 06-10 端午 → 2024-06-11
    const seal510 = seal('2024-05-10');
    expect(model.evaluate(facts([seal510, valued('2024-06-11')]), cst('2024-08-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts([seal510, valued('2024-06-12')]), cst('2024-08-01')).leads).toHaveLength(1);
    expect(model.evaluate(facts([seal510]), cst('2024-06-11')).leads).toHaveLength(0);
    expect(model.evaluate(facts([seal510]), cst('2024-06-12')).leads).toHaveLength(1);
  });

  it('counts an auction or an offset of the flat by the deadline as disposal started', () => {
    const auction = ev('auction.held', '2024-06-01', {
      assetRef: unit,
      round: 1,
      startPrice: 63_000_00,
      valuation: 90_000_00,
      heldOn: '2024-06-01',
      result: 'unsold',
    });
    expect(model.evaluate(facts([...base(), auction]), cst('2024-08-01')).leads).toHaveLength(0);
  });

  it('does not fire when the case closed (fully performed) on or before the last day', () => {
    const closed = { closedOn: '2024-06-05', closeMethod: 'fully_performed' };
    expect(model.evaluate(facts(base(), closed), cst('2024-08-01')).leads).toHaveLength(0);
    // Closed after the deadline had passed: the violation stands.
    const later = { closedOn: '2024-06-20', closeMethod: 'fully_performed' };
    expect(model.evaluate(facts(base(), later), cst('2024-08-01')).leads).toHaveLength(1);
  });

  it('does not fire when the claim was paid by the last day', () => {
    const paid = [
      ...base(),
      ev('funds.received', '2024-05-20', { receiptId: 'R1', amount: 100_000_00, receivedOn: '2024-05-20' }),
    ];
    expect(model.evaluate(facts(paid), cst('2024-08-01')).leads).toHaveLength(0);
    const partly = [
      ...base(),
      ev('funds.received', '2024-05-20', { receiptId: 'R1', amount: 99_999_99, receivedOn: '2024-05-20' }),
    ];
    expect(model.evaluate(facts(partly), cst('2024-08-01')).leads).toHaveLength(1);
    const paidLate = [
      ...base(),
      ev('funds.received', '2024-06-06', { receiptId: 'R1', amount: 100_000_00, receivedOn: '2024-06-06' }),
    ];
    expect(model.evaluate(facts(paidLate), cst('2024-08-01')).leads).toHaveLength(1);
  });

  it('counts another asset taken in payment toward the claim', () => {
    const car = { kind: 'vehicle' as const, id: 'LSVAA4182E2184848' };
    const inKind = (value: number) =>
      ev('asset.offset', '2024-05-25', {
        assetRef: car,
        offsetValue: value,
        to: { kind: 'person', name: '李四' },
        offsetOn: '2024-05-25',
      });
    expect(model.evaluate(facts([...base(), inKind(100_000_00)]), cst('2024-08-01')).leads).toHaveLength(0);
    expect(model.evaluate(facts([...base(), inKind(60_000_00)]), cst('2024-08-01')).leads).toHaveLength(1);
  });

  it('does not fire when the seal was released by the last day', () => {
    const released = (on: string) =>
      ev('asset.released', on, { controlId: 'K1', releasedOn: on, reason: '申请执行人撤回' });
    expect(model.evaluate(facts([...base(), released('2024-06-05')]), cst('2024-08-01')).leads).toHaveLength(
      0,
    );
    expect(model.evaluate(facts([...base(), released('2024-06-06')]), cst('2024-08-01')).leads).toHaveLength(
      1,
    );
  });

  it('ignores seizures, freezes and sealed assets other than real estate', () => {
    expect(
      model.evaluate(facts([seal('2024-05-06', { measure: 'freeze' })]), cst('2024-08-01')).leads,
    ).toHaveLength(0);
    const car = ev('asset.controlled', '2024-05-06', {
      controlId: 'K2',
      measure: 'seal',
      assetRef: { kind: 'vehicle', id: 'LSVAA4182E2184848' },
      owner: { kind: 'person', name: '张三' },
      value: 5_000_00,
      controlledOn: '2024-05-06',
      expiresOn: '2026-05-06',
    });
    expect(model.evaluate(facts([car]), cst('2024-08-01')).leads).toHaveLength(0);
  });

  it('ignores a valuation of another unit and gives no lead before the filing arrives', () => {
    const other = ev('asset.valued', '2024-05-20', {
      assetRef: { kind: 'realestate', id: 'OTHER' },
      valuation: 1,
      valuedOn: '2024-05-20',
    });
    expect(model.evaluate(facts([...base(), other]), cst('2024-08-01')).leads).toHaveLength(1);
    expect(
      model.evaluate(facts(base(), { filedOn: null, filedEvent: null }), cst('2024-08-01')).leads,
    ).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      seal('2024-05-06'),
      seal('2024-05-10', { controlId: 'K2' }),
      valued('2024-06-20'),
      ev('funds.received', '2024-05-20', { receiptId: 'R1', amount: 10_000_00, receivedOn: '2024-05-20' }),
    ];
    const a = model.evaluate(facts(events), cst('2024-08-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2024-08-01'));
    expect(a.leads).toHaveLength(1);
    expect(b).toEqual(a);
  });

  it('counts a seal made before the filing (preservation) from the filing', () => {
    // Filed 2024-01-10 + 30 = 2024-02-09 (Fri, a working day): not 2023-12-01 + 30.
    const early = [seal('2023-12-01')];
    expect(model.evaluate(facts(early), cst('2024-02-09')).leads).toHaveLength(0);
    expect(model.evaluate(facts(early), cst('2024-02-10')).leads).toHaveLength(1);
    expect(model.evaluate(facts([...early, valued('2024-02-09')]), cst('2024-03-01')).leads).toHaveLength(0);
  });

  it('takes the threshold from configuration', () => {
    const strict = new DisposalNotStartedModel({ valueWithinDays: 10 });
    // 2024-05-06 + 10 = 2024-05-16
    expect(strict.evaluate(facts([...base(), valued('2024-05-20')]), cst('2024-05-17')).leads).toHaveLength(
      1,
    );
  });

  it('cites respondents only', () => {
    const f = caseFacts({
      events: base(),
      respondents: [party('respondent', '7'), party('respondent', '9')],
    });
    expect(model.evaluate(f, cst('2024-08-01')).leads[0]!.evidence.parties).toHaveLength(2);
  });
});
