import type { CaseEventFact, CaseFacts } from '@zhijian/domain';
import { caseFacts, caseRow, cst, ev } from '../_kit/fixtures';
import { RightsNoticeLateModel } from './model';

const model = new RightsNoticeLateModel();
const CLOSED_ON = '2024-05-10';

const interview = (on: string) => ev('notice.served', on, { notice: 'applicant_interview', servedOn: on });

/** A case closed on 2024-05-10 (by default 终本, the applicant notified that day) with `events` before it. */
function facts(
  events: CaseEventFact[],
  opts: { method?: string; notifiedOn?: string | null; closedOn?: string } = {},
): CaseFacts {
  const closedOn = opts.closedOn ?? CLOSED_ON;
  const notifiedOn = opts.notifiedOn === undefined ? closedOn : opts.notifiedOn;
  const method = (opts.method ?? 'terminated_this_round') as 'terminated_this_round';
  const closing = ev('case.closed', closedOn, {
    closedOn,
    method,
    recoveredAmount: 0,
    ...(notifiedOn ? { applicantNotifiedOn: notifiedOn } : {}),
  });
  return caseFacts({
    case: caseRow({ closedOn, closeMethod: method, closedEvent: closing.ref }),
    events: [...events, closing].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)),
  });
}

describe('rights_notice_late', () => {
  it('does not fire for a 终本 closing with the applicant notified and interviewed before it', () => {
    expect(model.evaluate(facts([interview('2024-03-01')]), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('fires when the closing does not record that the applicant was notified', () => {
    const f = facts([interview('2024-03-01')], { notifiedOn: null });
    const e = model.evaluate(f, cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    const lead = e.leads[0]!;
    expect(lead.dedupKey).toBe('case:（2024）浙0803执100号');
    expect(lead.statement).toBe(
      '（2024）浙0803执100号于2024-05-10以终结本次执行程序结案，未告知申请执行人。',
    );
    expect(lead.evidence.facts).toMatchObject({ applicantNotifiedOn: null, interviewedOn: '2024-03-01' });
    // The applicant is a party of this lead.
    expect(lead.evidence.parties.map((p) => p.role)).toEqual(['applicant', 'respondent']);
    const grounds = lead.evidence.items.filter((i) => !i.context).map((i) => i.eventId);
    expect(grounds).toEqual(['filed', f.case.closedEvent!.eventId]);
  });

  it('fires when the applicant was notified only after the closing date, not when on it', () => {
    const late = model.evaluate(
      facts([interview('2024-03-01')], { notifiedOn: '2024-05-11' }),
      cst('2024-06-01'),
    );
    expect(late.leads).toHaveLength(1);
    expect(late.leads[0]!.statement).toContain('迟至2024-05-11才告知申请执行人');
    expect(
      model.evaluate(facts([interview('2024-03-01')], { notifiedOn: '2024-05-09' }), cst('2024-06-01')).leads,
    ).toHaveLength(0);
  });

  it('fires without an applicant interview, and when the interview came only after the closing', () => {
    const none = model.evaluate(facts([]), cst('2024-06-01'));
    expect(none.leads).toHaveLength(1);
    expect(none.leads[0]!.statement).toContain('结案前未约谈申请执行人');
    const after = model.evaluate(facts([interview('2024-05-11')]), cst('2024-06-01'));
    expect(after.leads).toHaveLength(1);
    expect(after.leads[0]!.evidence.facts).toMatchObject({ laterInterviewOn: '2024-05-11' });
  });

  it('counts an interview on the closing date as before the closing', () => {
    expect(model.evaluate(facts([interview(CLOSED_ON)]), cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('names both failures in one lead', () => {
    const e = model.evaluate(facts([], { notifiedOn: null }), cst('2024-06-01'));
    expect(e.leads).toHaveLength(1);
    expect(e.leads[0]!.statement).toContain('未告知申请执行人，且结案前未约谈申请执行人');
  });

  it('is due once the closing day is over, and asks to be woken then', () => {
    const during = model.evaluate(facts([]), cst('2024-05-10T15:00:00+08:00'));
    expect(during).toEqual({ leads: [], wakeAt: cst('2024-05-11') });
    expect(model.evaluate(facts([]), cst('2024-05-11')).leads).toHaveLength(1);
  });

  it('ignores closings other than 终本, open cases, and cases whose filing has not arrived', () => {
    for (const method of ['fully_performed', 'terminated', 'withdrawn']) {
      expect(model.evaluate(facts([], { method, notifiedOn: null }), cst('2024-06-01')).leads).toHaveLength(
        0,
      );
    }
    expect(model.evaluate(caseFacts(), cst('2025-01-01'))).toEqual({ leads: [], wakeAt: null });
    const unfiled = facts([], { notifiedOn: null });
    unfiled.case = { ...unfiled.case, filedOn: null, filedEvent: null };
    expect(model.evaluate(unfiled, cst('2024-06-01')).leads).toHaveLength(0);
  });

  it('gives the same answer whatever the order the events arrived in', () => {
    const f = facts([interview('2024-05-11'), interview('2024-02-01')], { notifiedOn: null });
    const reversed = { ...f, events: [...f.events].reverse() };
    // Timelines are sorted by business date when loaded; an unsorted list gives the same answer too.
    const a = model.evaluate(f, cst('2024-06-01'));
    expect(a.leads).toHaveLength(1);
    expect(model.evaluate(reversed, cst('2024-06-01'))).toEqual(a);
  });
});
