import { physicalTopic } from '@zhijian/contracts';
import { addDays, cstDateOf } from '@zhijian/normalize';
import { generateCatalogueProvince, toFeedMessages, type PlantedLead } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * The whole catalogue on a synthetic province: every plant's hits and near misses, among
 * compliant cases, replayed through Kafka into a hub running every model. The history ends
 * yesterday, so once the replay is done the hub is live (business time = now), as in the demo.
 * Each model must raise exactly the planted leads, at the planted office.
 */
describe('catalogue replay: a synthetic province through the whole pipeline', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('raises exactly the planted leads of every model, at the right office', async () => {
    const yesterday = addDays(cstDateOf(new Date()), -1);
    const province = generateCatalogueProvince({
      // REPLAY_SEED / REPLAY_CASES explore other provinces when a plant or model changes.
      seed: Number(process.env['REPLAY_SEED'] ?? 20261127),
      cases: Number(process.env['REPLAY_CASES'] ?? 600),
      plantedShare: 0.6,
      lastDate: yesterday,
    });
    const messages = toFeedMessages(province.events);
    // In publish order across topics, as producers deliver it (the demo does the same): publishing
    // topic by topic would let business time run ahead on one feed while another has not started.
    for (let i = 0; i < messages.length; i += 500) {
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const m of messages.slice(i, i + 500)) {
        const topic = physicalTopic(env.config.topicPrefix, m.topic);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: m.key, value: m.value }]);
      }
      await env.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, batch]) => ({ topic, messages: batch })),
      });
    }
    await waitFor(
      'every event stored',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events`)) +
          (await countOf(env.db, `select count(*)::int as n from quarantine`)) >=
        messages.length,
      120_000,
    );
    expect(await countOf(env.db, `select count(*)::int as n from quarantine`)).toBe(0);
    // Live: business time reaches now (every partition read to its end and quiet), the timers due
    // by then fire, and screening goes quiet.
    const published = new Date();
    let stable = 0;
    let last = -1;
    await waitFor(
      'business time live and screening quiet',
      async () => {
        const clock: { asOf: Date | null }[] = await env.db.query(
          `select max(as_of) as "asOf" from business_clock`,
        );
        const live = (clock[0]?.asOf?.getTime() ?? 0) >= published.getTime();
        const backlog =
          (await countOf(env.db, `select count(*)::int as n from screening_queue`)) +
          (await countOf(
            env.db,
            `select count(*)::int as n from deadline_timers where due_at <= (select as_of from business_clock)`,
          ));
        const leads = await countOf(env.db, `select count(*)::int as n from leads`);
        stable = live && backlog === 0 && leads === last ? stable + 1 : 0;
        last = leads;
        return stable >= 4;
      },
      180_000,
      500,
    );

    const raised: { modelId: string; caseNo: string; unitCode: string }[] = await env.db.query(
      `select model_id as "modelId", case_no as "caseNo", unit_code as "unitCode" from leads where kind = 'individual'`,
    );
    const hits = province.truth.filter((t: PlantedLead) => t.expected === 'hit');
    const models = [...new Set([...hits.map((h) => h.modelId), ...raised.map((r) => r.modelId)])].sort();
    const report: Record<string, { missed: string[]; unexpected: string[] }> = {};
    for (const modelId of models) {
      const want = new Set(hits.filter((h) => h.modelId === modelId).map((h) => `${h.caseNo}@${h.unitCode}`));
      const got = new Set(
        raised.filter((r) => r.modelId === modelId).map((r) => `${r.caseNo}@${r.unitCode}`),
      );
      const missed = [...want].filter((k) => !got.has(k));
      const unexpected = [...got].filter((k) => !want.has(k));
      if (missed.length || unexpected.length) {
        const scenarioOf = (k: string) =>
          province.truth.find((t) => `${t.caseNo}@${t.unitCode}` === k)?.scenario ?? 'background';
        report[modelId] = {
          missed: missed.map((k) => `${k} (${scenarioOf(k)})`),
          unexpected: unexpected.map((k) => `${k} (${scenarioOf(k)})`),
        };
      }
    }
    expect(report).toEqual({});
    expect(hits.length).toBeGreaterThan(0);
  }, 300_000);
});
