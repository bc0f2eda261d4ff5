import {
  caseClosed,
  caseFiled,
  realEstateEvent,
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
 * Group A (财产查询、控制) end to end: court and real-estate registry events through Kafka, ingest,
 * screening with the group's property inquiry and control models, the lead in PostgreSQL routed
 * to the county office of the executing court, and its job in that office's BullMQ queue. Each
 * model has a hit and a near miss on the last day (or the boundary); one hit's filing arrives
 * after its other events (out of order). Business time: the feeds' watermark while they are
 * read, then now (CLOCK_MODE=auto), so every deadline of 2024–2025 has passed.
 * Then every plant of the group's models (each model folder's scenarios.ts) replayed as a small
 * province: exactly the planted leads, at the planted offices.
 */

const MODELS = modelsOfGroup('A');
const FILED_ON = '2024-01-10';
/** Filed 2024-01-10: + 30 days = 2024-02-09 (Fri), the last day to inquire and to control. */
const LAST_DAY_30 = '2024-02-09';
const CLAIM = 100_000_00; // 100,000 yuan: over-seizure above 150,000 yuan
const stranger = person(77, '案外人王五', '1975-05-05');
const courtEvent = courtEvents('a');

interface Case {
  n: number;
  caseNo: string;
  debtor: WireParty;
  filed: WireEnvelope;
  /** The compliant 总对总 inquiry on 2024-01-13 (left out of the inquiry model's cases). */
  inquiry: WireEnvelope;
}

function aCase(n: number): Case {
  const caseNo = `（2024）${COURT}执${n}号`;
  const debtor = person(n);
  return {
    n,
    caseNo,
    debtor,
    filed: caseFiled({
      eventId: `filed-${n}`,
      courtCode: COURT,
      caseNo,
      filedOn: FILED_ON,
      claimFen: CLAIM,
      applicants: [bank],
      respondents: [debtor],
    }),
    inquiry: inquiry(caseNo, 'network_national', '2024-01-13'),
  };
}

function inquiry(caseNo: string, channel: string, on: string) {
  return courtEvent(caseNo, 'inquiry.performed', on, {
    channel,
    scopes: ['deposit', 'realestate', 'vehicle', 'securities', 'equity'],
    found: false,
  });
}

const unitOf = (c: Case, k = 1) => `${UNIT}001001GB0${c.n}F000${k}`;

let flats = 0;

function flatEvent(c: Case, unitNo: string, event: string, owners: WireParty[], on: string) {
  flats++;
  return realEstateEvent({
    eventId: `re-${flats}`,
    adminCode: UNIT,
    unitNo,
    event,
    owners,
    registeredOn: on,
  });
}

function control(
  c: Case,
  controlId: string,
  asset: { kind: string; id: string },
  valueFen: number,
  on: string,
  expiresOn = '2027-06-30',
) {
  return courtEvent(c.caseNo, 'asset.controlled', on, {
    controlId,
    measure: asset.kind === 'bank_account' ? 'freeze' : 'seal',
    assetRef: asset,
    owner: c.debtor,
    value: yuan(valueFen),
    expiresOn,
  });
}

