import {
  bankSnapshot,
  caseClosed,
  caseFiled,
  caseRestored,
  idCardOf,
  occurredAtOf,
  usccOf,
  vehicleEvent,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Group E (终本) end to end: court and registry events through Kafka, ingest, screening with the
 * three 终本 models, the lead in PostgreSQL routed to the county office of the executing court,
 * and its job in that office's BullMQ queue. Each model has a hit and a near miss; one hit's
 * filing arrives after its closing (out of order). Business time: the feeds' watermark while
 * they are read, then now (CLOCK_MODE=auto): every deadline here has passed, and every 终本 case
 * but the periodic-check hit is restored in the end (no open-ended duty to check). What cures a case (inquiries, restorations) is published before the closing
 * it cures, so that no screening round sees the closing without it.
 */

const COURT = '浙0803';
const UNIT = '330803';
const MODELS = ['zhongben_precondition_missing', 'zhongben_with_assets', 'zhongben_no_periodic_check'];
const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };
const SCOPES = ['deposit', 'realestate', 'vehicle', 'securities', 'equity'];

let serial = 0;

function courtEvent(
  caseNo: string,
  type: string,
  dateField: string,
  on: string,
  fields: Record<string, unknown>,
) {
  serial++;
  const envelope: WireEnvelope = {
    schema: 'court.case-event/1',
    eventId: `e-${serial}`,
    source: `court:${COURT}`,
    occurredAt: occurredAtOf(on, serial % 50),
    payload: { type, caseNo, [dateField]: on, ...fields },
  };
  return envelope;
}

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
  const debtor: WireParty = {
    kind: 'person',
    name: `被执行人${n}`,
    idNo: idCardOf(UNIT, '1980-01-01', n % 1000),
  };
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
      courtEvent(caseNo, 'notice.served', 'servedOn', day(2), { notice: 'execution_notice' }),
      courtEvent(caseNo, 'notice.served', 'servedOn', day(2), { notice: 'property_report_order' }),
      courtEvent(caseNo, 'inquiry.performed', 'performedOn', day(3), {
        channel: 'network_national',
        scopes: SCOPES,
        found: false,
      }),
      courtEvent(caseNo, 'notice.served', 'servedOn', day(4), { notice: 'consumption_restriction' }),
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
  courtEvent(c.caseNo, 'inquiry.performed', 'performedOn', on, {
    channel: 'network_national',
    scopes: SCOPES,
    found: false,
  });

describe('group E (终本) through the pipeline: Kafka → screening → office queue', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: MODELS });
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
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
    type Row = { id: string; modelId: string; caseNo: string; unitCode: string; statement: string };
    const individual = (): Promise<Row[]> =>
      env.db.query(
        `select id, model_id as "modelId", case_no as "caseNo", unit_code as "unitCode", statement
         from leads where kind = 'individual' order by model_id, case_no`,
      );
    await waitFor(
      'the three hits raised and screening idle',
      async () => {
        const idle =
          (await countOf(
            env.db,
            `select ((select count(*) from screening_queue)
                    + (select count(*) from outbox where relayed_at is null))::int as n`,
          )) === 0;
        return idle && (await individual()).length >= expected.length ? true : undefined;
      },
      30_000,
    );
    // A little longer: nothing else may come (the near misses stay quiet once business time is now).
    await new Promise((r) => setTimeout(r, 1500));
    const leads = await individual();
    expect(
      leads.map(({ modelId, caseNo, unitCode }) => ({ modelId, caseNo, unitCode })).sort(byModel),
    ).toEqual(expected.map((e) => ({ ...e, unitCode: UNIT })).sort(byModel));

    const statementOf = (modelId: string) => leads.find((l) => l.modelId === modelId)!.statement;
    expect(statementOf('zhongben_precondition_missing')).toContain('不足3个月（最早应于2026-06-02）');
    expect(statementOf('zhongben_with_assets')).toContain('LSVAU2180N2180303');
    expect(statementOf('zhongben_with_assets')).toContain('2026-06-10');
    expect(statementOf('zhongben_no_periodic_check')).toContain('2025-10-21');

    for (const lead of leads) {
      const job = await waitFor(
        `job ${lead.id} in intake-${UNIT}`,
        async () => (await env.queue(`intake-${UNIT}`).getJob(lead.id)) ?? undefined,
      );
      expect(job.data).toMatchObject({ leadId: lead.id, caseNo: lead.caseNo });
    }
  }, 40_000);
});

const byModel = (a: { modelId: string; caseNo: string }, b: { modelId: string; caseNo: string }) =>
  a.modelId < b.modelId
    ? -1
    : a.modelId > b.modelId
      ? 1
      : a.caseNo < b.caseNo
        ? -1
        : a.caseNo > b.caseNo
          ? 1
          : 0;
