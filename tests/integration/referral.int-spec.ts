import type { FixedClock } from '@zhijian/domain';
import { REFERRAL_DEFAULTS } from '@zhijian/config';
import { ESCALATION_CLOCK } from '@zhijian/referral';
import {
  caseClosed,
  caseFiled,
  caseRestored,
  idCardOf,
  occurredAtOf,
  petition,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Referral policy end to end, asserted on PostgreSQL and the BullMQ queues (the intake API
 * is not needed): task force and inform, class leads, generations of handled leads, the
 * follow-up of a 检察建议 on business time, petitions, replay, and escalation on a clock the
 * test moves. Business time is the feeds' watermark (CLOCK_MODE=watermark): a later fact
 * moves it. Each scenario uses its own court, so that classes form only where intended.
 */

const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

interface Scenario {
  caseNo: string;
  court: string;
  county: string;
  debtor: WireParty;
  events: WireEnvelope[];
}

function scenario(
  court: string,
  n: number,
  opts: { claimFen?: number; category?: string; applicants?: WireParty[] } = {},
): Scenario {
  const county = `33${court.slice(1)}`;
  const caseNo = `（2024）${court}执${n}号`;
  const debtor: WireParty = {
    kind: 'person',
    name: `被执行人${n}`,
    idNo: idCardOf(county, '1980-01-01', n % 1000),
  };
  return {
    caseNo,
    court,
    county,
    debtor,
    events: [
      caseFiled({
        eventId: `filed-${n}`,
        courtCode: court,
        caseNo,
        filedOn: '2024-01-10',
        claimFen: opts.claimFen ?? 50_000_000,
        ...(opts.category ? { category: opts.category } : {}),
        applicants: opts.applicants ?? [bank],
        respondents: [debtor],
      }),
      caseClosed({
        eventId: `closed-${n}`,
        courtCode: court,
        caseNo,
        closedOn: '2024-03-04',
        method: 'terminated_this_round',
      }),
      flat(county, n, debtor, '2024-03-10'),
    ],
  };
}

function flat(county: string, n: number, owner: WireParty, on: string, suffix = '') {
  return realEstateEvent({
    eventId: `re-${n}${suffix}`,
    adminCode: county,
    unitNo: `${county}001001GB0${n}F000${suffix ? 2 : 1}`,
    event: 'first_registration',
    owners: [owner],
    registeredOn: on,
  });
}

/** The courts of the scenarios below: business time runs per source, each court by its own facts. */
const COURTS = ['浙0802', '浙0803', '浙0822', '浙0824', '浙0825', '浙0881'];
let tickSerial = 0;

/**
 * Later, unrelated facts that move business time: a registry fact, and from every court of the
 * spec the filing of an unrelated case (a case is judged as of its own court's clock, spec §7).
 */
const tick = (eventId: string, on: string): WireEnvelope[] => {
  tickSerial++;
  return [
    realEstateEvent({
      eventId,
      adminCode: '330802',
      unitNo: `TICK-${eventId}`,
      event: 'first_registration',
      owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
      registeredOn: on,
    }),
    ...COURTS.map((court) =>
      caseFiled({
        eventId: `${eventId}-${court}`,
        courtCode: court,
        caseNo: `（2024）${court}执${9000 + tickSerial}号`,
        filedOn: on,
        claimFen: 100_000,
        applicants: [bank],
        respondents: [
          { kind: 'org', name: `时钟推进公司${tickSerial}`, uscc: usccOf('330802', 100 + tickSerial) },
        ],
      }),
    ),
  ];
};

const TOPIC = {
  'court.case-event/1': 'court.case-events',
  'registry.realestate/1': 'registry.realestate',
  'procuratorate.petition/1': 'procuratorate.petitions',
} as const;

interface LeadRow {
  id: string;
  modelId: string;
  kind: string;
  dedupKey: string;
  baseKey: string;
  generation: number;
  caseNo: string | null;
  unitCode: string;
  tier: string;
  desk: string | null;
  localUnit: string;
  routingReason: string;
  status: string;
  classLeadId: string | null;
  claimFen: string | null;
  livelihood: boolean;
  laborApplicants: number;
  escalationLevel: number;
  sourceLeadId: string | null;
  evidence: { items: { kind: string; eventId: string; context?: boolean }[]; facts: Record<string, unknown> };
}

const LEAD_COLUMNS = `id, model_id as "modelId", kind, dedup_key as "dedupKey", base_key as "baseKey", generation,
  case_no as "caseNo", unit_code as "unitCode", tier, desk, local_unit as "localUnit", routing_reason as "routingReason",
  status, class_lead_id as "classLeadId", claim_fen::text as "claimFen", livelihood, labor_applicants as "laborApplicants",
  escalation_level as "escalationLevel", source_lead_id as "sourceLeadId", evidence`;

describe('referral policy: task force, classes, generations, follow-up, petitions, replay, escalation', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({
      enabledModels: ['zhongben_with_assets'],
      clockMode: 'watermark',
      referral: { ...REFERRAL_DEFAULTS, escalationClock: 'fixed', escalationPollMs: 200 },
    });
    await env.startHub();
    // Business time past every scenario's restore deadline (2024-04-09).
    await publishAndWait(tick('tick-start', '2024-06-01'));
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Publishes, waits until stored, and until screening, petitions and the outbox are idle. */
  async function publishAndWait(events: WireEnvelope[]) {
    await env.publishAndWait(events);
    await settled();
  }

  async function settled() {
    await waitFor('screening, petitions and outbox idle', async () => {
      const n = await countOf(
        env.db,
        `select ((select count(*) from screening_queue) + (select count(*) from petitions where screened_at is null)
                + (select count(*) from outbox where relayed_at is null)
                + (select count(*) from followup_timers where due_at = '-infinity'))::int as n`,
      );
      return n === 0;
    });
  }

  const leads = (where: string, params: unknown[] = []): Promise<LeadRow[]> =>
    env.db.query(`select ${LEAD_COLUMNS} from leads where ${where} order by created_at, id`, params);

  const leadOf = (caseNo: string) =>
    waitFor(`lead for ${caseNo}`, async () => {
      const rows = await leads(`case_no = $1 and kind = 'individual'`, [caseNo]);
      return rows.length ? rows[rows.length - 1] : undefined;
    });

  const jobIn = (queue: string, id: string) =>
    waitFor(`job ${id} in ${queue}`, async () => (await env.queue(queue).getJob(id)) ?? undefined);

  const outboxOf = (leadId: string): Promise<{ queue: string; jobName: string }[]> =>
    env.db.query(`select queue, job_name as "jobName" from outbox where lead_id = $1 order by id`, [leadId]);

  it('sends a major lead to the provincial task force and informs the county office', async () => {
    const byAmount = scenario('浙0802', 101, { claimFen: 1_200_000_000 }); // 12,000,000 yuan
    const workers = Array.from({ length: 10 }, (_, i) => ({
      kind: 'person' as const,
      name: `工人${i}`,
      idNo: idCardOf('330881', '1990-01-01', 100 + i),
    }));
    const byLabour = scenario('浙0881', 102, {
      claimFen: 30_000_000,
      category: 'labor_pay',
      applicants: workers,
    });
    await publishAndWait([...byAmount.events, ...byLabour.events]);

    const lead = await leadOf(byAmount.caseNo);
    expect(lead).toMatchObject({
      modelId: 'zhongben_with_assets',
      kind: 'individual',
      unitCode: '330000',
      tier: 'province',
      desk: 'taskforce',
      localUnit: '330802',
      routingReason: 'taskforce',
      claimFen: '1200000000',
      livelihood: false,
      laborApplicants: 0,
    });
    expect(await outboxOf(lead.id)).toEqual([
      { queue: 'intake-330000-taskforce', jobName: 'lead' },
      { queue: 'intake-330802', jobName: 'inform' },
    ]);
    const job = await jobIn('intake-330000-taskforce', lead.id);
    expect(job.name).toBe('lead');
    expect(job.data).toMatchObject({ leadId: lead.id, desk: 'taskforce', unitCode: '330000' });
    const inform = await jobIn('intake-330802', lead.id);
    expect(inform.name).toBe('inform');
    expect(inform.data).toMatchObject({ leadId: lead.id, inform: { unitCode: '330802' } });
    expect(await env.queue('intake-330000').getJob(lead.id)).toBeUndefined();
    expect(
      await env.db.query(
        `select from_unit as "from", to_unit as "to", kind, actor_name as actor from lead_assignments where lead_id = $1`,
        [lead.id],
      ),
    ).toEqual([{ from: '330000', to: '330802', kind: 'inform', actor: 'system:referral' }]);

    const labour = await leadOf(byLabour.caseNo);
    expect(labour).toMatchObject({
      desk: 'taskforce',
      localUnit: '330881',
      livelihood: true,
      laborApplicants: 10,
      claimFen: '30000000',
    });
    await jobIn('intake-330000-taskforce', labour.id);
    expect((await jobIn('intake-330881', labour.id)).name).toBe('inform');
  });

  it('raises one class lead once a court reaches the threshold, linking the individual leads', async () => {
    const court = '浙0822';
    const cases = [201, 202, 203, 204, 205].map((n) => scenario(court, n));
    await publishAndWait(cases.slice(0, 4).flatMap((s) => s.events));
    for (const s of cases.slice(0, 4)) await leadOf(s.caseNo);
    expect(await leads(`kind = 'class'`)).toEqual([]);

    await publishAndWait(cases[4]!.events);
    const [cls, ...more] = await waitFor('class lead', async () => {
      const rows = await leads(`kind = 'class'`);
      return rows.length ? rows : undefined;
    });
    expect(more).toEqual([]);
    expect(cls).toMatchObject({
      modelId: 'zhongben_with_assets',
      caseNo: null,
      unitCode: '330822',
      tier: 'county',
      desk: null,
      routingReason: 'class_court',
      claimFen: String(5 * 50_000_000),
    });
    expect(cls!.dedupKey).toMatch(/^court:浙0822:\d{4}-\d{2}-\d{2}~\d{4}-\d{2}-\d{2}$/);
    expect(cls!.evidence.facts.cases).toEqual(cases.map((s) => s.caseNo));
    const members = await leads(`model_id = 'zhongben_with_assets' and class_key = $1`, [cls!.dedupKey]);
    expect(members).toHaveLength(5);
    expect(members.every((m) => m.classLeadId === cls!.id)).toBe(true);
    expect(await outboxOf(cls!.id)).toEqual([{ queue: 'intake-330822', jobName: 'lead' }]);
    expect((await jobIn('intake-330822', cls!.id)).data).toMatchObject({ kind: 'class', caseNo: null });
  });

  it('raises a handled lead again only on new facts, as a new generation', async () => {
    const s = scenario('浙0824', 301);
    await publishAndWait(s.events);
    const first = await leadOf(s.caseNo);
    expect(first).toMatchObject({ dedupKey: `case:${s.caseNo}`, generation: 1, unitCode: '330824' });
    await env.db.query(`update leads set status = 'closed', closed_at = now() where id = $1`, [first.id]);
    const outboxBefore = await countOf(env.db, `select count(*)::int as n from outbox`);

    // Same facts: a court event that re-screens the case, and a restoration after the deadline (context).
    await publishAndWait([
      {
        schema: 'court.case-event/1',
        eventId: 'notice-301',
        source: `court:${s.court}`,
        occurredAt: occurredAtOf('2024-06-02'),
        payload: {
          type: 'notice.served',
          caseNo: s.caseNo,
          notice: 'execution_notice',
          servedOn: '2024-06-02',
        },
      },
      caseRestored({
        eventId: 'restored-301',
        courtCode: s.court,
        caseNo: `（2024）${s.court}执恢301号`,
        previousCaseNo: s.caseNo,
        restoredOn: '2024-06-03',
      }),
    ]);
    expect(await leads(`base_key = $1`, [`case:${s.caseNo}`])).toHaveLength(1);
    expect(await countOf(env.db, `select count(*)::int as n from outbox`)).toBe(outboxBefore);

    // A new fact: another flat the debtor held, overdue before the restoration.
    // (A later tick completes the restoration's day in business time: models see completed days.)
    await publishAndWait([
      flat(s.county, 301, s.debtor, '2024-04-01', 'b'),
      ...tick('tick-301', '2024-06-10'),
    ]);
    // The restoration joins the evidence once business time has completed its day.
    const second = await waitFor('second generation, with the restoration as context', async () => {
      const rows = await leads(`base_key = $1 and generation = 2`, [`case:${s.caseNo}`]);
      return rows[0]?.evidence.items.some((i) => i.eventId === 'restored-301') ? rows[0] : undefined;
    });
    expect(second).toMatchObject({ dedupKey: `case:${s.caseNo}#2`, status: 'new', unitCode: '330824' });
    expect(second.evidence.items.map((i) => i.eventId)).toContain('re-301b');
    expect(second.evidence.items.find((i) => i.eventId === 'restored-301')).toMatchObject({ context: true });
    expect(await outboxOf(second.id)).toEqual([{ queue: 'intake-330824', jobName: 'lead' }]);
    await jobIn('intake-330824', second.id);
    expect((await leads(`id = $1`, [first.id]))[0]!.status).toBe('closed');
  });

  it('merges a petition on a case into the open model lead; other petitions become leads', async () => {
    const s = scenario('浙0803', 401);
    await publishAndWait(s.events);
    const lead = await leadOf(s.caseNo);
    const outboxBefore = await countOf(env.db, `select count(*)::int as n from outbox`);

    await publishAndWait([
      petition({
        eventId: 'pet-401',
        unitCode: '330803',
        kind: 'application',
        caseNo: '(2024)浙0803执 401号',
        subject: s.debtor,
        receivedOn: '2024-06-05',
        channel: 'online',
        summary: '申请执行人反映被执行人名下有房产，法院终本后未恢复执行',
      }),
    ]);
    const merged = (await leads(`id = $1`, [lead.id]))[0]!;
    expect(merged.evidence.items.filter((i) => i.kind === 'petition').map((i) => i.eventId)).toEqual([
      'pet-401',
    ]);
    expect(await leads(`case_no = $1`, [s.caseNo])).toHaveLength(1);
    expect(await countOf(env.db, `select count(*)::int as n from outbox`)).toBe(outboxBefore);
    expect(
      await env.db
        .query(`select p.lead_id as "leadId" from petitions p join raw_events r on r.id = p.raw_event_id
                          where r.event_id = 'pet-401'`),
    ).toEqual([{ leadId: lead.id }]);

    // The model's next look at the case keeps the petition.
    await publishAndWait([flat(s.county, 401, s.debtor, '2024-04-02', 'b')]);
    const updated = (await leads(`id = $1`, [lead.id]))[0]!;
    expect(updated.evidence.items.map((i) => i.eventId)).toEqual(
      expect.arrayContaining(['pet-401', 're-401', 're-401b']),
    );

    await publishAndWait([
      petition({
        eventId: 'pet-402',
        unitCode: '330881',
        kind: 'report',
        receivedOn: '2024-06-06',
        channel: 'hotline',
        summary: '举报某法院执行人员违规处置查封财产',
      }),
      petition({
        eventId: 'pet-403',
        unitCode: '330881',
        kind: 'application',
        caseNo: '（2024）浙0803执9999号',
        receivedOn: '2024-06-06',
        channel: 'counter',
        summary: '申请对执行活动进行监督',
      }),
    ]);
    const [report] = await leads(`model_id = 'petition_report'`);
    expect(report).toMatchObject({ caseNo: null, unitCode: '330881', routingReason: 'petition_receiver' });
    await jobIn('intake-330881', report!.id);
    const [application] = await leads(`model_id = 'petition_application'`);
    expect(application).toMatchObject({
      caseNo: '（2024）浙0803执9999号',
      unitCode: '330803',
      routingReason: 'same_level',
    });
    await jobIn('intake-330803', application!.id);
  });

  it('follows up an unanswered 检察建议 at the office one level up once business time passes the deadline', async () => {
    const s = scenario('浙0825', 501);
    await publishAndWait(s.events);
    const lead = await leadOf(s.caseNo);
    // What the intake API's lifecycle endpoints write: served 2024-07-01, reply due 2024-10-08 (10-01 is a holiday).
    await env.db.query(
      `update leads set status = 'suggestion_issued', suggestion_no = '龙检民建〔2024〕1号',
              suggestion_served_on = '2024-07-01' where id = $1`,
      [lead.id],
    );
    await settled();
    const timers: { dueAt: Date }[] = await env.db.query(
      `select due_at as "dueAt" from followup_timers where lead_id = $1`,
      [lead.id],
    );
    expect(timers).toEqual([{ dueAt: new Date('2024-10-09T00:00:00+08:00') }]);
    expect(await leads(`model_id = 'recommendation_followup'`)).toEqual([]);

    await publishAndWait(tick('tick-oct-08', '2024-10-08'));
    expect(await leads(`model_id = 'recommendation_followup'`)).toEqual([]);

    await publishAndWait(tick('tick-oct-09', '2024-10-09'));
    const [followup] = await waitFor('follow-up lead', async () => {
      const rows = await leads(`model_id = 'recommendation_followup'`);
      return rows.length ? rows : undefined;
    });
    expect(followup).toMatchObject({
      kind: 'followup',
      dedupKey: `followup:${lead.id}`,
      caseNo: s.caseNo,
      unitCode: '330800',
      tier: 'city',
      routingReason: 'followup_parent',
      sourceLeadId: lead.id,
    });
    expect(followup!.evidence.facts).toMatchObject({ grounds: ['no_reply'], replyDeadline: '2024-10-08' });
    expect((await jobIn('intake-330800', followup!.id)).data).toMatchObject({ kind: 'followup' });
  });

  it('creates no new lead, outbox row or job when the feed is replayed, even for a job already cleaned', async () => {
    const counts = async () => ({
      leads: await countOf(env.db, `select count(*)::int as n from leads`),
      outbox: await countOf(env.db, `select count(*)::int as n from outbox`),
      assignments: await countOf(env.db, `select count(*)::int as n from lead_assignments`),
      raw: await countOf(env.db, `select count(*)::int as n from raw_events`),
    });
    const jobs = async (queues: string[]) => {
      let n = 0;
      for (const q of queues)
        n += Object.values(await env.queue(q).getJobCounts()).reduce((a, b) => a + b, 0);
      return n;
    };
    const queues: string[] = (
      await env.db.query<{ queue: string }[]>(`select distinct queue from outbox order by 1`)
    ).map((r) => r.queue);
    // A completed job that BullMQ has cleaned (removeOnComplete): gone from Redis, relayed in Postgres.
    const [cleaned] = await leads(`case_no = $1`, ['（2024）浙0822执201号']);
    await (await env.queue('intake-330822').getJob(cleaned!.id))!.remove();
    const before = { ...(await counts()), jobs: await jobs(queues) };

    await env.stopHub();
    const admin = env.kafka.admin();
    await admin.connect();
    const topics = Object.values(TOPIC).map((t) => `${env.config.topicPrefix}.${t}`);
    for (const topic of topics) {
      await admin.resetOffsets({ groupId: env.config.consumerGroup, topic, earliest: true });
    }
    await env.startHub();
    await waitFor('consumer caught up after reset', async () => {
      for (const topic of topics) {
        const [committed] = await admin.fetchOffsets({ groupId: env.config.consumerGroup, topics: [topic] });
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const c = committed!.partitions.find((p) => p.partition === end.partition);
          if (end.offset !== '0' && c?.offset !== end.offset) return false;
        }
      }
      return true;
    });
    await admin.disconnect();
    await settled();
    expect({ ...(await counts()), jobs: await jobs(queues) }).toEqual(before);
    expect(await env.queue('intake-330822').getJob(cleaned!.id)).toBeUndefined();
  });

  it('escalates a lead still unclaimed after ESCALATE_AFTER_DAYS one tier up, on the clock the test moves', async () => {
    const clock = env.app!.get<FixedClock>(ESCALATION_CLOCK);
    const [lead] = await leads(`case_no = $1 and model_id = 'zhongben_with_assets'`, [
      '（2024）浙0803执401号',
    ]);
    const [claimed] = await leads(`model_id = 'petition_report'`);
    await env.db.query(`update leads set status = 'claimed' where id = $1`, [claimed!.id]);
    const now = Date.now();
    const day = 86_400_000;

    clock.set(new Date(now + 6 * day));
    await new Promise((r) => setTimeout(r, 600)); // a few escalation rounds
    expect((await leads(`id = $1`, [lead!.id]))[0]).toMatchObject({ unitCode: '330803', escalationLevel: 0 });

    clock.set(new Date(now + 8 * day));
    const up = await waitFor('escalated to the city', async () => {
      const [l] = await leads(`id = $1`, [lead!.id]);
      return l?.unitCode === '330800' ? l : undefined;
    });
    expect(up).toMatchObject({ tier: 'city', escalationLevel: 1, status: 'new' });
    expect((await jobIn('intake-330800', lead!.id)).data).toMatchObject({
      unitCode: '330800',
      escalation: { level: 1, fromUnit: '330803' },
    });
    expect(
      await env.db.query(
        `select from_unit as "from", to_unit as "to", kind from lead_assignments where lead_id = $1 and kind = 'escalate'`,
        [lead!.id],
      ),
    ).toEqual([{ from: '330803', to: '330800', kind: 'escalate' }]);

    // The wait starts again at the city: not before another seven days.
    clock.set(new Date(now + 14 * day));
    await new Promise((r) => setTimeout(r, 600));
    expect((await leads(`id = $1`, [lead!.id]))[0]).toMatchObject({ unitCode: '330800' });
    clock.set(new Date(now + 16 * day));
    await waitFor('escalated to the province', async () => {
      const [l] = await leads(`id = $1`, [lead!.id]);
      return l?.unitCode === '330000' && l.escalationLevel === 2;
    });
    await jobIn('intake-330000', lead!.id);

    expect((await leads(`id = $1`, [claimed!.id]))[0]).toMatchObject({
      unitCode: '330881',
      escalationLevel: 0,
    });
    const taskforce = await leads(`desk = 'taskforce'`);
    expect(taskforce.every((l) => l.unitCode === '330000' && l.escalationLevel === 0)).toBe(true);
  });
});
