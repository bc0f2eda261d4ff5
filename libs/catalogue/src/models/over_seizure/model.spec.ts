import type { AssetRef } from '@zhijian/contracts';
import type { CaseEventFact } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { OverSeizureModel } from './model';

const model = new OverSeizureModel();
// Claim 100,000.00 yuan: the bound is 150,000.00 yuan.
const CLAIM = 100_000_00;

const flat = (id = 'U1'): AssetRef => ({ kind: 'realestate', id });
const account = (id: string): AssetRef => ({ kind: 'bank_account', id });
function control(id: string, assetRef: AssetRef, value: number, on: string, expiresOn = '2026-12-31') {
  return ev('asset.controlled', on, {
    controlId: id,
    measure: assetRef.kind === 'bank_account' ? 'freeze' : 'seal',
    assetRef,
    owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
    value,
    controlledOn: on,
    expiresOn,
  });
}
const released = (id: string, on: string) =>
  ev('asset.released', on, { controlId: id, releasedOn: on, reason: '解除' });
const renewed = (id: string, on: string, expiresOn: string) =>
  ev('asset.renewed', on, { controlId: id, renewedOn: on, expiresOn });

const facts = (events: CaseEventFact[], claimFen: number | null = CLAIM) =>
  caseFacts({ case: caseRow({ claimFen }), events });
const leads = (events: CaseEventFact[], asOf = '2025-01-01') =>
  model.evaluate(facts(events), cst(asOf)).leads;

describe('over_seizure', () => {
  it('fires when the controls in force are worth more than 1.5 × the claim', () => {
    const e = model.evaluate(
      facts([
        control('K1', account('A1'), 80_000_00, '2024-02-01'),
        control('K2', account('A2'), 80_000_00, '2024-02-05'),
      ]),
      cst('2024-02-05'),
    );
    expect(e.leads).toHaveLength(1);
    expect(e.wakeAt).toBeNull();
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('160000.00元');
    expect(lead.statement).toContain('2024-02-05');
    expect(lead.evidence.items).toHaveLength(3);
    expect(lead.evidence.facts).toMatchObject({
      on: '2024-02-05',
      controlledValueFen: 160_000_00,
      ratio: 1.6,
    });
  });

  it('exactly 1.5 × the claim is not over; one fen more is', () => {
    expect(
      leads([
        control('K1', account('A1'), 75_000_00, '2024-02-01'),
        control('K2', account('A2'), 75_000_00, '2024-02-01'),
      ]),
    ).toHaveLength(0);
    expect(
      leads([
        control('K1', account('A1'), 75_000_00, '2024-02-01'),
        control('K2', account('A2'), 75_000_01, '2024-02-01'),
      ]),
    ).toHaveLength(1);
  });

  it('a single indivisible asset worth 3 × the claim is not over-seizure; a divisible one is', () => {
    expect(leads([control('K1', flat(), 300_000_00, '2024-02-01')])).toHaveLength(0);
    expect(
      leads([control('K1', { kind: 'vehicle', id: 'LSVAA4182E2184821' }, 300_000_00, '2024-02-01')]),
    ).toHaveLength(0);
    expect(leads([control('K1', account('A1'), 300_000_00, '2024-02-01')])).toHaveLength(1);
    expect(
      leads([control('K1', { kind: 'equity', id: '91350100M000100Y43' }, 300_000_00, '2024-02-01')]),
    ).toHaveLength(1);
  });

  it('the indivisible exception ends once another control is added', () => {
    const events = [
      control('K1', flat(), 300_000_00, '2024-02-01'),
      control('K2', account('A1'), 1_000_00, '2024-03-01'),
    ];
    const e = model.evaluate(facts(events), cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.evidence.facts).toMatchObject({ on: '2024-03-01' });
    // Two seals of the same flat are one asset.
    expect(
      leads([
        control('K1', flat(), 300_000_00, '2024-02-01'),
        control('K2', flat(), 300_000_00, '2024-03-01'),
      ]),
    ).toHaveLength(0);
  });

  it('controls released or expired before the next one do not add up', () => {
    const a = control('K1', account('A1'), 80_000_00, '2024-02-01', '2024-05-31');
    const b = control('K2', account('A2'), 80_000_00, '2024-03-01');
    expect(leads([a, b, released('K1', '2024-02-20')])).toHaveLength(0);
    // Released the day the other is frozen: a swap, not an overlap.
    expect(leads([a, b, released('K1', '2024-03-01')])).toHaveLength(0);
    expect(leads([a, b, released('K1', '2024-03-02')])).toHaveLength(1);
    const c = control('K3', account('A3'), 80_000_00, '2024-06-01');
    expect(leads([a, c])).toHaveLength(0);
    expect(leads([a, c, renewed('K1', '2024-05-31', '2025-05-31')])).toHaveLength(1);
    // A renewal after the lapse revives the freeze from its date.
    expect(leads([a, c, renewed('K1', '2024-06-03', '2025-05-31')])).toHaveLength(1);
  });

  it('waits for a control dated after the business date', () => {
    const events = [
      control('K1', account('A1'), 80_000_00, '2024-02-01'),
      control('K2', account('A2'), 80_000_00, '2024-03-01'),
    ];
    const e = model.evaluate(facts(events), cst('2024-02-15'));
    expect(e.leads).toHaveLength(0);
    expect(e.wakeAt).toEqual(cst('2024-03-01'));
  });

  it('no lead without a claim amount (filing not arrived)', () => {
    const events = [control('K1', account('A1'), 300_000_00, '2024-02-01')];
    expect(model.evaluate(facts(events, null), cst('2025-01-01')).leads).toHaveLength(0);
    expect(
      model.evaluate(caseFacts({ case: caseRow({ filedOn: null }), events }), cst('2025-01-01')).leads,
    ).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      control('K1', account('A1'), 80_000_00, '2024-02-01', '2024-05-31'),
      renewed('K1', '2024-05-30', '2025-05-31'),
      control('K2', account('A2'), 80_000_00, '2024-07-01'),
      released('K2', '2024-07-15'),
    ];
    const a = model.evaluate(facts(events), cst('2025-01-01'));
    expect(model.evaluate(facts([...events].reverse()), cst('2025-01-01'))).toEqual(a);
    expect(a.leads).toHaveLength(1);
  });
});
