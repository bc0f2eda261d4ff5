import {
  bankSnapshot,
  caseClosed,
  caseFiled,
  caseRestored,
  vehicleEvent,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import {
  bank,
  COURT,
  courtEvents,
  expectHits,
  expectJobs,
  hubRunning,
  modelsOfGroup,
  person,
  UNIT,
} from './fixtures';

/**
 * Group E (终本) end to end: court and registry events through Kafka, ingest, screening with the
 * group's 终本 models, the lead in PostgreSQL routed to the county office of the executing court,
 * and its job in that office's BullMQ queue. Each model has a hit and a near miss; one hit's
 * filing arrives after its closing (out of order). Business time: the feeds' watermark while
 * they are read, then now (CLOCK_MODE=auto): every deadline here has passed, and every 终本 case
 * but the periodic-check hit is restored in the end (no open-ended duty to check). What cures a case (inquiries, restorations) is published before the closing
 * it cures, so that no screening round sees the closing without it.
 * Then every plant of the group's models (each model folder's scenarios.ts) replayed as a small
 * province: exactly the planted leads, at the planted offices.
 */

const MODELS = modelsOfGroup('E');
const SCOPES = ['deposit', 'realestate', 'vehicle', 'securities', 'equity'];

const courtEvent = courtEvents('e');

interface Case {
  caseNo: string;
  debtor: WireParty;
  filed: WireEnvelope;
  /** The compliant course up to the closing: notices, a national inquiry of every scope, restriction. */
  course: WireEnvelope[];
  closed: WireEnvelope;
}

/** A case filed on `filedOn`, its acts on the next days, closed 终本 on `closedOn`. */
function aCase(n: number, filedOn: string, closedOn: string): Case {
  const caseNo = `（${filedOn.slice(0, 4)}）${COURT}执${n}号`;
  const debtor = person(n);
  const day = (k: number) =>
    new Date(Date.parse(`${filedOn}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
  return {
    caseNo,
    debtor,
    filed: caseFiled({
      eventId: `filed-${n}`,
      courtCode: COURT,
      caseNo,
      filedOn,
      claimFen: 300_000_00,
      applicants: [bank],
      respondents: [debtor],
    }),
    course: [
      courtEvent(caseNo, 'notice.served', day(2), { notice: 'execution_notice' }),
      courtEvent(caseNo, 'notice.served', day(2), { notice: 'property_report_order' }),
      courtEvent(caseNo, 'inquiry.performed', day(3), {
        channel: 'network_national',
        scopes: SCOPES,
        found: false,
      }),
      courtEvent(caseNo, 'notice.served', day(4), { notice: 'consumption_restriction' }),
    ],
    closed: caseClosed({
      eventId: `closed-${n}`,
      courtCode: COURT,
      caseNo,
      closedOn,
      method: 'terminated_this_round',
      applicantNotifiedOn: closedOn,
    }),
  };
}

const check = (c: Case, on: string) =>
  courtEvent(c.caseNo, 'inquiry.performed', on, {
    channel: 'network_national',
    scopes: SCOPES,
    found: false,
  });

describe('group E (终本) through the pipeline: Kafka → screening → office queue', () => {
  const hub = hubRunning(MODELS);

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
    const env = hub();
    // 2026-03-02 + 3 months = 2026-06-02: closed the day before vs on the day.
    const early = aCase(301, '2026-03-02', '2026-06-01');
    const onTheDay = aCase(302, '2026-03-02', '2026-06-02');
    // 终本 2026-04-20; a vehicle from 2026-05-11 (last day to restore 2026-06-10) vs 9,999.99 yuan.
    const withCar = aCase(303, '2026-01-05', '2026-04-20');
    const smallBalance = aCase(304, '2026-01-05', '2026-04-20');
    const carRestored = aCase(305, '2026-01-05', '2026-04-20');
    // 终本 2025-04-21: no national inquiry for 6 months (last day 2025-10-21) vs one on each last day.
    const unchecked = aCase(306, '2025-01-06', '2025-04-21');
    const checked = aCase(307, '2025-01-06', '2025-04-21');
    const cases = [early, onTheDay, withCar, smallBalance, carRestored, unchecked, checked];

    const car = (c: Case, vin: string) =>
      vehicleEvent({
        eventId: `car-${vin}`,
        adminCode: UNIT,
        vin,
        plate: `浙H${vin.slice(-5)}`,
        owner: c.debtor,
        event: 'registration',
        on: '2026-05-11',
        valueFen: 80_000_00,
      });
    const registry = [
      car(withCar, 'LSVAU2180N2180303'),
      car(carRestored, 'LSVAU2180N2180305'),
      bankSnapshot({
        eventId: 'acct-304',
        bankCode: '102',
        holder: smallBalance.debtor,
        accountNo: '6222000000000304',
        openedOn: '2020-01-01',
        balanceFen: 999_999,
        asOf: '2026-05-11',
      }),
    ];
    const restored = (c: Case, on: string) =>
      caseRestored({
        eventId: `restored-${c.caseNo}`,
        courtCode: COURT,
        caseNo: c.caseNo.replace('执', '执恢').replace(/^（\d{4}）/, `（${on.slice(0, 4)}）`),
        previousCaseNo: c.caseNo,
        restoredOn: on,
      });
    const cures = [
      restored(carRestored, '2026-06-10'),
      check(checked, '2025-10-21'),
      check(checked, '2026-04-21'),
      check(checked, '2026-10-21'),
      // Restored later (after the restore deadline, before the next check was due): the duty to
      // check ends, whatever the date this spec runs on.
      ...[early, onTheDay, withCar, smallBalance].map((c) => restored(c, '2026-08-03')),
      restored(checked, '2026-11-02'),
    ];
    // Out of order: the vehicle case's filing arrives after its closing.
    await env.publishAndWait([...registry, ...cases.filter((c) => c !== withCar).map((c) => c.filed)]);
    await env.publishAndWait([...cases.flatMap((c) => c.course), ...cures]);
    await env.publishAndWait(cases.map((c) => c.closed));
    await env.publishAndWait([withCar.filed]);

    const expected = [
      { modelId: 'zhongben_precondition_missing', caseNo: early.caseNo },
      { modelId: 'zhongben_with_assets', caseNo: withCar.caseNo },
      { modelId: 'zhongben_no_periodic_check', caseNo: unchecked.caseNo },
    ];
    // Settled once business time is now: the near misses have been looked at past their last day.
    await env.settled();
    const leads = await env.individualLeads();
    expectHits(leads, expected);

    const statementOf = (modelId: string) => leads.find((l) => l.modelId === modelId)!.statement;
    expect(statementOf('zhongben_precondition_missing')).toContain('不足3个月（最早应于2026-06-02）');
    expect(statementOf('zhongben_with_assets')).toContain('LSVAU2180N2180303');
    expect(statementOf('zhongben_with_assets')).toContain('2026-06-10');
    expect(statementOf('zhongben_no_periodic_check')).toContain('2025-10-21');

    await expectJobs(env, leads);
  }, 40_000);

});
