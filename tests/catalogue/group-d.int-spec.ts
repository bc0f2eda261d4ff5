import { addDays, cstDateOf } from '@zhijian/normalize';
import {
  caseClosed,
  caseFiled,
  generateCatalogueProvince,
  idCardOf,
  occurredAtOf,
  toFeedMessages,
  usccOf,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Catalogue group D (程序) through the real pipeline: court events published on Kafka, screened
 * by the hub running the group's models, the lead written with its office and queued in that
 * office's intake queue. Then every plant of the group replayed as a small province: exactly
 * the planted leads, at the planted offices. The clock is `auto`: once the feeds are idle,
 * business time is now, long past every deadline of 2024.
 */
const D_MODELS = [
  'service_overdue',
  'rights_notice_late',
  'execution_overdue',
  'passive_execution',
  'objection_review_overdue',
];

const COURT = '浙0803';
const UNIT = '330803';
const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf(UNIT, 41) };

/** A court event of another type than filing/closing, in wire form. */
function courtEvent(
  eventId: string,
  date: string,
  payload: Record<string, unknown>,
  minutes = 5,
): WireEnvelope {
  return {
    schema: 'court.case-event/1',
    eventId,
    source: `court:${COURT}`,
    occurredAt: occurredAtOf(date, minutes),
    payload,
  };
}

/**
 * A case filed 2024-01-10 (day 10 is Saturday 2024-01-20: the last day to serve is Monday
 * 2024-01-22), both notices served on `servedOn`, the applicant interviewed, fully performed on
 * 2024-03-01: it breaks no model of group D but service_overdue when `servedOn` is late.
 */
function servedCase(n: number, servedOn: string) {
  const caseNo = `（2024）${COURT}执${n}号`;
  const debtor: WireParty = {
    kind: 'person',
    name: `被执行人${n}`,
    idNo: idCardOf(UNIT, '1981-02-03', n % 1000),
  };
  const notice = (kind: string, on: string, i: number) =>
    courtEvent(`d-${n}-notice-${i}`, on, { type: 'notice.served', caseNo, notice: kind, servedOn: on }, i);
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
      courtEvent(`d-${n}-inquiry`, '2024-01-11', {
        type: 'inquiry.performed',
        caseNo,
        channel: 'network_national',
        scopes: ['deposit', 'realestate', 'vehicle', 'securities', 'equity'],
        performedOn: '2024-01-11',
        found: false,
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

interface LeadRow {
  id: string;
  modelId: string;
  caseNo: string;
  unitCode: string;
  statement: string;
  evidence: { items: { eventId: string; context?: boolean }[] };
}

describe('group D (程序) through Kafka to the office queue', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: D_MODELS });
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
  });

  const leadsOf = (caseNo: string): Promise<LeadRow[]> =>
    env.db.query(
      `select id, model_id as "modelId", case_no as "caseNo", unit_code as "unitCode", statement, evidence
       from leads where case_no = $1 and kind = 'individual' order by id`,
      [caseNo],
    );

  /** Until screening has nothing queued and the number of leads has stayed the same for a while. */
  async function quiet(): Promise<void> {
    let stable = 0;
    let last = -1;
    await waitFor(
      'screening quiet',
      async () => {
        const backlog = await countOf(env.db, `select count(*)::int as n from screening_queue`);
        const outbox = await countOf(
          env.db,
          `select count(*)::int as n from outbox where relayed_at is null`,
        );
        const leads = await countOf(env.db, `select count(*)::int as n from leads`);
        stable = backlog === 0 && outbox === 0 && leads === last ? stable + 1 : 0;
        last = leads;
        return stable >= 6;
      },
      60_000,
      250,
    );
  }

  it('raises service_overdue for a notice served the day after the last day, in the county office queue', async () => {
    const hit = servedCase(801, '2024-01-23');
    const nearMiss = servedCase(802, '2024-01-22');
    // The near miss's events arrive in reverse order (its filing last).
    await env.publishAndWait([...hit.events, ...[...nearMiss.events].reverse()]);
    await quiet();

    const leads = await waitFor('the service_overdue lead', async () => {
      const rows = await leadsOf(hit.caseNo);
      return rows.length ? rows : undefined;
    });
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

    const job = await waitFor(
      `job in intake-${UNIT}`,
      async () => (await env.queue(`intake-${UNIT}`).getJob(lead.id)) ?? undefined,
    );
    expect(job.data).toMatchObject({ leadId: lead.id, caseNo: hit.caseNo });

    // Served on the weekend-extended last day: no lead of any model of the group.
    expect(await leadsOf(nearMiss.caseNo)).toEqual([]);
  }, 40_000);

  it('raises exactly the planted leads of every group-D plant, at the planted office', async () => {
    const province = generateCatalogueProvince({
      seed: 4242,
      cases: 45,
      plantedShare: 1,
      lastDate: addDays(cstDateOf(new Date()), -1),
      models: D_MODELS,
    });
    const messages = toFeedMessages(province.events);
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const m of messages)
      byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
    // The history is stored before screening runs: business time is a watermark of what the hub
    // has read, and a busy machine can let it pass facts still in flight (then deadlines look
    // missed that were not); here the replay is about the plants and the models, not that race.
    await env.stopHub();
    await env.startHub({ ingest: true, screening: false, relay: false, api: false });
    const before = await countOf(env.db, `select count(*)::int as n from raw_events`);
    for (const [topic, batch] of byTopic) await env.publish(topic as never, batch);
    await waitFor(
      'every event stored',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events`)) +
          (await countOf(env.db, `select count(*)::int as n from quarantine`)) >=
        before + messages.length,
      60_000,
    );
    expect(await countOf(env.db, `select count(*)::int as n from quarantine`)).toBe(0);
    await env.stopHub();
    await env.startHub();
    await quiet();

    const planted = new Set(province.truth.map((t) => t.caseNo));
    // Each scenario at least once, and hits and near misses of every model.
    expect(planted.size).toBeGreaterThanOrEqual(28);
    const raised: { modelId: string; caseNo: string; unitCode: string }[] = await env.db.query(
      `select model_id as "modelId", case_no as "caseNo", unit_code as "unitCode" from leads
       where kind = 'individual' and case_no = any($1::text[])`,
      [[...planted]],
    );
    const scenarioOf = (caseNo: string) => province.truth.find((t) => t.caseNo === caseNo)?.scenario ?? '?';
    const key = (l: { modelId: string; caseNo: string; unitCode: string }) =>
      `${l.modelId} ${l.caseNo}@${l.unitCode} (${scenarioOf(l.caseNo)})`;
    const want = province.truth
      .filter((t) => t.expected === 'hit')
      .map(key)
      .sort();
    const got = raised.map(key).sort();
    expect({
      missed: want.filter((k) => !got.includes(k)),
      unexpected: got.filter((k) => !want.includes(k)),
    }).toEqual({
      missed: [],
      unexpected: [],
    });
    expect(new Set(province.truth.filter((t) => t.expected === 'hit').map((t) => t.modelId))).toEqual(
      new Set(D_MODELS),
    );
  }, 90_000);
});
