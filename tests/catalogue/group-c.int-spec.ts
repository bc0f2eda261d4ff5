import {
  caseClosed,
  caseFiled,
  realEstateEvent,
  usccOf,
  yuan,
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
 * Group C (财产分配) end to end: court and registry events through Kafka, ingest, screening with
 * the group's distribution models, the lead in PostgreSQL routed to the county office of the
 * executing court, and its job in that office's BullMQ queue. Each model has a hit and a near
 * miss. selective_execution is cross-case: the earlier case's filing arrives after the later
 * case's payout, so the later case must be screened again when its co-respondent case appears.
 * receivable_from_other_suit is cross-case the other way: the respondent is paid as applicant elsewhere.
 * Business time: the feeds' watermark while they are read, then now (CLOCK_MODE=auto).
 * Then every plant of the group's models (each model folder's scenarios.ts) replayed as a small
 * province: exactly the planted leads, at the planted offices.
 */

const MODELS = modelsOfGroup('C');
const mortgagee: WireParty = {
  kind: 'org',
  name: '衢州某农村商业银行股份有限公司',
  uscc: usccOf(UNIT, 2),
};
const CLAIM = 100_000_00; // 100,000 yuan

const courtEvent = courtEvents('c');
const caseNoOf = (n: number, year = 2024) => `（${year}）${COURT}执${n}号`;

function filed(n: number, on: string, respondent: WireParty, applicant: WireParty = bank, year = 2024) {
  return caseFiled({
    eventId: `filed-${n}`,
    courtCode: COURT,
    caseNo: caseNoOf(n, year),
    filedOn: on,
    claimFen: CLAIM,
    applicants: [applicant],
    respondents: [respondent],
  });
}
const received = (caseNo: string, on: string, receiptId: string, fen = CLAIM) =>
  courtEvent(caseNo, 'funds.received', on, { receiptId, amount: yuan(fen) });
const paid = (caseNo: string, on: string, receiptId: string, payee: WireParty, fen = CLAIM) =>
  courtEvent(caseNo, 'funds.disbursed', on, { receiptId, amount: yuan(fen), payee });
const closed = (n: number, on: string, method: string, year = 2024) =>
  caseClosed({
    eventId: `closed-${n}`,
    courtCode: COURT,
    caseNo: caseNoOf(n, year),
    closedOn: on,
    method,
    recoveredFen: CLAIM,
  });

/** A flat of `owner` (registered 2023-06-01, mortgaged 2023-06-02), sold at auction on 2024-03-20 in case `n`. */
function mortgagedSale(n: number, owner: WireParty) {
  const unitNo = `${UNIT}001001GB0${n}F0001`;
  const asset = { kind: 'realestate' as const, id: unitNo };
  const caseNo = caseNoOf(n);
  const registry = [
    realEstateEvent({
      eventId: `re-${n}`,
      adminCode: UNIT,
      unitNo,
      event: 'first_registration',
      owners: [owner],
      registeredOn: '2023-06-01',
    }),
    realEstateEvent({
      eventId: `re-${n}-m`,
      adminCode: UNIT,
      unitNo,
      event: 'mortgage',
      owners: [owner],
      registeredOn: '2023-06-02',
      mortgagee,
      securedFen: 30_000_00,
    }),
  ];
  const events = [
    courtEvent(caseNo, 'asset.controlled', '2024-02-01', {
      controlId: `K${n}`,
      measure: 'seal',
      assetRef: asset,
      owner,
      value: yuan(CLAIM),
      expiresOn: '2027-01-20',
    }),
    courtEvent(caseNo, 'asset.valued', '2024-02-20', {
      assetRef: asset,
      valuation: yuan(150_000_00),
    }),
    courtEvent(caseNo, 'auction.held', '2024-03-20', {
      assetRef: asset,
      round: 1,
      startPrice: yuan(120_000_00),
      valuation: yuan(150_000_00),
      result: 'sold',
      dealPrice: yuan(130_000_00),
    }),
  ];
  return { caseNo, registry, events };
}

