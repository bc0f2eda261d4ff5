import { caseClosed, caseFiled, courtEvent, usccOf, type WireParty } from '@zhijian/simulator';
import {
  COURT,
  expectJobs,
  hubRunning,
  itRaisesThePlantedLeads,
  modelsOfGroup,
  person,
  UNIT,
} from './fixtures';

/**
 * Catalogue group D (程序) through the real pipeline: court events published on Kafka, screened
 * by the hub running the group's models, the lead written with its office and queued in that
 * office's intake queue. Then every plant of the group's models (each model folder's
 * scenarios.ts) replayed as a small province: exactly the planted leads, at the planted offices.
 * The clock is `auto`: once the feeds are idle, business time is now, long past every deadline
 * of 2024.
 */
const D_MODELS = modelsOfGroup('D');

const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf(UNIT, 41) };

/**
 * A case filed 2024-01-10 (day 10 is Saturday 2024-01-20: the last day to serve is Monday
 * 2024-01-22), both notices served on `servedOn`, the applicant interviewed, fully performed on
 * 2024-03-01: it breaks no model of group D but service_overdue when `servedOn` is late.
 */
function servedCase(n: number, servedOn: string) {
  const caseNo = `（2024）${COURT}执${n}号`;
  const debtor = person(n, `被执行人${n}`, '1981-02-03');
  const notice = (kind: string, on: string, i: number) =>
    courtEvent({
      eventId: `d-${n}-notice-${i}`,
      courtCode: COURT,
      caseNo,
      type: 'notice.served',
      on,
      fields: { notice: kind },
      minutes: i,
    });
  return {
    caseNo,
    events: [
      caseFiled({
        eventId: `d-${n}-filed`,
        courtCode: COURT,
        caseNo,
        filedOn: '2024-01-10',
        claimFen: 8_000_000,
        applicants: [bank],
        respondents: [debtor],
      }),
      notice('execution_notice', servedOn, 1),
      notice('property_report_order', servedOn, 2),
      courtEvent({
        eventId: `d-${n}-inquiry`,
        courtCode: COURT,
        caseNo,
        type: 'inquiry.performed',
        on: '2024-01-11',
        fields: {
          channel: 'network_national',
          scopes: ['deposit', 'realestate', 'vehicle', 'securities', 'equity'],
          found: false,
        },
      }),
      notice('applicant_interview', '2024-02-01', 3),
      caseClosed({
        eventId: `d-${n}-closed`,
        courtCode: COURT,
        caseNo,
        closedOn: '2024-03-01',
        method: 'fully_performed',
        recoveredFen: 8_000_000,
        applicantNotifiedOn: '2024-03-01',
      }),
    ],
  };
}

describe('group D (程序) through Kafka to the office queue', () => {
  const hub = hubRunning(D_MODELS);

  it('raises service_overdue for a notice served the day after the last day, in the county office queue', async () => {
    const env = hub();
    const hit = servedCase(801, '2024-01-23');
    const nearMiss = servedCase(802, '2024-01-22');
    // The near miss's events arrive in reverse order (its filing last).
    await env.publishAndWait([...hit.events, ...[...nearMiss.events].reverse()]);
    await env.settled();

    const leads = await env.individualLeads([hit.caseNo]);
    expect(leads.map((l) => [l.modelId, l.caseNo, l.unitCode])).toEqual([
      ['service_overdue', hit.caseNo, UNIT],
    ]);
    const lead = leads[0]!;
    expect(lead.statement).toContain('迟至2024-01-23才送达');
    expect(lead.statement).toContain('2024-01-22');
    // The late serving and the closing are shown for context; the filing is the ground.
    expect(lead.evidence.items.map((i) => [i.eventId, i.context ?? false])).toEqual([
      ['d-801-filed', false],
      ['d-801-notice-1', true],
      ['d-801-notice-2', true],
      ['d-801-closed', true],
    ]);

    await expectJobs(env, leads);

    // Served on the weekend-extended last day: no lead of any model of the group.
    expect(await env.individualLeads([nearMiss.caseNo])).toEqual([]);
  }, 40_000);

  itRaisesThePlantedLeads(hub, 'D', D_MODELS, { seed: 4242, cases: 45, minPlantedCases: 28 });
});
