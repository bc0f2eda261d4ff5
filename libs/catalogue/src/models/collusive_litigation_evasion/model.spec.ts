import type { CaseEventFact, RelationFact, CaseFacts, RelatedCase } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev, party } from '../_kit/fixtures';
import {
  COLLUSIVE_LITIGATION_EVASION,
  COLLUSIVE_LITIGATION_EVASION_MODEL,
  CollusiveLitigationEvasionModel,
} from './model';

const model = new CollusiveLitigationEvasionModel();
const later = cst('2025-01-01');

const A_NO = '（2024）浙0803执50号';
const X = { kind: 'org' as const, name: '某贸易有限公司', uscc: '91350100M000100Y43' };

/** Case A against 张三 (subject 7), filed 2024-01-10 by subject 20. */
function caseA(events: CaseEventFact[] = []): RelatedCase {
  return {
    case: caseRow({
      caseNo: A_NO,
      filedOn: '2024-01-10',
      filedEvent: { source: 'court:浙0803', eventId: 'a-filed' },
    }),
    applicants: [party('applicant', '20', { caseNo: A_NO, name: '王五' })],
    respondents: [party('respondent', '7', { caseNo: A_NO })],
    events,
  };
}

const shareholder = (
  from: string,
  to: string,
  validFrom: string | null = '2023-01-01',
  validTo: string | null = null,
): RelationFact => ({
  kind: 'shareholder',
  fromSubjectId: from,
  toSubjectId: to,
  validFrom,
  validTo,
  event: { source: 'agency:enterprise:330803', eventId: `rel-${from}-${to}` },
});

const payout = (on: string, caseNo?: string) =>
  ev(
    'funds.disbursed',
    on,
    { receiptId: 'R1', amount: 500_000_00, payee: X, disbursedOn: on, ...(caseNo ? { caseNo } : {}) },
    '8',
  );

/**
 * Case B (the screened one): 某贸易有限公司 (subject 8, whose shareholder is 张三) against 张三 on a
 * mediation title, filed 2024-03-04 (Mon), closed fully performed 2024-03-20; paid out 2024-03-15.
 */
function caseB(
  overrides: Partial<CaseFacts> = {},
  b: Partial<CaseFacts['case']> = {},
  events: CaseEventFact[] = [payout('2024-03-15')],
): CaseFacts {
  return caseFacts({
    case: caseRow({
      filedOn: '2024-03-04',
      origin: 'mediation',
      closedOn: '2024-03-20',
      closeMethod: 'fully_performed',
      closedEvent: { source: 'court:浙0803', eventId: 'b-closed' },
      ...b,
    }),
    applicants: [party('applicant', '8', { kind: 'org', name: X.name, uscc: X.uscc, idNo: null })],
    events,
    relatedCases: [caseA()],
    relations: [shareholder('7', '8')],
    ...overrides,
  });
}