describe('group C (财产分配) through the pipeline: Kafka → screening → office queue', () => {
  const hub = hubRunning(MODELS);

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
    const env = hub();
    // payout_overdue: received 2024-09-01; +30 days = 2024-10-01, National Day → last day 2024-10-08.
    const late = caseNoOf(301);
    const onLastDay = caseNoOf(302);
    // distribution_order_violation: the proceeds to the applicant, the mortgagee unpaid vs paid first.
    const unpaidMortgagee = mortgagedSale(303, person(303, '被执行人303'));
    const mortgageeFirst = mortgagedSale(304, person(304, '被执行人304'));
    // selective_execution: one respondent, an earlier case (2023) open vs paid in full before the later payout.
    const debtorX = person(305, '被执行人甲');
    const debtorY = person(307, '被执行人乙');
    const earlierOpen = caseNoOf(305, 2023);
    const laterPaid = caseNoOf(306);
    const earlierDone = caseNoOf(307, 2023);
    const laterInOrder = caseNoOf(308);
    const creditor = person(900, '申请执行人丙');

    const filings = [
      filed(301, '2024-06-03', person(301, '被执行人301')),
      filed(302, '2024-06-03', person(302, '被执行人302')),
      filed(303, '2024-01-10', person(303, '被执行人303')),
      filed(304, '2024-01-10', person(304, '被执行人304')),
      filed(306, '2024-01-10', debtorX, creditor),
      filed(307, '2023-06-01', debtorY, bank, 2023),
      filed(308, '2024-01-10', debtorY, creditor),
    ];
    const events: WireEnvelope[] = [
      received(late, '2024-09-01', 'R301'),
      paid(late, '2024-10-09', 'R301', bank),
      received(onLastDay, '2024-09-01', 'R302'),
      paid(onLastDay, '2024-10-08', 'R302', bank),
      ...unpaidMortgagee.events,
      received(unpaidMortgagee.caseNo, '2024-03-22', 'R303'),
      paid(unpaidMortgagee.caseNo, '2024-03-25', 'R303', bank),
      ...mortgageeFirst.events,
      received(mortgageeFirst.caseNo, '2024-03-22', 'R304', CLAIM + 30_000_00),
      paid(mortgageeFirst.caseNo, '2024-03-24', 'R304', mortgagee, 30_000_00),
      paid(mortgageeFirst.caseNo, '2024-03-25', 'R304', bank),
      received(laterPaid, '2024-02-27', 'R306'),
      paid(laterPaid, '2024-03-01', 'R306', creditor),
      received(earlierDone, '2024-01-29', 'R307'),
      paid(earlierDone, '2024-02-01', 'R307', bank),
      closed(307, '2024-02-05', 'fully_performed', 2023),
      received(laterInOrder, '2024-02-27', 'R308'),
      paid(laterInOrder, '2024-03-01', 'R308', creditor),
    ];
    await env.publishAndWait([...unpaidMortgagee.registry, ...mortgageeFirst.registry, ...filings]);
    await env.publishAndWait(events);
    // Out of order: the earlier case of 被执行人甲 is filed (2023-06-01) only now, after the later case's payout.
    await env.publishAndWait([filed(305, '2023-06-01', debtorX, bank, 2023)]);

    const expected = [
      { modelId: 'payout_overdue', caseNo: late },
      { modelId: 'distribution_order_violation', caseNo: unpaidMortgagee.caseNo },
      { modelId: 'selective_execution', caseNo: laterPaid },
    ];
    const all = [
      late,
      onLastDay,
      unpaidMortgagee.caseNo,
      mortgageeFirst.caseNo,
      earlierOpen,
      laterPaid,
      earlierDone,
      laterInOrder,
    ];
    // Settled once business time is now: the near misses have been looked at past their last day.
    await env.settled();
    const leads = await env.individualLeads(all);
    expectHits(leads, expected);

    const statementOf = (modelId: string) => leads.find((l) => l.modelId === modelId)!.statement;
    expect(statementOf('payout_overdue')).toContain('2024-10-08');
    expect(statementOf('distribution_order_violation')).toContain(
      unpaidMortgagee.registry[0]!.payload['unitNo'] as string,
    );
    expect(statementOf('selective_execution')).toContain(earlierOpen);
    await expectJobs(env, leads);
  }, 40_000);

  // Cross-case through the loader: the other case is related because this case's respondent is its applicant.
  it('receivable_from_other_suit: the respondent paid as applicant elsewhere, on the case that missed it', async () => {
    const env = hub();
    const debtor = person(309, '被执行人丁');
    const debtor2 = person(311, '被执行人戊');
    const own = caseNoOf(309);
    const other = caseNoOf(310);
    const performed = caseNoOf(311);
    const other2 = caseNoOf(312);
    await env.publishAndWait([
      filed(309, '2024-01-10', debtor),
      filed(310, '2024-02-01', person(310, '次债务人'), debtor),
      filed(311, '2024-01-10', debtor2),
      received(performed, '2024-02-25', 'R311'),
      paid(performed, '2024-02-27', 'R311', bank),
      closed(311, '2024-03-01', 'fully_performed'),
      filed(312, '2024-02-01', person(312, '次债务人2'), debtor2),
    ]);
    await env.publishAndWait([
      received(other, '2024-03-28', 'R310'),
      paid(other, '2024-04-01', 'R310', debtor),
      received(other2, '2024-03-28', 'R312'),
      paid(other2, '2024-04-01', 'R312', debtor2),
    ]);
    await env.settled();
    const leads = await env.individualLeads([own, other, performed, other2]);
    expect(leads.map(({ modelId, caseNo, unitCode }) => ({ modelId, caseNo, unitCode }))).toEqual([
      { modelId: 'receivable_from_other_suit', caseNo: own, unitCode: UNIT },
    ]);
    expect(leads[0]!.statement).toContain(other);
    await expectJobs(env, leads);
  }, 40_000);

});
