import type { CaseEventFact, CaseRow, RelatedCase } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev, party } from '../_kit/fixtures';
import { SELECTIVE_EXECUTION_MODEL, SelectiveExecutionModel } from './model';

const model = new SelectiveExecutionModel();
const LATER = '（2024）浙0803执100号';
const EARLIER = '（2023）浙0803执50号';
const payee = { kind: 'person' as const, name: '李四' };

/** This (later) case: filed 2024-01-10, respondent '7', applicant '8'. */
const payout = (on: string, amount = 50_000_00, payeeSubject: string | null = '8') =>
  ev('funds.disbursed', on, { receiptId: 'R1', amount, payee, disbursedOn: on }, payeeSubject);

/** The earlier case of the same respondent '7', applicant '9', claim 100,000 yuan. */
function earlier(
  caseOverrides: Partial<CaseRow> = {},
  events: CaseEventFact[] = [],
  respondent = '7',
): RelatedCase {
  return {
    case: caseRow({
      caseNo: EARLIER,
      filedOn: '2023-06-01',
      filedEvent: { source: 'court:浙0803', eventId: 'filed-earlier' },
      ...caseOverrides,
    }),
    applicants: [party('applicant', '9', { caseNo: EARLIER, name: '王五' })],
    respondents: [party('respondent', respondent, { caseNo: EARLIER })],
    events,
  };
}
const earlierPaid = (on: string, amount: number) =>
  ev(
    'funds.disbursed',
    on,
    { caseNo: EARLIER, receiptId: 'E1', amount, payee: { kind: 'person', name: '王五' }, disbursedOn: on },
    '9',
  );

const run = (events: CaseEventFact[], related: RelatedCase[]) =>
  model.evaluate(caseFacts({ events, relatedCases: related }), cst('2024-12-31'));