describe('group A (财产查询、控制) through the pipeline: Kafka → screening → office queue', () => {
  const hub = hubRunning(MODELS);

  it('raises exactly the hits, at the county office of the court, with a job in its queue', async () => {
    const env = hub();
    // asset_inquiry_late: 总对总 inquiry the day after the last day vs on it.
    const inquiryLate = aCase(101);
    const inquiryOnLastDay = aCase(102);
    // registry_asset_uncontrolled: a flat held since 2023 never sealed vs sealed on the last day.
    const flatUncontrolled = aCase(103);
    const flatSealedOnLastDay = aCase(104);
    // over_seizure: two freezes of 80,000 yuan (1.6×) vs one indivisible flat worth 3×.
    const overSeized = aCase(105);
    const oneBigFlat = aCase(106);
    // third_party_property_seized: flat sold before the seal vs sold after it.
    const soldBeforeSeal = aCase(107);
    const soldAfterSeal = aCase(108);
    // seizure_lapsed: a one-year freeze not renewed vs renewed on its last day.
    const lapsed = aCase(109);
    const renewedOnLastDay = aCase(110);
    // measures_not_lifted: closed 2024-03-01 (Fri); dishonest list lifted on the 4th vs the 3rd working day.
    const listedOn = aCase(111);
    const liftedInTime = aCase(112);

    const cases = [
      inquiryLate,
      inquiryOnLastDay,
      flatUncontrolled,
      flatSealedOnLastDay,
      overSeized,
      oneBigFlat,
      soldBeforeSeal,
      soldAfterSeal,
      lapsed,
      renewedOnLastDay,
      listedOn,
      liftedInTime,
    ];
    const registry: WireEnvelope[] = [
      flatEvent(
        flatUncontrolled,
        unitOf(flatUncontrolled),
        'first_registration',
        [flatUncontrolled.debtor],
        '2023-06-01',
      ),
      flatEvent(
        flatSealedOnLastDay,
        unitOf(flatSealedOnLastDay),
        'first_registration',
        [flatSealedOnLastDay.debtor],
        '2023-06-01',
      ),
      flatEvent(oneBigFlat, unitOf(oneBigFlat), 'first_registration', [oneBigFlat.debtor], '2023-06-01'),
      flatEvent(
        soldBeforeSeal,
        unitOf(soldBeforeSeal),
        'first_registration',
        [soldBeforeSeal.debtor],
        '2023-06-01',
      ),
      flatEvent(soldBeforeSeal, unitOf(soldBeforeSeal), 'transfer', [stranger], '2023-12-20'),
      flatEvent(
        soldAfterSeal,
        unitOf(soldAfterSeal),
        'first_registration',
        [soldAfterSeal.debtor],
        '2023-06-01',
      ),
      flatEvent(soldAfterSeal, unitOf(soldAfterSeal), 'transfer', [stranger], '2024-01-25'),
    ];
    const flat = (c: Case) => ({ kind: 'realestate', id: unitOf(c) });
    const account = (c: Case, k: number) => ({ kind: 'bank_account', id: `62220203${c.n}00${k}` });
    const events: WireEnvelope[] = [
      ...cases.filter((c) => c !== inquiryLate && c !== inquiryOnLastDay).map((c) => c.inquiry),
      inquiry(inquiryLate.caseNo, 'network_local', '2024-01-12'),
      inquiry(inquiryLate.caseNo, 'network_national', '2024-02-10'),
      inquiry(inquiryOnLastDay.caseNo, 'network_national', LAST_DAY_30),
      control(flatSealedOnLastDay, 'K1', flat(flatSealedOnLastDay), CLAIM, LAST_DAY_30),
      control(overSeized, 'K1', account(overSeized, 1), 80_000_00, '2024-01-20'),
      control(overSeized, 'K2', account(overSeized, 2), 80_000_00, '2024-01-22'),
      control(oneBigFlat, 'K1', flat(oneBigFlat), 3 * CLAIM, '2024-01-20'),
      control(soldBeforeSeal, 'K1', flat(soldBeforeSeal), CLAIM, '2024-01-20'),
      control(soldAfterSeal, 'K1', flat(soldAfterSeal), CLAIM, '2024-01-20'),
      control(lapsed, 'K1', account(lapsed, 1), 10_000_00, '2024-01-20', '2025-01-19'),
      control(renewedOnLastDay, 'K1', account(renewedOnLastDay, 1), 10_000_00, '2024-01-20', '2025-01-19'),
      courtEvent(renewedOnLastDay.caseNo, 'asset.renewed', '2025-01-19', {
        controlId: 'K1',
        expiresOn: '2027-01-18',
      }),
      ...[listedOn, liftedInTime].flatMap((c) => [
        courtEvent(c.caseNo, 'notice.served', '2024-01-15', { notice: 'dishonest_list' }),
        caseClosed({
          eventId: `closed-${c.n}`,
          courtCode: COURT,
          caseNo: c.caseNo,
          closedOn: '2024-03-01',
          method: 'fully_performed',
          recoveredFen: CLAIM,
          applicantNotifiedOn: '2024-03-01',
        }),
      ]),
      // 2024-03-01 + 3 working days = 2024-03-06 (Wed).
      courtEvent(listedOn.caseNo, 'restriction.lifted', '2024-03-07', {
        restriction: 'dishonest_list',
      }),
      courtEvent(liftedInTime.caseNo, 'restriction.lifted', '2024-03-06', {
        restriction: 'dishonest_list',
      }),
    ];
    // Out of order: the third-party seal's filing arrives after its other events.
    const filings = cases.filter((c) => c !== soldBeforeSeal).map((c) => c.filed);
    await env.publishAndWait([...registry, ...filings]);
    await env.publishAndWait(events);
    await env.publishAndWait([soldBeforeSeal.filed]);

    const expected = [
      { modelId: 'asset_inquiry_late', caseNo: inquiryLate.caseNo },
      { modelId: 'registry_asset_uncontrolled', caseNo: flatUncontrolled.caseNo },
      { modelId: 'over_seizure', caseNo: overSeized.caseNo },
      { modelId: 'third_party_property_seized', caseNo: soldBeforeSeal.caseNo },
      { modelId: 'seizure_lapsed', caseNo: lapsed.caseNo },
      { modelId: 'measures_not_lifted', caseNo: listedOn.caseNo },
    ];
    // Settled once business time is now: the near misses have been looked at past their last day.
    await env.settled();
    const leads = await env.individualLeads();
    expectHits(leads, expected);

    const statementOf = (modelId: string) => leads.find((l) => l.modelId === modelId)!.statement;
    expect(statementOf('asset_inquiry_late')).toContain('迟至2024-02-10');
    expect(statementOf('registry_asset_uncontrolled')).toContain(unitOf(flatUncontrolled));
    expect(statementOf('over_seizure')).toContain('160000.00元');
    expect(statementOf('third_party_property_seized')).toContain('2023-12-20');
    expect(statementOf('seizure_lapsed')).toContain('2025-01-19');
    expect(statementOf('measures_not_lifted')).toContain('迟至2024-03-07');

    await expectJobs(env, leads);
  }, 40_000);

});
