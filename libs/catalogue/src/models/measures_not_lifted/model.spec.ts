import type { CaseEventFact } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { MeasuresNotLiftedModel } from './model';

const model = new MeasuresNotLiftedModel();

const served = (notice: 'dishonest_list' | 'consumption_restriction', on: string) =>
  ev('notice.served', on, { notice, servedOn: on });
const lifted = (restriction: 'dishonest_list' | 'consumption_restriction', on: string) =>
  ev('restriction.lifted', on, { restriction, liftedOn: on });
const seal = (id = 'K1', on = '2024-02-01', expiresOn = '2027-01-31') =>
  ev('asset.controlled', on, {
    controlId: id,
    measure: 'seal',
    assetRef: { kind: 'realestate', id: `U-${id}` },
    owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
    value: 50_000_00,
    controlledOn: on,
    expiresOn,
  });
const released = (on: string, id = 'K1') =>
  ev('asset.released', on, { controlId: id, releasedOn: on, reason: '执行完毕' });

const closing = (closedOn: string, closeMethod = 'fully_performed') => ({
  closedOn,
  closeMethod,
  closedEvent: { source: 'court:浙0803', eventId: 'closed' },
});
const facts = (events: CaseEventFact[], closedOn = '2024-03-01', method = 'fully_performed') =>
  caseFacts({ case: caseRow(closing(closedOn, method)), events });
const leads = (events: CaseEventFact[], closedOn = '2024-03-01', asOf = '2025-01-01') =>
  model.evaluate(facts(events, closedOn), cst(asOf)).leads;

describe('measures_not_lifted', () => {
  describe('dishonest list', () => {
    // Closed 2024-03-01 (Fri): 3 working days → 2024-03-06 (Wed).
    const listed = served('dishonest_list', '2024-02-01');
    it('fires when the entry is not lifted within 3 working days of closing', () => {
      expect(model.evaluate(facts([listed]), cst('2024-03-06')).leads).toHaveLength(0);
      expect(model.evaluate(facts([listed]), cst('2024-03-02')).wakeAt).toEqual(cst('2024-03-07'));
      const lead = model.evaluate(facts([listed]), cst('2024-03-07')).leads[0]!;
      expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
      expect(lead.statement).toContain('失信被执行人名单');
      expect(lead.statement).toContain('2024-03-06');
      expect(lead.evidence.items.map((i) => i.eventId)).toEqual(['filed', listed.ref.eventId, 'closed']);
    });

    it('lifted on the 3rd working day is in time, on the 4th late', () => {
      expect(leads([listed, lifted('dishonest_list', '2024-03-06')])).toHaveLength(0);
      const late = leads([listed, lifted('dishonest_list', '2024-03-07')]);
      expect(late).toHaveLength(1);
      expect(late[0]!.statement).toContain('迟至2024-03-07');
    });

    it('counts working days across the National Day holiday and its make-up Sunday', () => {
      // Closed 2024-09-27 (Fri): 09-29 (make-up Sunday), 09-30, 10-08.
      expect(leads([listed, lifted('dishonest_list', '2024-10-08')], '2024-09-27')).toHaveLength(0);
      expect(leads([listed, lifted('dishonest_list', '2024-10-09')], '2024-09-27')).toHaveLength(1);
    });

    it('an entry lifted before closing is not pending; one listed again is', () => {
      expect(leads([listed, lifted('dishonest_list', '2024-02-20')])).toHaveLength(0);
      expect(
        leads([listed, lifted('dishonest_list', '2024-02-20'), served('dishonest_list', '2024-02-25')]),
      ).toHaveLength(1);
    });

    it('the consumption restriction is not a ground', () => {
      expect(leads([served('consumption_restriction', '2024-01-14')])).toHaveLength(0);
      expect(leads([listed, lifted('consumption_restriction', '2024-03-02')])).toHaveLength(1);
    });
  });

  describe('controls', () => {
    // Closed 2024-03-01: + 30 = 2024-03-31 (Sun) → 2024-04-01.
    it('fires when a seal still binds after the release period', () => {
      expect(model.evaluate(facts([seal()]), cst('2024-04-01')).leads).toHaveLength(0);
      expect(model.evaluate(facts([seal()]), cst('2024-03-10')).wakeAt).toEqual(cst('2024-04-02'));
      const lead = model.evaluate(facts([seal()]), cst('2024-04-02')).leads[0]!;
      expect(lead.statement).toContain('查封不动产U-K1');
      expect(lead.statement).toContain('2024-04-01');
    });

    it('released on the last day is in time; the day after is late', () => {
      expect(leads([seal(), released('2024-04-01')])).toHaveLength(0);
      expect(leads([seal(), released('2024-02-15')])).toHaveLength(0);
      const late = leads([seal(), released('2024-04-02')]);
      expect(late).toHaveLength(1);
      expect(late[0]!.evidence.items.filter((i) => i.context)).toHaveLength(1);
    });

    it('a seal that expires within the period needs no release', () => {
      expect(leads([seal('K1', '2023-04-01', '2024-03-20')])).toHaveLength(0);
      expect(leads([seal('K1', '2023-04-01', '2024-04-01')])).toHaveLength(0);
      expect(leads([seal('K1', '2023-04-01', '2024-04-02')])).toHaveLength(1);
    });
  });

  it('lists both grounds in one lead, once both are due', () => {
    const events = [served('dishonest_list', '2024-02-01'), seal()];
    const early = model.evaluate(facts(events), cst('2024-03-10'));
    expect(early.leads[0]!.statement).not.toContain('查封');
    expect(early.wakeAt).toEqual(cst('2024-04-02'));
    const lead = leads(events)[0]!;
    expect(lead.statement).toContain('失信');
    expect(lead.statement).toContain('查封');
  });

  it('only after full performance, and only once the filing has arrived', () => {
    const events = [served('dishonest_list', '2024-02-01'), seal()];
    expect(
      model.evaluate(facts(events, '2024-03-01', 'terminated_this_round'), cst('2025-01-01')).leads,
    ).toHaveLength(0);
    expect(model.evaluate(caseFacts({ case: caseRow(), events }), cst('2025-01-01')).leads).toHaveLength(0);
    expect(
      model.evaluate(
        caseFacts({ case: caseRow({ ...closing('2024-03-01'), filedOn: null }), events }),
        cst('2025-01-01'),
      ).leads,
    ).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      served('dishonest_list', '2024-02-01'),
      seal('K1'),
      seal('K2'),
      released('2024-03-20', 'K2'),
      lifted('dishonest_list', '2024-03-08'),
    ];
    const a = model.evaluate(facts(events), cst('2025-01-01'));
    expect(model.evaluate(facts([...events].reverse()), cst('2025-01-01'))).toEqual(a);
    expect(a.leads[0]!.statement).toContain('U-K1');
    expect(a.leads[0]!.statement).not.toContain('U-K2');
  });
});