describe('selective_execution', () => {
  it('is defined with the catalogue id, kind 类案 and no thresholds', () => {
    expect(SELECTIVE_EXECUTION_MODEL.meta.id).toBe('selective_execution');
    expect(SELECTIVE_EXECUTION_MODEL.meta.kind).toBe('类案');
    expect(SELECTIVE_EXECUTION_MODEL.defaults).toEqual({});
  });

  it('fires on the later case when it pays out while the earlier case is open and unpaid', () => {
    const p = payout('2024-03-01');
    const e = run([p], [earlier()]);
    expect(e.leads).toHaveLength(1);
    expect(e.wakeAt).toBeNull();
    const lead = e.leads[0]!;
    expect(lead.caseNo).toBe(LATER);
    expect(lead.dedupKey).toBe(`case:${LATER}`);
    expect(lead.statement).toContain(EARLIER);
    expect(lead.statement).toContain('2024-03-01');
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['filed-earlier', 'filed', p.ref.eventId]);
    expect(lead.evidence.facts['earlierCases']).toEqual([
      expect.objectContaining({ caseNo: EARLIER, state: 'open', paidFen: 0 }),
    ]);
  });

  it('fires when the earlier case was closed 终本 by the payout date', () => {
    const closed = earlier({
      closedOn: '2023-12-01',
      closeMethod: 'terminated_this_round',
      closedEvent: { source: 'court:浙0803', eventId: 'closed-earlier' },
    });
    const e = run([payout('2024-03-01')], [closed]);
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('终结本次执行程序');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toContain('closed-earlier');
  });

  it('near miss: the earlier case was closed fully_performed before the payout', () => {
    const done = earlier({ closedOn: '2024-02-01', closeMethod: 'fully_performed' });
    expect(run([payout('2024-03-01')], [done]).leads).toHaveLength(0);
  });

  it('near miss: the earlier case was paid in full before the payout (open, not yet closed)', () => {
    expect(
      run([payout('2024-03-01')], [earlier({}, [earlierPaid('2024-02-20', 100_000_00)])]).leads,
    ).toHaveLength(0);
    // Paid in full only after the later case's payout: still a hit.
    expect(
      run([payout('2024-03-01')], [earlier({}, [earlierPaid('2024-03-02', 100_000_00)])]).leads,
    ).toHaveLength(1);
    // Partly paid before: still unpaid.
    expect(
      run([payout('2024-03-01')], [earlier({}, [earlierPaid('2024-02-20', 99_999_99)])]).leads,
    ).toHaveLength(1);
  });

  it('near miss: payouts in filing order — the related case was filed later (or the same day)', () => {
    expect(run([payout('2024-03-01')], [earlier({ filedOn: '2024-02-01' })]).leads).toHaveLength(0);
    expect(run([payout('2024-03-01')], [earlier({ filedOn: '2024-01-10' })]).leads).toHaveLength(0);
  });

  it('ignores related cases of another respondent (e.g. the applicant sued elsewhere)', () => {
    expect(run([payout('2024-03-01')], [earlier({}, [], '8')]).leads).toHaveLength(0);
  });

  it('counts a payout whoever the payee, also the earlier case’s own applicant holding both claims', () => {
    expect(run([payout('2024-03-01', 1_000_00, '9')], [earlier()]).leads).toHaveLength(1);
    expect(run([payout('2024-03-01', 1_000_00, null)], [earlier()]).leads).toHaveLength(1);
  });

  it('does not compare a case with its own restoration (执恢)', () => {
    const restored = ev('case.restored', '2024-01-10', {
      previousCaseNo: EARLIER,
      restoredOn: '2024-01-10',
    });
    const zhongben = earlier({ closedOn: '2023-12-01', closeMethod: 'terminated_this_round' });
    expect(run([restored, payout('2024-03-01')], [zhongben]).leads).toHaveLength(0);
  });

  describe('earlier control of the same asset', () => {
    const flat = { kind: 'realestate' as const, id: '330803001001GB00001F0001' };
    const seal = (caseNo: string, on: string, id: string) =>
      ev('asset.controlled', on, {
        caseNo,
        controlId: id,
        measure: 'seal',
        assetRef: flat,
        owner: { kind: 'person', name: '张三' },
        value: 100_000_00,
        controlledOn: on,
        expiresOn: '2027-01-01',
      });
    // The related case is filed after this one (2024-02-01) but seals the flat first.
    const filedLater = (sealedOn: string) =>
      earlier({ filedOn: '2024-02-01' }, [seal(EARLIER, sealedOn, 'K-E')]);

    it('fires when a later-filed case sealed the flat before this case did and is left unpaid', () => {
      const ours = seal(LATER, '2024-02-10', 'K-L');
      const e = run([ours, payout('2024-05-01')], [filedLater('2024-02-05')]);
      expect(e.leads).toHaveLength(1);
      expect(e.leads[0]!.statement).toContain('在先控制');
      expect(e.leads[0]!.statement).not.toContain('在后立案');
      expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toContain(ours.ref.eventId);
      expect(e.leads[0]!.evidence.facts['earlierCases']).toEqual([
        expect.objectContaining({ precedence: 'control', controlledOn: '2024-02-05' }),
      ]);
    });

    it('near miss: this case sealed the flat first (or the same day), or the related case sealed another asset', () => {
      const ours = seal(LATER, '2024-02-10', 'K-L');
      expect(run([ours, payout('2024-05-01')], [filedLater('2024-02-10')]).leads).toHaveLength(0);
      expect(run([ours, payout('2024-05-01')], [filedLater('2024-02-11')]).leads).toHaveLength(0);
      expect(run([payout('2024-05-01')], [filedLater('2024-02-05')]).leads).toHaveLength(0);
    });
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [payout('2024-03-01'), payout('2024-04-01'), payout('2024-02-01', 1_000_00, '9')];
    const rel = [earlier({}, [earlierPaid('2024-01-20', 10_000_00)])];
    const a = run(events, rel);
    const b = run([...events].reverse(), rel);
    expect(a.leads).toHaveLength(1);
    expect(b.leads.map((l) => l.statement)).toEqual(a.leads.map((l) => l.statement));
  });

  it('no lead before the filing has arrived', () => {
    const f = caseFacts({
      case: caseRow({ filedOn: null, filedEvent: null }),
      events: [payout('2024-03-01')],
      relatedCases: [earlier()],
    });
    expect(model.evaluate(f, cst('2024-12-31')).leads).toHaveLength(0);
  });
});
