import { caseFiled, realEstateEvent, yuan, type WireEnvelope, type WireParty } from '@zhijian/simulator';
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
 * Group B (财产处置) end to end: court events through Kafka, ingest, screening with the
 * group's disposal models, the lead in PostgreSQL routed to the county office of the executing
 * court, and its job in that office's BullMQ queue. Each model has a hit and a near miss; one hit's
 * filing arrives after its other events (out of order). Business time: the feeds' watermark
 * while they are read, then now (CLOCK_MODE=auto), so every deadline of 2024 has passed.
 * Then every plant of the group's models (each model folder's scenarios.ts) replayed as a small
 * province: exactly the planted leads, at the planted offices.
 */

const MODELS = modelsOfGroup('B');
const VALUATION = 1_000_000_00; // 1,000,000 yuan
const CLAIM = 600_000_00;

const courtEvent = courtEvents('b');

interface Case {
  caseNo: string;
  debtor: WireParty;
  unitNo: string;
  asset: { kind: 'realestate'; id: string };
  filed: WireEnvelope;
  /** The flat registered to the debtor before the filing, and its seal on 2024-02-01. */
  flat: WireEnvelope;
  sealed: WireEnvelope;
}

function aCase(n: number): Case {
  const caseNo = `（2024）${COURT}执${n}号`;
  const debtor = person(n);
  const unitNo = `${UNIT}001001GB0${n}F0001`;
  const asset = { kind: 'realestate' as const, id: unitNo };
  return {
    caseNo,
    debtor,
    unitNo,
    asset,
    filed: caseFiled({
      eventId: `filed-${n}`,
      courtCode: COURT,
      caseNo,
      filedOn: '2024-01-10',
      claimFen: CLAIM,
      applicants: [bank],
      respondents: [debtor],
    }),
    flat: realEstateEvent({
      eventId: `re-${n}`,
      adminCode: UNIT,
      unitNo,
      event: 'first_registration',
      owners: [debtor],
      registeredOn: '2023-06-01',
    }),
    sealed: courtEvent(caseNo, 'asset.controlled', '2024-02-01', {
      controlId: `K${n}`,
      measure: 'seal',
      assetRef: asset,
      owner: debtor,
      value: yuan(CLAIM),
      expiresOn: '2027-01-20',
    }),
  };
}

const valued = (c: Case, on: string) =>
  courtEvent(c.caseNo, 'asset.valued', on, { assetRef: c.asset, valuation: yuan(VALUATION) });
const auction = (c: Case, round: 1 | 2 | 3, on: string, startFen: number, result: 'sold' | 'unsold') =>
  courtEvent(c.caseNo, 'auction.held', on, {
    assetRef: c.asset,
    round,
    startPrice: yuan(startFen),
    valuation: yuan(VALUATION),
    result,
    ...(result === 'sold' ? { dealPrice: yuan(startFen) } : {}),
  });
const offset = (c: Case, on: string, valueFen: number) =>
  courtEvent(c.caseNo, 'asset.offset', on, {
    assetRef: c.asset,
    offsetValue: yuan(valueFen),
    to: bank,
  });
const objection = (c: Case, filedOn: string, decidedOn: string) => [
  courtEvent(c.caseNo, 'objection.filed', filedOn, {
    objectionId: `YY-${c.caseNo}`,
    by: person(77, '案外人王五', '1975-05-05'),
  }),
  courtEvent(c.caseNo, 'objection.decided', decidedOn, {
    objectionId: `YY-${c.caseNo}`,
    outcome: 'dismissed',
  }),
];

describe('group B (财产处置) through the pipeline: Kafka → screening → office queue', () => {
  const hub = hubRunning(MODELS);

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
    const env = hub();
    // 2024-02-01 + 30 days = 2024-03-02 (Sat) → last day to value 2024-03-04 (Mon).
    const notValued = aCase(201);
    const valuedOnLastDay = aCase(202);
    // 69% vs 70% of the valuation at round 1.
    const lowStart = aCase(203);
    const lawfulStart = aCase(204);
    // Offset 1 yuan below the last start price vs at it.
    const cheapOffset = aCase(205);
    const fairOffset = aCase(206);
    // Sold while the objection is pending vs the day after its decision.
    const soldPending = aCase(207);
    const soldAfter = aCase(208);

    const cases = [
      notValued,
      valuedOnLastDay,
      lowStart,
      lawfulStart,
      cheapOffset,
      fairOffset,
      soldPending,
      soldAfter,
    ];
    const registry = cases.map((c) => c.flat);
    const events: WireEnvelope[] = [
      notValued.sealed,
      valuedOnLastDay.sealed,
      valued(valuedOnLastDay, '2024-03-04'),
      lowStart.sealed,
      valued(lowStart, '2024-02-20'),
      auction(lowStart, 1, '2024-03-20', 690_000_00, 'sold'),
      lawfulStart.sealed,
      valued(lawfulStart, '2024-02-20'),
      auction(lawfulStart, 1, '2024-03-20', 700_000_00, 'sold'),
      cheapOffset.sealed,
      valued(cheapOffset, '2024-02-20'),
      auction(cheapOffset, 1, '2024-03-20', 700_000_00, 'unsold'),
      offset(cheapOffset, '2024-03-25', 699_999_00),
      fairOffset.sealed,
      valued(fairOffset, '2024-02-20'),
      auction(fairOffset, 1, '2024-03-20', 700_000_00, 'unsold'),
      offset(fairOffset, '2024-03-25', 700_000_00),
      soldPending.sealed,
      valued(soldPending, '2024-02-20'),
      ...objection(soldPending, '2024-03-15', '2024-03-25'),
      auction(soldPending, 1, '2024-03-20', 700_000_00, 'sold'),
      soldAfter.sealed,
      valued(soldAfter, '2024-02-20'),
      ...objection(soldAfter, '2024-03-10', '2024-03-19'),
      auction(soldAfter, 1, '2024-03-20', 700_000_00, 'sold'),
    ];
    // Out of order: the low start price's filing arrives after its auction.
    const filings = cases.filter((c) => c !== lowStart).map((c) => c.filed);
    await env.publishAndWait([...registry, ...filings]);
    await env.publishAndWait(events);
    await env.publishAndWait([lowStart.filed]);

    const expected = [
      { modelId: 'disposal_not_started', caseNo: notValued.caseNo },
      { modelId: 'auction_price_violation', caseNo: lowStart.caseNo },
      { modelId: 'improper_set_off', caseNo: cheapOffset.caseNo },
      { modelId: 'disposal_during_objection', caseNo: soldPending.caseNo },
    ];
    // Settled once business time is now: the near misses have been looked at past their last day.
    await env.settled();
    const leads = await env.individualLeads();
    expectHits(leads, expected);

    const statementOf = (modelId: string) => leads.find((l) => l.modelId === modelId)!.statement;
    expect(statementOf('disposal_not_started')).toContain('2024-03-04');
    expect(statementOf('auction_price_violation')).toContain('69.00%');
    expect(statementOf('improper_set_off')).toContain('699999.00元');
    expect(statementOf('disposal_during_objection')).toContain('2024-03-20');

    await expectJobs(env, leads);
  }, 40_000);

});
