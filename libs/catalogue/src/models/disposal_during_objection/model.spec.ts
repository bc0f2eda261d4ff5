import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { DisposalDuringObjectionModel } from './model';

const model = new DisposalDuringObjectionModel();
const UNIT = '330803001001GB00001F0001';
const unit = { kind: 'realestate' as const, id: UNIT };
const OUTSIDER = { kind: 'person' as const, name: '王五' };
const APPLICANT = { kind: 'person' as const, name: '李四' };

const filed = (on: string, id = 'O1') =>
  ev('objection.filed', on, { objectionId: id, filedOn: on, by: OUTSIDER }, '11');
const decided = (on: string, id = 'O1') =>
  ev('objection.decided', on, { objectionId: id, decidedOn: on, outcome: 'dismissed' });
const sold = (on: string, result: 'sold' | 'unsold' | 'withdrawn' = 'sold') =>
  ev('auction.held', on, {
    assetRef: unit,
    round: 1,
    startPrice: 700_000_00,
    valuation: 1_000_000_00,
    heldOn: on,
    result,
    ...(result === 'sold' ? { dealPrice: 750_000_00 } : {}),
  });
const offset = (on: string) =>
  ev('asset.offset', on, { assetRef: unit, offsetValue: 700_000_00, to: APPLICANT, offsetOn: on }, '8');
const paid = (on: string) =>
  ev('funds.disbursed', on, { receiptId: 'R1', amount: 50_000_00, payee: APPLICANT, disbursedOn: on }, '8');

function facts(events: CaseEventFact[], caseOverrides: Partial<CaseFacts['case']> = {}): CaseFacts {
  return caseFacts({ case: caseRow(caseOverrides), events });
}
const fires = (events: CaseEventFact[]) =>
  model.evaluate(facts(events), cst('2025-01-01')).leads.length === 1;

describe('disposal_during_objection', () => {
  it('fires on a sale, an offset or a payout while the objection is undecided', () => {
    expect(fires([filed('2024-05-01'), sold('2024-05-10'), decided('2024-05-20')])).toBe(true);
    expect(fires([filed('2024-05-01'), offset('2024-05-10'), decided('2024-05-20')])).toBe(true);
    expect(fires([filed('2024-05-01'), paid('2024-05-10'), decided('2024-05-20')])).toBe(true);
    expect(fires([filed('2024-05-01'), paid('2024-05-10')])).toBe(true);
  });

  it('counts the filing day as under review and the decision day as decided', () => {
    expect(fires([filed('2024-05-01'), sold('2024-05-01'), decided('2024-05-20')])).toBe(true);
    expect(fires([filed('2024-05-01'), decided('2024-05-20'), sold('2024-05-20')])).toBe(false);
    expect(fires([filed('2024-05-01'), decided('2024-05-20'), sold('2024-05-21')])).toBe(false);
    expect(fires([filed('2024-05-01'), decided('2024-05-20'), sold('2024-05-19')])).toBe(true);
  });

  it('does not fire on an act before the objection, nor on an auction that did not sell', () => {
    expect(fires([sold('2024-04-30'), filed('2024-05-01')])).toBe(false);
    expect(fires([filed('2024-05-01'), sold('2024-05-10', 'unsold')])).toBe(false);
    expect(fires([filed('2024-05-01'), sold('2024-05-10', 'withdrawn')])).toBe(false);
  });

  it('matches decisions to their objection', () => {
    const events = [
      filed('2024-05-01', 'O1'),
      filed('2024-05-02', 'O2'),
      decided('2024-05-05', 'O1'),
      sold('2024-05-10'),
    ];
    expect(fires(events)).toBe(true);
    expect(fires([...events, decided('2024-05-08', 'O2')])).toBe(false);
  });

  it('states the objection and the act, citing both and a later decision as context', () => {
    const lead = model.evaluate(
      facts([filed('2024-05-01'), paid('2024-05-10'), decided('2024-05-20')]),
      cst('2024-06-01'),
    ).leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('2024-05-01');
    expect(lead.statement).toContain('向李四发放执行款50000.00元');
    expect(lead.evidence.items.map((i) => i.context ?? false)).toEqual([false, false, false, true]);
  });

  it('waits for business time to reach the act date', () => {
    const e = model.evaluate(facts([filed('2024-05-01'), sold('2024-05-10')]), cst('2024-05-09'));
    expect(e.leads).toHaveLength(0);
    expect(e.wakeAt).toEqual(cst('2024-05-10'));
    expect(
      model.evaluate(facts([filed('2024-05-01'), sold('2024-05-10')]), cst('2024-05-10')).leads,
    ).toHaveLength(1);
  });

  it('gives no lead before the filing arrives', () => {
    const f = facts([filed('2024-05-01'), sold('2024-05-10')], { filedOn: null, filedEvent: null });
    expect(model.evaluate(f, cst('2025-01-01')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      filed('2024-05-01'),
      sold('2024-05-10'),
      offset('2024-05-10'),
      paid('2024-05-12'),
      decided('2024-05-20'),
    ];
    const a = model.evaluate(facts(events), cst('2025-01-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2025-01-01'));
    expect(a.leads[0]!.evidence.facts['acts']).toHaveLength(3);
    expect(b).toEqual(a);
  });
});
