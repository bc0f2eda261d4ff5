import {
  bankTransfer,
  caseClosed,
  caseFiled,
  equityChange,
  idCardOf,
  occurredAtOf,
  realEstateEvent,
  usccOf,
  yuan,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Group F (规避执行、拒执预警) end to end: court and registry events through Kafka, ingest,
 * screening with the two evasion models, the lead in PostgreSQL routed to the county office of
 * the executing court, and its job in that office's BullMQ queue. Each model has hits and near
 * misses; the collusive case's lead goes on the new case B (with case A in its evidence).
 */

const COURT = '浙0803';
const UNIT = '330803';
const MODELS = ['refusal_to_execute_alert', 'collusive_litigation_evasion'];
const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

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
    eventId: `f-${serial}`,
    source: `court:${COURT}`,
    occurredAt: occurredAtOf(on, serial % 50),
    payload: { type, caseNo, [dateField]: on, ...fields },
  };
  return envelope;
}

const person = (n: number): WireParty => ({
  kind: 'person',
  name: `自然人${n}`,
  idNo: idCardOf(UNIT, '1980-01-01', n % 1000),
});
const company = (n: number): WireParty => ({
  kind: 'org',
  name: `衢州某${n}有限公司`,
  uscc: usccOf(UNIT, n),
});

function filed(n: number, filedOn: string, applicant: WireParty, respondent: WireParty, origin = 'judgment') {
  const caseNo = `（2026）${COURT}执${n}号`;
  return {
    caseNo,
    filed: caseFiled({
      eventId: `filed-${n}`,
      courtCode: COURT,
      caseNo,
      filedOn,
      claimFen: 300_000_00,
      origin,
      category: 'contract',
      applicants: [applicant],
      respondents: [respondent],
    }),
  };
}

const executionNotice = (caseNo: string, on: string) =>
  courtEvent(caseNo, 'notice.served', 'servedOn', on, { notice: 'execution_notice' });

