import { deadlineOf, todayCst, type DeadlineFacts } from './deadlines';

const policy = { escalateAfterDays: 7, followupActWithinDays: 30 };
const facts = (over: Partial<DeadlineFacts>): DeadlineFacts => ({
  status: 'new',
  arrivedAt: new Date('2024-03-01T10:00:00+08:00'),
  suggestionServedOn: null,
  suggestionExtended: false,
  courtReply: null,
  courtRepliedOn: null,
  recoveredFen: null,
  ...over,
});

describe('deadlineOf', () => {
  it('gives a new lead ESCALATE_AFTER_DAYS calendar days from its arrival to be claimed', () => {
    expect(deadlineOf(facts({}), '2024-03-08', policy)).toEqual({
      kind: 'claim',
      label: '认领期限',
      due: '2024-03-08',
      overdue: false,
      daysOverdue: 0,
    });
    expect(deadlineOf(facts({}), '2024-03-10', policy)).toMatchObject({ overdue: true, daysOverdue: 2 });
    // Arrival is counted in China time: 23:30 UTC on 29 Feb is 1 March in Beijing.
    expect(
      deadlineOf(facts({ arrivedAt: new Date('2024-02-29T23:30:00Z') }), '2024-03-01', policy)?.due,
    ).toBe('2024-03-08');
  });

  it('gives the court 3 months to reply (4 when extended), moved past rest days as art. 85 says', () => {
    const served = facts({ status: 'suggestion_issued', suggestionServedOn: '2024-04-01' });
    // 2024-07-01 is a Monday.
    expect(deadlineOf(served, '2024-07-01', policy)).toMatchObject({
      kind: 'court_reply',
      label: '法院回复期限',
      due: '2024-07-01',
      overdue: false,
    });
    expect(deadlineOf(served, '2024-07-03', policy)).toMatchObject({ overdue: true, daysOverdue: 2 });
    // 2024-08-01 is a Thursday; extended, the reply is due then.
    expect(deadlineOf({ ...served, suggestionExtended: true }, '2024-07-03', policy)).toMatchObject({
      due: '2024-08-01',
      overdue: false,
    });
    // 2024-06-30 is a Sunday: a period served on 2024-03-30 ends on Monday 2024-07-01.
    expect(deadlineOf({ ...served, suggestionServedOn: '2024-03-30' }, '2024-07-01', policy)?.due).toBe(
      '2024-07-01',
    );
  });

  it('gives an adopted reply FOLLOWUP_ACT_WITHIN_DAYS for the rectification, and nothing after it', () => {
    const adopted = facts({
      status: 'court_replied',
      suggestionServedOn: '2024-04-01',
      courtReply: 'adopted',
      courtRepliedOn: '2024-06-03',
    });
    expect(deadlineOf(adopted, '2024-07-10', policy)).toMatchObject({
      kind: 'rectification',
      label: '整改落实期限',
      due: '2024-07-03',
      overdue: true,
      daysOverdue: 7,
    });
    expect(deadlineOf({ ...adopted, recoveredFen: 100 }, '2024-07-10', policy)).toBeNull();
    expect(deadlineOf({ ...adopted, courtReply: 'not_adopted' }, '2024-07-10', policy)).toBeNull();
    for (const status of ['claimed', 'accepted', 'rejected', 'rectified', 'closed'])
      expect(deadlineOf(facts({ status }), '2030-01-01', policy)).toBeNull();
  });

  it('reads today in China time', () => {
    expect(todayCst(new Date('2024-03-01T16:30:00Z'))).toBe('2024-03-02');
  });
});
