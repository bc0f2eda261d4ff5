import { decideEscalation, escalationCutoff, type EscalationCandidate } from './escalation';

const DAY = 86_400_000;
const created = new Date('2024-05-01T02:00:00Z');
const at = (days: number, ms = 0) => new Date(created.getTime() + days * DAY + ms);
const lead = (overrides: Partial<EscalationCandidate> = {}): EscalationCandidate => ({
  status: 'new',
  unitCode: '330803',
  arrivedAt: created,
  escalationLevel: 0,
  ...overrides,
});

describe('decideEscalation', () => {
  it('waits exactly the configured days, and escalates one tier up just after', () => {
    expect(decideEscalation(lead(), at(7), 7)).toBeNull();
    expect(decideEscalation(lead(), at(7, 1), 7)).toEqual({ toUnit: '330800', toTier: 'city', level: 1 });
    expect(decideEscalation(lead(), at(3, 1), 3)).not.toBeNull();
  });

  it('goes county → city → province, and no further', () => {
    expect(decideEscalation(lead({ unitCode: '330800', escalationLevel: 1 }), at(30), 7)).toEqual({
      toUnit: '330000',
      toTier: 'province',
      level: 2,
    });
    expect(decideEscalation(lead({ unitCode: '330000', escalationLevel: 2 }), at(60), 7)).toBeNull();
  });

  it('leaves claimed and handled leads alone', () => {
    for (const status of ['claimed', 'accepted', 'rejected', 'suggestion_issued', 'closed']) {
      expect(decideEscalation(lead({ status }), at(30), 7)).toBeNull();
    }
  });

  it('counts from when the lead reached its office (an escalation or reassignment restarts the wait)', () => {
    const arrived = at(10);
    expect(decideEscalation(lead({ unitCode: '330800', arrivedAt: arrived }), at(16), 7)).toBeNull();
    expect(decideEscalation(lead({ unitCode: '330800', arrivedAt: arrived }), at(17, 1), 7)).not.toBeNull();
  });

  it('bounds the query at the same instant the decision uses', () => {
    expect(escalationCutoff(at(7), 7)).toEqual(created);
  });
});
