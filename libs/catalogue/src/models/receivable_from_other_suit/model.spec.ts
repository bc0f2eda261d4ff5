import type { CaseEventFact, CaseRow, RestorationFact, RelatedCase } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev, party } from '../_kit/fixtures';
import { RECEIVABLE_FROM_OTHER_SUIT_MODEL, ReceivableFromOtherSuitModel } from './model';

const model = new ReceivableFromOtherSuitModel();
const THIS = '（2024）浙0803执100号';
const OTHER = '（2024）浙0803执300号';
/** 张三: respondent '7' of this case, applicant in the other case against '30'. */
const zhangsan = { kind: 'person' as const, name: '张三', idNo: '11010519491231002X' };

const paidInOther = (on: string, payeeSubject = '7', name = '张三') =>
  ev(
    'funds.disbursed',
    on,
    { caseNo: OTHER, receiptId: 'O1', amount: 80_000_00, payee: { ...zhangsan, name }, disbursedOn: on },
    payeeSubject,
  );

function other(events: CaseEventFact[], applicant = '7'): RelatedCase {
  return {
    case: caseRow({
      caseNo: OTHER,
      filedOn: '2024-02-01',
      filedEvent: { source: 'court:浙0803', eventId: 'filed-other' },
    }),
    applicants: [party('applicant', applicant, { caseNo: OTHER, name: '张三' })],
    respondents: [party('respondent', '30', { caseNo: OTHER, name: '赵六' })],
    events,
  };
}

const run = (
  related: RelatedCase[],
  caseOverrides: Partial<CaseRow> = {},
  restorations: RestorationFact[] = [],
) =>
  model.evaluate(
    caseFacts({ case: caseRow(caseOverrides), relatedCases: related, restorations }),
    cst('2024-12-31'),
  );

describe('receivable_from_other_suit', () => {
  it('is defined with the catalogue id and no thresholds', () => {
    expect(RECEIVABLE_FROM_OTHER_SUIT_MODEL.meta.id).toBe('receivable_from_other_suit');
    expect(RECEIVABLE_FROM_OTHER_SUIT_MODEL.defaults).toEqual({});
  });

  it('fires on this (open) case when its respondent is paid as applicant in another case', () => {
    const p = paidInOther('2024-06-03');
    const e = run([other([p])]);
    expect(e.leads).toHaveLength(1);
    expect(e.wakeAt).toBeNull();
    const lead = e.leads[0]!;
    expect(lead.caseNo).toBe(THIS);
    expect(lead.dedupKey).toBe(`case:${THIS}`);
    expect(lead.statement).toContain(OTHER);
    expect(lead.statement).toContain('80000.00元');
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['filed', 'filed-other', p.ref.eventId]);
  });

  it('fires when this case was closed 终本 before the payout', () => {
    const e = run([other([paidInOther('2024-06-03')])], {
      closedOn: '2024-05-01',
      closeMethod: 'terminated_this_round',
      closedEvent: { source: 'court:浙0803', eventId: 'closed' },
    });
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('终结本次执行程序');
    expect(e.leads[0]!.evidence.items.map((i) => i.eventId)).toContain('closed');
  });

  it('near miss: this case was closed fully_performed before the payout (after it: still a hit)', () => {
    const rel = [other([paidInOther('2024-06-03')])];
    expect(run(rel, { closedOn: '2024-06-02', closeMethod: 'fully_performed' }).leads).toHaveLength(0);
    expect(run(rel, { closedOn: '2024-06-03', closeMethod: 'fully_performed' }).leads).toHaveLength(0);
    expect(run(rel, { closedOn: '2024-06-04', closeMethod: 'fully_performed' }).leads).toHaveLength(1);
  });

  it('near miss: the payee is someone else', () => {
    expect(run([other([paidInOther('2024-06-03', '31', '钱七')])]).leads).toHaveLength(0);
  });

  it('near miss: the payout came before this case was filed', () => {
    expect(run([other([paidInOther('2024-01-09')])]).leads).toHaveLength(0);
  });

  it('a 终本 case restored before the payout still fires (the claim is unpaid either way)', () => {
    const restoration: RestorationFact = {
      caseNo: '（2024）浙0803执恢5号',
      previousCaseNo: THIS,
      restoredOn: '2024-06-01',
      event: null,
    };
    const closed = { closedOn: '2024-05-01', closeMethod: 'terminated_this_round' };
    expect(run([other([paidInOther('2024-06-03')])], closed, [restoration]).leads).toHaveLength(1);
  });

  it('needs the respondent to be an applicant of the other case', () => {
    expect(run([other([paidInOther('2024-06-03')], '40')]).leads).toHaveLength(0);
  });

  it('recognizes the respondent through subject links', () => {
    const facts = caseFacts({
      relatedCases: [other([paidInOther('2024-06-03', '70')], '70')],
      sameSubject: (id) => (id === '7' || id === '70' ? new Set(['7', '70']) : new Set([id])),
    });
    expect(model.evaluate(facts, cst('2024-12-31')).leads).toHaveLength(1);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      paidInOther('2024-08-01'),
      paidInOther('2024-06-03'),
      paidInOther('2024-07-01', '31', '钱七'),
    ];
    const a = run([other(events)]);
    const b = run([other([...events].reverse())]);
    expect(a.leads).toHaveLength(1);
    expect(a.leads[0]!.statement).toContain('2024-06-03');
    expect(b.leads.map((l) => l.statement)).toEqual(a.leads.map((l) => l.statement));
  });

  it('no lead before the filing has arrived', () => {
    expect(run([other([paidInOther('2024-06-03')])], { filedOn: null, filedEvent: null }).leads).toHaveLength(
      0,
    );
  });
});
