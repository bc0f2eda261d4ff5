import type { CaseEventFact } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { AssetInquiryLateModel } from './model';

const model = new AssetInquiryLateModel();

const national = (on: string) =>
  ev('inquiry.performed', on, {
    channel: 'network_national',
    scopes: ['deposit', 'realestate', 'vehicle', 'securities', 'equity'],
    performedOn: on,
    found: false,
  });
const clue = (id: string, on: string) =>
  ev('clue.received', on, { clueId: id, receivedOn: on, description: '被执行人名下车辆' });
const verified = (id: string, on: string) =>
  ev('clue.verified', on, { clueId: id, verifiedOn: on, outcome: 'not_found' });

function facts(
  events: CaseEventFact[],
  filedOn: string | null = '2024-01-10',
  closed: Partial<ReturnType<typeof caseRow>> = {},
) {
  return caseFacts({ case: caseRow({ filedOn, ...closed }), events });
}

describe('asset_inquiry_late', () => {
  // Filed 2024-01-10: + 30 days = 2024-02-09 (Fri), the last day for the 总对总 inquiry.
  it('fires the day after the last day when no network_national inquiry was made', () => {
    expect(model.evaluate(facts([]), cst('2024-02-09')).leads).toHaveLength(0);
    const e = model.evaluate(facts([]), cst('2024-02-10'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.caseNo).toBe('（2024）浙0803执100号');
    expect(lead.statement).toContain('2024-02-09');
    expect(lead.statement).toContain('总对总');
    expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['filed']);
  });

  it('asks to be woken at the deadline when not yet due', () => {
    expect(model.evaluate(facts([]), cst('2024-01-20')).wakeAt).toEqual(cst('2024-02-10'));
    expect(model.evaluate(facts([national('2024-01-13')]), cst('2024-01-20')).wakeAt).toBeNull();
  });

  it('an inquiry on day 30 is in time, on day 31 late (shown as context)', () => {
    expect(model.evaluate(facts([national('2024-02-09')]), cst('2024-06-01')).leads).toHaveLength(0);
    const late = model.evaluate(facts([national('2024-02-10')]), cst('2024-06-01')).leads;
    expect(late).toHaveLength(1);
    expect(late[0]!.statement).toContain('迟至2024-02-10');
    expect(late[0]!.evidence.items.filter((i) => i.context)).toHaveLength(1);
  });

  it('does not count network_local or onsite inquiries', () => {
    const local = ev('inquiry.performed', '2024-01-12', {
      channel: 'network_local',
      scopes: ['deposit'],
      performedOn: '2024-01-12',
      found: false,
    });
    expect(model.evaluate(facts([local]), cst('2024-03-01')).leads).toHaveLength(1);
  });

  it('extends a deadline ending in a holiday to the next working day', () => {
    // 2024-09-01 + 30 = 2024-10-01 (National Day) -> 2024-10-08
    expect(
      model.evaluate(facts([national('2024-10-08')], '2024-09-01'), cst('2024-12-01')).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts([national('2024-10-09')], '2024-09-01'), cst('2024-12-01')).leads,
    ).toHaveLength(1);
    expect(model.evaluate(facts([], '2024-09-01'), cst('2024-10-08')).leads).toHaveLength(0);
    expect(model.evaluate(facts([], '2024-09-01'), cst('2024-10-09')).leads).toHaveLength(1);
  });

  describe('applicant clues', () => {
    const ok = national('2024-01-12');
    // received 2024-03-01 (Fri) + 7 = 2024-03-08 (Fri)
    it('fires when a clue is not verified by the 7th day', () => {
      const f = facts([ok, clue('C1', '2024-03-01')]);
      expect(model.evaluate(f, cst('2024-03-08')).leads).toHaveLength(0);
      expect(model.evaluate(f, cst('2024-03-08')).wakeAt).toEqual(cst('2024-03-09'));
      const lead = model.evaluate(f, cst('2024-03-09')).leads[0]!;
      expect(lead.statement).toContain('C1');
      expect(lead.statement).not.toContain('总对总');
      expect(lead.evidence.items).toHaveLength(2);
    });

    it('verified on day 7 is in time; on day 8 it is late', () => {
      expect(
        model.evaluate(facts([ok, clue('C1', '2024-03-01'), verified('C1', '2024-03-08')]), cst('2024-06-01'))
          .leads,
      ).toHaveLength(0);
      const late = model.evaluate(
        facts([ok, clue('C1', '2024-03-01'), verified('C1', '2024-03-09')]),
        cst('2024-06-01'),
      ).leads;
      expect(late).toHaveLength(1);
      expect(late[0]!.statement).toContain('迟至2024-03-09');
    });

    it('matches the verification by clueId', () => {
      const f = facts([ok, clue('C1', '2024-03-01'), clue('C2', '2024-03-01'), verified('C2', '2024-03-02')]);
      const lead = model.evaluate(f, cst('2024-06-01')).leads[0]!;
      expect(lead.statement).toContain('C1');
      expect(lead.statement).not.toContain('C2');
    });

    it('a control of the asset the clue names, in time, counts as its verification', () => {
      const named = ev('clue.received', '2024-03-01', {
        clueId: 'C1',
        receivedOn: '2024-03-01',
        assetRef: { kind: 'vehicle', id: 'LSVAA4182E2184821' },
        description: '被执行人名下车辆',
      });
      const seized = (on: string) =>
        ev('asset.controlled', on, {
          controlId: 'K1',
          measure: 'seize',
          assetRef: { kind: 'vehicle', id: 'LSVAA4182E2184821' },
          owner: { kind: 'person', name: '张三' },
          value: 50_000_00,
          controlledOn: on,
          expiresOn: '2026-03-01',
        });
      expect(model.evaluate(facts([ok, named, seized('2024-03-08')]), cst('2024-06-01')).leads).toHaveLength(
        0,
      );
      expect(model.evaluate(facts([ok, named, seized('2024-03-09')]), cst('2024-06-01')).leads).toHaveLength(
        1,
      );
    });

    it('holiday: received 2024-09-24, verified 2024-10-08 is in time', () => {
      expect(
        model.evaluate(facts([ok, clue('C1', '2024-09-24'), verified('C1', '2024-10-08')]), cst('2024-12-01'))
          .leads,
      ).toHaveLength(0);
      expect(
        model.evaluate(facts([ok, clue('C1', '2024-09-24'), verified('C1', '2024-10-09')]), cst('2024-12-01'))
          .leads,
      ).toHaveLength(1);
    });

    it('lists both grounds in one lead', () => {
      const lead = model.evaluate(facts([clue('C1', '2024-03-01')]), cst('2024-06-01')).leads;
      expect(lead).toHaveLength(1);
      expect(lead[0]!.statement).toContain('总对总');
      expect(lead[0]!.statement).toContain('C1');
    });
  });

  it('no lead when the case was fully performed before the deadline; a 终本 closing does not excuse', () => {
    const closed = (method: string) => ({
      closedOn: '2024-01-25',
      closeMethod: method,
      closedEvent: { source: 'court:浙0803', eventId: 'closed' },
    });
    expect(
      model.evaluate(facts([], '2024-01-10', closed('fully_performed')), cst('2024-06-01')).leads,
    ).toHaveLength(0);
    expect(
      model.evaluate(facts([], '2024-01-10', closed('fully_performed')), cst('2024-01-20')).wakeAt,
    ).toBeNull();
    expect(
      model.evaluate(facts([], '2024-01-10', closed('terminated_this_round')), cst('2024-06-01')).leads,
    ).toHaveLength(1);
  });

  it('no lead before the filing has arrived', () => {
    expect(model.evaluate(facts([clue('C1', '2024-03-01')], null), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [national('2024-02-10'), clue('C1', '2024-03-01'), verified('C1', '2024-03-12')];
    const a = model.evaluate(facts(events), cst('2024-06-01'));
    const b = model.evaluate(facts([...events].reverse()), cst('2024-06-01'));
    expect(b).toEqual(a);
    expect(a.leads).toHaveLength(1);
  });
});