describe('group F (规避执行、拒执预警) through the pipeline: Kafka → screening → office queue', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: MODELS });
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
    // refusal_to_execute_alert: execution notice served 2026-03-04.
    const flatAfter = { debtor: person(401), ...filed(401, '2026-03-02', bank, person(401)) };
    const flatBefore = { debtor: person(402), ...filed(402, '2026-03-02', bank, person(402)) };
    const moneyOut = { debtor: person(403), ...filed(403, '2026-03-02', bank, person(403)) };
    const moneyJustBelow = { debtor: person(404), ...filed(404, '2026-03-02', bank, person(404)) };
    const flat = (n: number, owners: WireParty[], event: string, on: string) =>
      realEstateEvent({
        eventId: `re-${n}-${on}`,
        adminCode: UNIT,
        unitNo: `${UNIT}001001GB0${n}F0001`,
        event,
        owners,
        registeredOn: on,
      });
    const transfer = (from: WireParty, n: number, amountFen: number, on: string) =>
      bankTransfer({
        eventId: `xfer-${n}`,
        bankCode: '102',
        from,
        fromAccount: `62220000000${n}`,
        to: person(900 + n),
        toAccount: `62220000009${n}`,
        amountFen,
        on,
      });
    const refusalRegistry = [
      flat(401, [flatAfter.debtor], 'first_registration', '2025-06-01'),
      flat(401, [person(801)], 'transfer', '2026-03-10'),
      flat(402, [flatBefore.debtor], 'first_registration', '2025-06-01'),
      flat(402, [person(802)], 'transfer', '2026-03-03'),
      transfer(moneyOut.debtor, 403, 100_000_00, '2026-03-20'),
      transfer(moneyJustBelow.debtor, 404, 99_999_99, '2026-03-20'),
    ];
    const refusalCases = [flatAfter, flatBefore, moneyOut, moneyJustBelow];

    // collusive_litigation_evasion: case A against company R (filed 2026-01-05); new cases B on
    // mediation titles against R, closed fully performed after paying their applicant.
    const r = company(410);
    const related = company(411); // a shareholder of R
    const stranger = company(412);
    const relatedLate = company(413); // a shareholder of R too
    const a = filed(410, '2026-01-05', bank, r);
    const quick = filed(411, '2026-02-02', related, r, 'mediation'); // closed day 18: hit
    const unrelated = filed(412, '2026-02-03', stranger, r, 'mediation'); // applicant unrelated
    const slow = filed(413, '2026-03-02', relatedLate, r, 'mediation'); // closed day 31 (last day 2026-04-01)
    const shareholder = (holder: WireParty, n: number) =>
      equityChange({
        eventId: `eq-${n}`,
        adminCode: UNIT,
        company: r,
        shareholder: holder,
        event: 'acquire',
        sharePct: 30,
        subscribedCapitalFen: 300_000_00,
        on: '2025-01-02',
      });
    const paid = (c: { caseNo: string }, payee: WireParty, receivedOn: string, paidOn: string) => [
      courtEvent(c.caseNo, 'funds.received', 'receivedOn', receivedOn, {
        receiptId: `R-${c.caseNo}`,
        amount: yuan(300_000_00),
      }),
      courtEvent(c.caseNo, 'funds.disbursed', 'disbursedOn', paidOn, {
        receiptId: `R-${c.caseNo}`,
        amount: yuan(300_000_00),
        payee,
      }),
    ];
    const closed = (c: { caseNo: string }, n: number, on: string) =>
      caseClosed({
        eventId: `closed-${n}`,
        courtCode: COURT,
        caseNo: c.caseNo,
        closedOn: on,
        method: 'fully_performed',
        recoveredFen: 300_000_00,
        applicantNotifiedOn: on,
      });

    await env.publishAndWait([
      ...refusalRegistry,
      shareholder(related, 411),
      shareholder(relatedLate, 413),
      ...refusalCases.map((c) => c.filed),
      a.filed,
      quick.filed,
      unrelated.filed,
      slow.filed,
    ]);
    await env.publishAndWait([
      ...refusalCases.map((c) => executionNotice(c.caseNo, '2026-03-04')),
      executionNotice(a.caseNo, '2026-01-07'),
      ...paid(quick, related, '2026-02-10', '2026-02-12'),
      ...paid(unrelated, stranger, '2026-02-10', '2026-02-12'),
      ...paid(slow, relatedLate, '2026-03-20', '2026-03-25'),
    ]);
    await env.publishAndWait([
      closed(quick, 411, '2026-02-20'),
      closed(unrelated, 412, '2026-02-20'),
      closed(slow, 413, '2026-04-02'),
    ]);

    const expected = [
      { modelId: 'refusal_to_execute_alert', caseNo: flatAfter.caseNo },
      { modelId: 'refusal_to_execute_alert', caseNo: moneyOut.caseNo },
      { modelId: 'collusive_litigation_evasion', caseNo: quick.caseNo },
    ];
    type Row = {
      id: string;
      modelId: string;
      caseNo: string;
      unitCode: string;
      statement: string;
      evidence: { items: { eventId: string }[] };
    };
    const individual = (): Promise<Row[]> =>
      env.db.query(
        `select id, model_id as "modelId", case_no as "caseNo", unit_code as "unitCode", statement, evidence
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
    // A little longer: nothing else may come.
    await new Promise((res) => setTimeout(res, 1500));
    const leads = await individual();
    expect(
      leads.map(({ modelId, caseNo, unitCode }) => ({ modelId, caseNo, unitCode })).sort(byModel),
    ).toEqual(expected.map((e) => ({ ...e, unitCode: UNIT })).sort(byModel));

    const leadOf = (caseNo: string) => leads.find((l) => l.caseNo === caseNo)!;
    expect(leadOf(flatAfter.caseNo).statement).toContain('2026-03-10转移不动产单元');
    expect(leadOf(moneyOut.caseNo).statement).toContain('银行转出100000.00元');
    const collusive = leadOf(quick.caseNo);
    expect(collusive.statement).toContain(a.caseNo);
    expect(collusive.statement).toContain('申请执行人系被执行人的股东');
    expect(collusive.evidence.items.map((i) => i.eventId)).toEqual(
      expect.arrayContaining(['filed-410', 'filed-411', 'closed-411']),
    );

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