describe('collusive_litigation_evasion', () => {
  it('has the catalogue row', () => {
    expect(COLLUSIVE_LITIGATION_EVASION).toMatchObject({
      id: 'collusive_litigation_evasion',
      version: 1,
      title: '虚假诉讼规避执行',
      severity: 'high',
      kind: '类案 → 个案',
      group: 'F',
    });
    expect(COLLUSIVE_LITIGATION_EVASION_MODEL.defaults).toEqual({ closeWithinDays: 30 });
  });

  it('puts the lead on the new case B, with case A and the relation in evidence', () => {
    const e = model.evaluate(caseB(), later);
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.caseNo).toBe('（2024）浙0803执100号');
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('调解书');
    expect(lead.statement).toContain(A_NO);
    expect(lead.statement).toContain('被执行人系申请执行人的股东');
    expect(lead.statement).toContain('领取案款500000.00元');
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(
      expect.arrayContaining(['a-filed', 'filed', 'b-closed', 'rel-7-8']),
    );
    expect(lead.evidence.parties.map((p) => p.role)).toEqual(['applicant', 'respondent']);
  });

  it('fires for a shareholder relation the other way round', () => {
    expect(model.evaluate(caseB({ relations: [shareholder('8', '7')] }), later).leads).toHaveLength(1);
  });

  it('fires for a shared shareholder or a shared legal person, not for co-shareholders', () => {
    const shared = caseB({ relations: [shareholder('9', '8'), shareholder('9', '7')] });
    expect(model.evaluate(shared, later).leads[0]!.statement).toContain('有共同股东');
    const legal = (from: string, to: string): RelationFact => ({
      ...shareholder(from, to),
      kind: 'legal_person',
    });
    const sameLegalPerson = caseB({ relations: [legal('9', '8'), legal('9', '7')] });
    expect(model.evaluate(sameLegalPerson, later).leads[0]!.statement).toContain('法定代表人相同');
    // 8 and 7 both hold shares of company 9: no tie of the catalogue
    const coHolders = caseB({ relations: [shareholder('8', '9'), shareholder('7', '9')] });
    expect(model.evaluate(coHolders, later).leads).toHaveLength(0);
  });

  it('does not fire when the applicant is unrelated, or the relation ended before B', () => {
    expect(model.evaluate(caseB({ relations: [] }), later).leads).toHaveLength(0);
    expect(model.evaluate(caseB({ relations: [shareholder('7', '30')] }), later).leads).toHaveLength(0);
    const ended = caseB({ relations: [shareholder('7', '8', '2020-01-01', '2024-03-01')] });
    expect(model.evaluate(ended, later).leads).toHaveLength(0);
  });

  // 2024-03-04 + 30 = 2024-04-03 (Wed)
  it('fires when B closed on day 30, not on day 31', () => {
    expect(model.evaluate(caseB({}, { closedOn: '2024-04-03' }), later).leads).toHaveLength(1);
    expect(model.evaluate(caseB({}, { closedOn: '2024-04-04' }), later).leads).toHaveLength(0);
    expect(model.evaluate(caseB({}, { closedOn: null, closeMethod: null }), later).leads).toHaveLength(0);
  });

  it('extends the 30 days over a holiday (2024-09-01 + 30 = 2024-10-01 → 2024-10-08)', () => {
    const autumn = (closedOn: string) =>
      caseB({}, { filedOn: '2024-09-01', closedOn }, [payout('2024-09-20')]);
    expect(model.evaluate(autumn('2024-10-08'), later).leads).toHaveLength(1);
    expect(model.evaluate(autumn('2024-10-09'), later).leads).toHaveLength(0);
  });

  it('needs a mediation, arbitration or notarization title and a closing other than a refusal', () => {
    expect(model.evaluate(caseB({}, { origin: 'arbitration' }), later).leads).toHaveLength(1);
    expect(model.evaluate(caseB({}, { origin: 'notarization' }), later).leads).toHaveLength(1);
    expect(model.evaluate(caseB({}, { origin: 'judgment' }), later).leads).toHaveLength(0);
    expect(model.evaluate(caseB({}, { closeMethod: 'not_enforced' }), later).leads).toHaveLength(0);
  });

  it('needs an earlier case against the same respondent', () => {
    expect(model.evaluate(caseB({ relatedCases: [] }), later).leads).toHaveLength(0);
    const sameDay = { ...caseA(), case: { ...caseA().case, filedOn: '2024-03-04' } };
    expect(model.evaluate(caseB({ relatedCases: [sameDay] }), later).leads).toHaveLength(0);
    // a case against the applicant is no earlier case against the respondent
    const againstX = { ...caseA(), respondents: [party('respondent', '8', { caseNo: A_NO })] };
    expect(model.evaluate(caseB({ relatedCases: [againstX] }), later).leads).toHaveLength(0);
  });

  it('needs the applicant to take money, an offset or to object in A', () => {
    expect(model.evaluate(caseB({}, {}, []), later).leads).toHaveLength(0);
    const toOther = ev(
      'funds.disbursed',
      '2024-03-15',
      {
        receiptId: 'R1',
        amount: 500_000_00,
        payee: { kind: 'person', name: '王五' },
        disbursedOn: '2024-03-15',
      },
      '20',
    );
    expect(model.evaluate(caseB({}, {}, [toOther]), later).leads).toHaveLength(0);

    const offset = ev(
      'asset.offset',
      '2024-03-18',
      {
        assetRef: { kind: 'vehicle', id: 'LSVAU2180N2183294' },
        offsetValue: 80_000_00,
        to: X,
        offsetOn: '2024-03-18',
      },
      '8',
    );
    expect(model.evaluate(caseB({}, {}, [offset]), later).leads[0]!.statement).toContain('以物抵债');

    const objection = ev(
      'objection.filed',
      '2024-04-10',
      { caseNo: A_NO, objectionId: 'O1', filedOn: '2024-04-10', by: X },
      '8',
    );
    const objected = caseB({ relatedCases: [caseA([objection])] }, {}, []);
    const e = model.evaluate(objected, later);
    expect(e.leads[0]!.statement).toContain(`在${A_NO}中提出执行异议`);
    // the objection is the last ground: due on its day
    expect(model.evaluate(objected, cst('2024-04-09'))).toEqual({ leads: [], wakeAt: cst('2024-04-10') });
  });

  it('counts money to the applicant in A, and an objection in a later case against the respondent', () => {
    const inA = caseB({ relatedCases: [caseA([payout('2024-03-25', A_NO)])] }, {}, []);
    expect(model.evaluate(inA, later).leads[0]!.statement).toContain(`在${A_NO}中领取案款`);
    const C_NO = '（2024）浙0803执150号';
    const objection = ev(
      'objection.filed',
      '2024-05-06',
      { caseNo: C_NO, objectionId: 'O2', filedOn: '2024-05-06', by: X },
      '8',
    );
    const caseC: RelatedCase = {
      ...caseA([objection]),
      case: caseRow({ caseNo: C_NO, filedOn: '2024-04-15' }),
      respondents: [party('respondent', '7', { caseNo: C_NO })],
    };
    const e = model.evaluate(caseB({ relatedCases: [caseA(), caseC] }, {}, []), later);
    expect(e.leads[0]!.statement).toContain(`在${C_NO}中提出执行异议`);
    // money taken before B was filed is no part of it
    const before = caseB({ relatedCases: [caseA([payout('2024-02-01', A_NO)])] }, {}, []);
    expect(model.evaluate(before, later).leads).toHaveLength(0);
  });

  it('recognises the applicant by identifier when the event names no subject', () => {
    const unresolved = { ...payout('2024-03-15'), partySubjectId: null };
    expect(model.evaluate(caseB({}, {}, [unresolved]), later).leads).toHaveLength(1);
  });

  it('gives the same answer whatever order the facts arrived in', () => {
    const events = [payout('2024-03-15'), payout('2024-03-18')];
    const relations = [shareholder('9', '8'), shareholder('9', '7'), shareholder('7', '8')];
    const a = model.evaluate(caseB({ relations }, {}, events), later);
    const b = model.evaluate(
      caseB({ relations: [...relations].reverse() }, {}, [...events].reverse()),
      later,
    );
    expect(b).toEqual(a);
    expect(a.leads).toHaveLength(1);
  });
});
