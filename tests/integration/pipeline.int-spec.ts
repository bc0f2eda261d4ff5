import {
  caseRestored,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
  zhongbenWithFlat,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

const court = '浙0803';
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

function scenario(n: number) {
  const debtor = {
    kind: 'person' as const,
    name: `被执行人${n}`,
    idNo: idCardOf('330803', '1980-01-01', n % 1000),
  };
  const { caseNo, filed, closed, flat } = zhongbenWithFlat({ n, debtor, bank });
  return { caseNo, filed, closed, flat };
}

/** A later, unrelated fact that moves business time past the deadlines above. */
const tick = (eventId: string, on = '2024-06-01') =>
  realEstateEvent({
    eventId,
    adminCode: '330802',
    unitNo: `TICK-${eventId}`,
    event: 'first_registration',
    owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
    registeredOn: on,
  });

const asMessage = (e: WireEnvelope) => ({
  key: String((e.payload.caseNo as string | undefined) ?? (e.payload.unitNo as string)),
  value: JSON.stringify(e),
});

describe('pipeline: Kafka → ingest → screening → office queue → API', () => {
  let env: TestEnv;
  /** Intake staff of the province: sees every office's leads, masked. */
  let auth: { authorization: string };

  beforeAll(async () => {
    // Written for zhongben_with_assets; the rest of the catalogue has its own specs.
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
    auth = { authorization: `Bearer ${await env.token('staff', '330000')}` };
  });

  afterAll(async () => {
    await env?.close();
  });

  const leadsOf = async (caseNo: string) => {
    const res = await fetch(`${env.baseUrl}/v1/leads?caseNo=${encodeURIComponent(caseNo)}`, {
      headers: auth,
    });
    return (
      (await res.json()) as {
        items: { id: string; unitCode: string; modelId: string; statement: string; evidence: unknown }[];
      }
    ).items;
  };

  const publishCase = (events: WireEnvelope[]) => env.publishEnvelopes(events);
  const publishAndWait = (events: WireEnvelope[]) => env.publishAndWait(events);

  it('raises the lead in the county office queue of the executing court', async () => {
    const s = scenario(101);
    await publishAndWait([s.filed, s.closed, s.flat]);
    await publishAndWait([tick('tick-1')]);
    const [lead] = await waitFor('lead for case 101', async () => {
      const items = await leadsOf(s.caseNo);
      return items.length ? items : undefined;
    });
    expect(lead).toMatchObject({ modelId: 'zhongben_with_assets', unitCode: '330803' });
    expect(lead!.statement).toContain('终结本次执行程序');
    const job = await waitFor(
      'job in intake-330803',
      async () => (await env.queue('intake-330803').getJob(lead!.id)) ?? undefined,
    );
    expect(job.id).toBe(lead!.id);
    expect(job.data).toMatchObject({ leadId: lead!.id, caseNo: s.caseNo });

    const detail = (await (
      await fetch(`${env.baseUrl}/v1/leads/${lead!.id}`, { headers: { ...auth, 'x-read-reason': 'spec' } })
    ).json()) as {
      evidence: { parties: { name: string; idNo: string }[]; items: { eventId: string }[] };
    };
    expect(detail.evidence.parties[0]!.idNo).toMatch(/^330803\*{8}\w{4}$/);
    expect(detail.evidence.parties[0]!.name).toBe('被******');
    expect(detail.evidence.items.map((i) => i.eventId)).toEqual(['filed-101', 'closed-101', 're-101']);
    const reads: unknown[] = await env.db.query(
      `select action, reason from audit_log where subject = $1 order by id`,
      [lead!.id],
    );
    expect(reads).toEqual([{ action: 'lead.read', reason: 'spec' }]);
  });

  it('does not raise a lead when the case was restored in time (near miss)', async () => {
    const s = scenario(102);
    const restored = caseRestored({
      eventId: 'restored-102',
      courtCode: court,
      caseNo: '（2024）浙0803执恢102号',
      previousCaseNo: s.caseNo,
      restoredOn: '2024-04-08',
    });
    await publishCase([s.filed, s.closed, s.flat, restored, tick('tick-2', '2024-06-02')]);
    const ids = ['filed-102', 'closed-102', 're-102', 'restored-102', 'tick-2'];
    await waitFor(
      'all events of case 102 ingested',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events where event_id = any($1)`, [
          ids,
        ])) === ids.length,
    );
    await waitFor(
      'screening idle',
      async () => (await countOf(env.db, `select count(*)::int as n from screening_queue`)) === 0,
    );
    expect(await leadsOf(s.caseNo)).toHaveLength(0);
  });

  it('gives the same lead when case.closed arrives before case.filed', async () => {
    const s = scenario(103);
    await publishAndWait([s.flat, s.closed, s.filed]);
    await publishAndWait([tick('tick-3', '2024-06-03')]);
    const [lead] = await waitFor('lead for case 103', async () => {
      const items = await leadsOf(s.caseNo);
      return items.length ? items : undefined;
    });
    const inOrder = (await leadsOf(scenario(101).caseNo))[0]!;
    expect(lead).toMatchObject({ modelId: inOrder.modelId, unitCode: inOrder.unitCode });
    expect(lead!.statement).toBe(inOrder.statement.replace(/101/g, '103'));
  });

  it('quarantines malformed JSON, a schema violation and a wrong ID check digit, and processes what follows', async () => {
    const good = scenario(104);
    const badId = scenario(105);
    (badId.filed.payload.respondents as { idNo: string }[])[0]!.idNo = '110105194912310021'; // check char must be X
    const violation = scenario(106);
    violation.filed.payload.claimAmount = 1234.5; // money must be a string
    await env.publish('court.case-events', [
      { key: 'bad-json', value: '{"schema": "court.case-event/1", "eventId": ' },
      asMessage(violation.filed),
      asMessage(badId.filed),
      asMessage(good.filed),
    ]);
    const rows = await waitFor('three quarantined messages', async () => {
      const r: { reason: string; violations: { pointer: string; check?: string }[]; raw: Buffer }[] =
        await env.db.query(`select reason, violations, raw from quarantine order by kafka_offset`);
      return r.length >= 3 ? r : undefined;
    });
    expect(rows.map((r) => r.reason)).toEqual(['malformed_json', 'schema_violation', 'invalid_identifier']);
    expect(rows[0]!.raw.toString()).toBe('{"schema": "court.case-event/1", "eventId": ');
    expect(rows[1]!.violations.map((v) => v.pointer)).toContain('/payload/claimAmount');
    expect(rows[2]!.violations).toEqual([
      expect.objectContaining({ pointer: '/payload/respondents/0/idNo', check: 'check_char' }),
    ]);
    await waitFor('the valid message after them', async () => {
      const r: unknown[] = await env.db.query(
        `select 1 from cases where case_no = $1 and filed_on is not null`,
        [good.caseNo],
      );
      return r.length > 0;
    });
  });

  it('creates no new lead and no new job when the feed is replayed from the earliest offset', async () => {
    const s = scenario(101);
    const counts = async () => {
      const leads = await countOf(env.db, `select count(*)::int as n from leads`);
      const outbox = await countOf(env.db, `select count(*)::int as n from outbox`);
      const raw = await countOf(env.db, `select count(*)::int as n from raw_events`);
      const jobs = await env.queue('intake-330803').getJobCounts();
      return { leads, outbox, raw, jobs: Object.values(jobs).reduce((a, b) => a + b, 0) };
    };
    const before = await counts();
    expect(before.leads).toBeGreaterThanOrEqual(2);

    await env.stopHub();
    await publishCase([s.filed, s.closed, s.flat]); // producers resend
    const admin = env.kafka.admin();
    await admin.connect();
    for (const topic of ['court.case-events', 'registry.realestate']) {
      await admin.resetOffsets({
        groupId: env.config.consumerGroup,
        topic: `${env.config.topicPrefix}.${topic}`,
        earliest: true,
      });
    }
    await env.startHub();
    await waitFor('consumer caught up after reset', async () => {
      for (const topic of ['court.case-events', 'registry.realestate']) {
        const physical = `${env.config.topicPrefix}.${topic}`;
        const [committed] = await admin.fetchOffsets({
          groupId: env.config.consumerGroup,
          topics: [physical],
        });
        const ends = await admin.fetchTopicOffsets(physical);
        for (const end of ends) {
          const c = committed!.partitions.find((p) => p.partition === end.partition);
          if (end.offset !== '0' && c?.offset !== end.offset) return false;
        }
      }
      return true;
    });
    await admin.disconnect();
    await waitFor(
      'screening idle',
      async () => (await countOf(env.db, `select count(*)::int as n from screening_queue`)) === 0,
    );
    expect(await counts()).toEqual(before);
  });

  it('goes live once the feeds are quiet: a past case the hub has never seen becomes a lead without a later fact', async () => {
    const s = scenario(107);
    for (const e of [s.filed, s.closed, s.flat]) {
      const date = (e.payload.filedOn ?? e.payload.closedOn ?? e.payload.registeredOn) as string;
      e.payload[e.payload.filedOn ? 'filedOn' : e.payload.closedOn ? 'closedOn' : 'registeredOn'] =
        date.replace('2024', '2025');
      e.occurredAt = e.occurredAt.replace('2024', '2025');
    }
    await publishAndWait([s.filed, s.closed, s.flat]);
    const [lead] = await waitFor('lead for case 107', async () => {
      const items = await leadsOf(s.caseNo);
      return items.length ? items : undefined;
    });
    expect(lead).toMatchObject({ modelId: 'zhongben_with_assets', unitCode: '330803' });
  });
});
