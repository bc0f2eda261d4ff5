import {
  bankTransfer,
  caseClosed,
  caseFiled,
  equityChange,
  realEstateEvent,
  usccOf,
  yuan,
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
  person as personOf,
  UNIT,
} from './fixtures';

/**
 * Group F (规避执行、拒执预警) end to end: court and registry events through Kafka, ingest,
 * screening with the group's evasion models, the lead in PostgreSQL routed to the county office
 * of the executing court, and its job in that office's BullMQ queue. Each model has hits and near
 * misses; the collusive case's lead goes on the new case B (with case A in its evidence).
 * Then every plant of the group's models (each model folder's scenarios.ts) replayed as a small
 * province: exactly the planted leads, at the planted offices.
 */

const MODELS = modelsOfGroup('F');
const courtEvent = courtEvents('f');

const person = (n: number) => personOf(n, `自然人${n}`);
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
  courtEvent(caseNo, 'notice.served', on, { notice: 'execution_notice' });

describe('group F (规避执行、拒执预警) through the pipeline: Kafka → screening → office queue', () => {
  const hub = hubRunning(MODELS);

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
    const env = hub();
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
      courtEvent(c.caseNo, 'funds.received', receivedOn, {
        receiptId: `R-${c.caseNo}`,
        amount: yuan(300_000_00),
      }),
      courtEvent(c.caseNo, 'funds.disbursed', paidOn, {
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
    await env.settled();
    const leads = await env.individualLeads();
    expectHits(leads, expected);

    const leadOf = (caseNo: string) => leads.find((l) => l.caseNo === caseNo)!;
    expect(leadOf(flatAfter.caseNo).statement).toContain('2026-03-10转移不动产单元');
    expect(leadOf(moneyOut.caseNo).statement).toContain('银行转出100000.00元');
    const collusive = leadOf(quick.caseNo);
    expect(collusive.statement).toContain(a.caseNo);
    expect(collusive.statement).toContain('申请执行人系被执行人的股东');
    expect(collusive.evidence.items.map((i) => i.eventId)).toEqual(
      expect.arrayContaining(['filed-410', 'filed-411', 'closed-411']),
    );

    await expectJobs(env, leads);
  }, 40_000);

});
