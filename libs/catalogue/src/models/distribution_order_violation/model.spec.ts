import type { CaseEventFact, MortgageFact } from '@zhijian/domain';
import { caseFacts, cst, ev } from '../_kit/fixtures';
import { DISTRIBUTION_ORDER_VIOLATION_MODEL, DistributionOrderViolationModel } from './model';

const model = new DistributionOrderViolationModel();
const UNIT = '330803001001GB00001F0001';
const unit = { kind: 'realestate' as const, id: UNIT };
const applicant = { kind: 'person' as const, name: '李四' };
const bank = { kind: 'org' as const, name: '某银行', uscc: '91350100M000100Y43' };
const BANK = '20';

const mortgage = (registeredOn: string, releasedOn: string | null = null): MortgageFact => ({
  unitNo: UNIT,
  mortgageeSubjectId: BANK,
  securedFen: 500_000_00,
  registeredOn,
  releasedOn,
  event: { source: 'agency:realestate:330803', eventId: `m-${registeredOn}` },
});
const sold = (on: string) =>
  ev('auction.held', on, {
    assetRef: unit,
    round: 1,
    startPrice: 700_000_00,
    valuation: 1_000_000_00,
    heldOn: on,
    result: 'sold',
    dealPrice: 800_000_00,
  });
const paid = (on: string, to: 'applicant' | 'bank', amount = 300_000_00) =>
  ev(
    'funds.disbursed',
    on,
    { receiptId: 'R1', amount, payee: to === 'bank' ? bank : applicant, disbursedOn: on },
    to === 'bank' ? BANK : '8',
  );

const run = (events: CaseEventFact[], mortgages: MortgageFact[] = [mortgage('2023-01-05')]) =>
  model.evaluate(caseFacts({ events, mortgages }), cst('2024-12-31'));

describe('distribution_order_violation', () => {
  it('is defined with the catalogue id and no thresholds', () => {
    expect(DISTRIBUTION_ORDER_VIOLATION_MODEL.meta.id).toBe('distribution_order_violation');
    expect(DISTRIBUTION_ORDER_VIOLATION_MODEL.defaults).toEqual({});
  });

  it('fires when the proceeds of a mortgaged unit go to the applicant and the mortgagee gets nothing', () => {
    const sale = sold('2024-05-10');
    const payout = paid('2024-05-20', 'applicant');
    const e = run([sale, payout]);
    expect(e.leads).toHaveLength(1);
    expect(e.wakeAt).toBeNull();
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain(UNIT);
    expect(lead.statement).toContain('李四');
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual([
      'm-2023-01-05',
      'filed',
      sale.ref.eventId,
      payout.ref.eventId,
    ]);
  });

  it('near miss: the mortgagee is paid first (or the same day)', () => {
    expect(
      run([sold('2024-05-10'), paid('2024-05-15', 'bank'), paid('2024-05-20', 'applicant')]).leads,
    ).toHaveLength(0);
    expect(
      run([sold('2024-05-10'), paid('2024-05-20', 'bank'), paid('2024-05-20', 'applicant')]).leads,
    ).toHaveLength(0);
  });

  it('the mortgagee paid only after the applicant is a hit', () => {
    expect(
      run([sold('2024-05-10'), paid('2024-05-20', 'applicant'), paid('2024-05-25', 'bank')]).leads,
    ).toHaveLength(1);
  });

  it('near miss: the mortgage was released before the sale; released on the sale day still counts', () => {
    const events = [sold('2024-05-10'), paid('2024-05-20', 'applicant')];
    expect(run(events, [mortgage('2023-01-05', '2024-05-09')]).leads).toHaveLength(0);
    expect(run(events, [mortgage('2023-01-05', '2024-05-10')]).leads).toHaveLength(1);
  });

  it('near miss: the mortgage was registered after the sale; a payout before the sale is not its proceeds', () => {
    expect(
      run([sold('2024-05-10'), paid('2024-05-20', 'applicant')], [mortgage('2024-05-11')]).leads,
    ).toHaveLength(0);
    expect(run([paid('2024-03-01', 'applicant'), sold('2024-05-10')]).leads).toHaveLength(0);
  });

  it('an unsold auction is no sale', () => {
    const unsold = ev('auction.held', '2024-05-10', {
      assetRef: unit,
      round: 1,
      startPrice: 700_000_00,
      valuation: 1_000_000_00,
      heldOn: '2024-05-10',
      result: 'unsold',
    });
    expect(run([unsold, paid('2024-05-20', 'applicant')]).leads).toHaveLength(0);
  });

  it('an offset of the mortgaged unit to the applicant is a hit; to the mortgagee it is not', () => {
    const offset = (to: 'applicant' | 'bank') =>
      ev(
        'asset.offset',
        '2024-06-01',
        {
          assetRef: unit,
          offsetValue: 700_000_00,
          to: to === 'bank' ? bank : applicant,
          offsetOn: '2024-06-01',
        },
        to === 'bank' ? BANK : '8',
      );
    expect(run([offset('applicant')]).leads).toHaveLength(1);
    expect(run([offset('bank')]).leads).toHaveLength(0);
  });

  it('recognizes the mortgagee through subject links', () => {
    const facts = caseFacts({
      events: [sold('2024-05-10'), paid('2024-05-15', 'applicant'), paid('2024-05-12', 'bank')],
      mortgages: [{ ...mortgage('2023-01-05'), mortgageeSubjectId: '21' }],
      sameSubject: (id) => (id === '20' || id === '21' ? new Set(['20', '21']) : new Set([id])),
    });
    expect(model.evaluate(facts, cst('2024-12-31')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [sold('2024-05-10'), paid('2024-05-20', 'applicant'), paid('2024-05-25', 'bank')];
    const a = run(events);
    const b = run([...events].reverse());
    expect(b.leads.map((l) => l.statement)).toEqual(a.leads.map((l) => l.statement));
    expect(a.leads).toHaveLength(1);
  });
});
