import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { ImproperSetOffModel } from './model';

const model = new ImproperSetOffModel();
const UNIT = '330803001001GB00001F0001';
const unit = { kind: 'realestate' as const, id: UNIT };
const APPLICANT = { kind: 'person' as const, name: '李四' };

const auction = (
  round: 1 | 2 | 3,
  on: string,
  startPrice: number,
  result: 'sold' | 'unsold' | 'withdrawn' = 'unsold',
  assetId = UNIT,
) =>
  ev('auction.held', on, {
    assetRef: { kind: 'realestate', id: assetId },
    round,
    startPrice,
    valuation: 1_000_000_00,
    heldOn: on,
    result,
  });
const offset = (on: string, value: number) =>
  ev('asset.offset', on, { assetRef: unit, offsetValue: value, to: APPLICANT, offsetOn: on }, '8');

function facts(events: CaseEventFact[], caseOverrides: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(caseOverrides), events });
}
const fires = (events: CaseEventFact[]) =>
  model.evaluate(facts(events), cst('2025-01-01')).leads.length === 1;

describe('improper_set_off', () => {
  const rounds = () => [auction(1, '2024-05-01', 700_000_00), auction(2, '2024-06-01', 560_000_00)];

  it('fires on an offset below the last auction start price, not at exactly it or above', () => {
    expect(fires([...rounds(), offset('2024-06-20', 559_999_99)])).toBe(true);
    expect(fires([...rounds(), offset('2024-06-20', 560_000_00)])).toBe(false);
    expect(fires([...rounds(), offset('2024-06-20', 600_000_00)])).toBe(false);
  });

  it('compares with the last auction before the offset, not the first nor a later one', () => {
    // At round 1's price after round 2 failed: above the last (round 2) start price, lawful.
    expect(fires([...rounds(), offset('2024-06-20', 700_000_00)])).toBe(false);
    // Between the rounds: the last auction is round 1.
    expect(fires([...rounds(), offset('2024-05-20', 600_000_00)])).toBe(true);
  });

  it('counts an auction held on the offset day (拍卖变卖规定 art. 16: offset at that auction)', () => {
    expect(fires([auction(1, '2024-05-01', 700_000_00), offset('2024-05-01', 700_000_00)])).toBe(false);
  });

  it('fires on an offset with no auction of the asset before it', () => {
    expect(fires([offset('2024-06-20', 900_000_00)])).toBe(true);
    expect(fires([auction(1, '2024-07-01', 700_000_00), offset('2024-06-20', 900_000_00)])).toBe(true);
    expect(
      fires([auction(1, '2024-05-01', 700_000_00, 'unsold', 'OTHER'), offset('2024-06-20', 900_000_00)]),
    ).toBe(true);
    // A withdrawn auction set no price.
    expect(fires([auction(1, '2024-05-01', 700_000_00, 'withdrawn'), offset('2024-06-20', 900_000_00)])).toBe(
      true,
    );
  });

  it('states the offset and the floor, citing the auction and the offset', () => {
    const lead = model.evaluate(facts([...rounds(), offset('2024-06-20', 500_000_00)]), cst('2024-06-21'))
      .leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('500000.00元');
    expect(lead.statement).toContain('低于2024-06-01第2次拍卖的起拍价560000.00元');
    expect(lead.evidence.items).toHaveLength(3);
    expect(lead.evidence.parties.map((p) => p.role)).toEqual(['applicant', 'respondent']);
    const none = model.evaluate(facts([offset('2024-06-20', 500_000_00)]), cst('2024-06-21')).leads[0]!;
    expect(none.statement).toContain('此前未经拍卖、变卖');
  });

  it('waits for business time to reach the offset date', () => {
    const e = model.evaluate(facts([offset('2024-06-20', 1)]), cst('2024-06-19'));
    expect(e.leads).toHaveLength(0);
    expect(e.wakeAt).toEqual(cst('2024-06-20'));
  });

  it('gives no lead before the filing arrives', () => {
    const f = facts([offset('2024-06-20', 1)], { filedOn: null, filedEvent: null });
    expect(model.evaluate(f, cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [...rounds(), offset('2024-06-20', 500_000_00)];
    const a = model.evaluate(facts(events), cst('2025-01-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2025-01-01'));
    expect(a.leads).toHaveLength(1);
    expect(b).toEqual(a);
  });
});
