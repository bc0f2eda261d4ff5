import type { CaseFactSet } from './facts';
import { factsAsOf } from './as-of';

const ref = { source: 's', eventId: 'e' };
const set = (): CaseFactSet => ({
  cases: [
    {
      caseNo: 'A',
      courtCode: '浙0803',
      courtLevel: 'basic',
      filedOn: '2024-01-10',
      claimFen: 1,
      origin: 'judgment',
      category: 'loan',
      closedOn: '2024-05-01',
      closeMethod: 'terminated_this_round',
      filedEvent: ref,
      closedEvent: ref,
    },
    {
      caseNo: 'B',
      courtCode: '浙0803',
      courtLevel: 'basic',
      filedOn: '2024-06-01',
      claimFen: 1,
      origin: 'judgment',
      category: 'loan',
      closedOn: null,
      closeMethod: null,
      filedEvent: ref,
      closedEvent: null,
    },
  ],
  parties: [
    { caseNo: 'A', role: 'respondent', subjectId: '1', kind: 'person', name: 'x', idNo: null, uscc: null },
    { caseNo: 'B', role: 'respondent', subjectId: '1', kind: 'person', name: 'x', idNo: null, uscc: null },
  ],
  events: [
    {
      rawEventId: '1',
      caseNo: 'A',
      type: 'notice.served',
      on: '2024-01-12',
      payload: {},
      ref,
      partySubjectId: null,
    },
    {
      rawEventId: '2',
      caseNo: 'A',
      type: 'inquiry.performed',
      on: '2024-04-12',
      payload: {},
      ref,
      partySubjectId: null,
    },
  ],
  holdings: [
    {
      unitNo: 'U1',
      subjectId: '1',
      share: 1,
      heldFrom: '2023-01-01',
      heldTo: '2024-03-20',
      fromEvent: ref,
      toEvent: ref,
    },
    {
      unitNo: 'U2',
      subjectId: '1',
      share: 1,
      heldFrom: '2024-03-15',
      heldTo: null,
      fromEvent: ref,
      toEvent: null,
    },
  ],
  restorations: [{ caseNo: 'R', previousCaseNo: 'A', restoredOn: '2024-07-01', event: ref }],
  vehicles: [],
  equities: [],
  accounts: [],
  taxes: [],
  transfers: [{ fromSubjectId: '1', toSubjectId: '2', amountFen: 5, on: '2024-03-01', event: ref }],
  mortgages: [
    {
      unitNo: 'U1',
      mortgageeSubjectId: '9',
      securedFen: 1,
      registeredOn: '2023-02-01',
      releasedOn: '2024-03-10',
      event: ref,
    },
  ],
  relations: [],
  links: [],
  relatedCaseNos: ['B'],
});

describe('factsAsOf', () => {
  it('cuts away what happened after the date and undoes later ends', () => {
    const cut = factsAsOf(set(), '2024-03-12');
    expect(cut.cases.map((c) => c.caseNo)).toEqual(['A']);
    expect(cut.cases[0]).toMatchObject({ closedOn: null, closeMethod: null, closedEvent: null });
    expect(cut.parties.map((p) => p.caseNo)).toEqual(['A']);
    expect(cut.events.map((e) => e.rawEventId)).toEqual(['1']);
    expect(cut.holdings).toEqual([expect.objectContaining({ unitNo: 'U1', heldTo: null, toEvent: null })]);
    expect(cut.restorations).toEqual([]);
    expect(cut.mortgages[0]!.releasedOn).toBe('2024-03-10');
    expect(cut.relatedCaseNos).toEqual([]);
  });

  it('keeps everything dated on or before the date as it is', () => {
    const all = factsAsOf(set(), '2024-12-31');
    expect(all).toEqual(set());
  });
});
