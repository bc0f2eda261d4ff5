import type { CaseEventFact } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { SeizureLapsedModel } from './model';

const model = new SeizureLapsedModel();

const freeze = (id = 'K1', on = '2024-01-15', expiresOn = '2025-01-14') =>
  ev('asset.controlled', on, {
    controlId: id,
    measure: 'freeze',
    assetRef: { kind: 'bank_account', id: `A-${id}` },
    owner: { kind: 'person', name: '张三', idNo: '11010519491231002X' },
    value: 50_000_00,
    controlledOn: on,
    expiresOn,
  });
const renewed = (on: string, expiresOn: string, id = 'K1') =>
  ev('asset.renewed', on, { controlId: id, renewedOn: on, expiresOn });
const released = (on: string, id = 'K1') =>
  ev('asset.released', on, { controlId: id, releasedOn: on, reason: '解除' });

const closed = (closedOn: string, closeMethod: string) => ({
  closedOn,
  closeMethod,
  closedEvent: { source: 'court:浙0803', eventId: 'closed' },
});
const facts = (events: CaseEventFact[], caseOverrides = {}) =>
  caseFacts({ case: caseRow(caseOverrides), events });
const leads = (events: CaseEventFact[], caseOverrides = {}, asOf = '2026-06-01') =>
  model.evaluate(facts(events, caseOverrides), cst(asOf)).leads;

describe('seizure_lapsed', () => {
  // A one-year bank freeze from 2024-01-15 to 2025-01-14.
  it('fires the day after expiresOn when the freeze was neither renewed nor released', () => {
    expect(model.evaluate(facts([freeze()]), cst('2025-01-14')).leads).toHaveLength(0);
    const e = model.evaluate(facts([freeze()]), cst('2025-01-15'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toContain('2025-01-14');
    expect(lead.statement).toContain('冻结银行存款期限不得超过一年');
    expect(lead.evidence.facts).toMatchObject({ controls: [{ controlId: 'K1', expiredOn: '2025-01-14' }] });
  });

  it('asks to be woken the day after the current expiry', () => {
    expect(model.evaluate(facts([freeze()]), cst('2024-06-01')).wakeAt).toEqual(cst('2025-01-15'));
    expect(
      model.evaluate(facts([freeze(), renewed('2025-01-10', '2026-01-09')]), cst('2025-06-01')).wakeAt,
    ).toEqual(cst('2026-01-10'));
  });

  it('a renewal on the last day keeps it; a renewal the day after comes too late', () => {
    expect(leads([freeze(), renewed('2025-01-14', '2026-01-13')], {}, '2025-12-01')).toHaveLength(0);
    const late = leads([freeze(), renewed('2025-01-15', '2026-01-14')], {}, '2025-12-01');
    expect(late).toHaveLength(1);
    expect(late[0]!.statement).toContain('2025-01-14');
    expect(late[0]!.evidence.items.filter((i) => i.context)).toHaveLength(1);
  });

  it('follows the renewed expiry', () => {
    const events = [freeze(), renewed('2025-01-10', '2026-01-09')];
    expect(leads(events, {}, '2026-01-09')).toHaveLength(0);
    const lead = leads(events, {}, '2026-01-10')[0]!;
    expect(lead.statement).toContain('2026-01-09');
  });

  it('a release on or before the expiry ends the duty; a release after it does not', () => {
    expect(leads([freeze(), released('2024-06-01')])).toHaveLength(0);
    expect(leads([freeze(), released('2025-01-14')])).toHaveLength(0);
    expect(leads([freeze(), released('2025-01-15')])).toHaveLength(1);
  });

  it('watches open and 终本 cases, not cases closed otherwise before the expiry', () => {
    expect(leads([freeze()], closed('2024-06-01', 'terminated_this_round'))).toHaveLength(1);
    expect(leads([freeze()], closed('2024-06-01', 'fully_performed'))).toHaveLength(0);
    expect(
      model.evaluate(facts([freeze()], closed('2024-06-01', 'withdrawn')), cst('2024-07-01')).wakeAt,
    ).toBeNull();
    expect(leads([freeze()], closed('2025-01-14', 'fully_performed'))).toHaveLength(0);
    expect(leads([freeze()], closed('2025-01-20', 'fully_performed'))).toHaveLength(1);
  });

  it('names every lapsed control in one lead', () => {
    const lead = leads([freeze('K1'), freeze('K2', '2024-03-01', '2025-02-28')])[0]!;
    expect(lead.statement).toContain('A-K1');
    expect(lead.statement).toContain('A-K2');
  });

  it('no lead before the filing has arrived', () => {
    expect(leads([freeze()], { filedOn: null })).toHaveLength(0);
  });

  it('gives the same answer whatever the arrival order', () => {
    const events = [
      freeze('K1'),
      renewed('2025-01-14', '2026-01-13'),
      freeze('K2', '2024-03-01', '2025-02-28'),
      released('2025-02-28', 'K2'),
      renewed('2026-01-20', '2027-01-19'),
    ];
    const a = model.evaluate(facts(events), cst('2026-06-01'));
    expect(model.evaluate(facts([...events].reverse()), cst('2026-06-01'))).toEqual(a);
    expect(a.leads).toHaveLength(1);
    expect(a.leads[0]!.statement).toContain('2026-01-13');
    expect(a.leads[0]!.statement).not.toContain('A-K2');
  });
});
