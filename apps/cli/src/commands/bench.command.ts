import { loadHubConfig } from '@zhijian/config';
import { CONSUMED_TOPICS, physicalTopic, auditCheckpointTopic } from '@zhijian/contracts';
import { localAdminClient, provisionHubFeeds, replayProducer, revokeAcls } from '@zhijian/ingest';
import { generateCatalogueProvince, toFeedMessages } from '@zhijian/simulator';
import { prepareBenchHub } from '../bench-hub';
import { publishAll } from '../publisher';

/**
 * End-to-end throughput: N synthetic events are published to fresh topics, then drained
 * twice from the same broker — by a bare kafkajs consumer that only counts them, and by
 * the hub (validate, normalize, store, project, screen). Both clocks start before the
 * consumer group join. Prints events per second for each and their ratio.
 */
export async function benchCommand(events: number): Promise<void> {
  const base = loadHubConfig();
  const prefix = `bench${Date.now().toString(36)}`;
  const kafka = localAdminClient(base, 'zhijian-bench');

  let cases = Math.ceil(events / 9);
  let messages = toFeedMessages(generateCatalogueProvince({ seed: 7, cases }).events);
  while (messages.length < events) {
    cases *= 2;
    messages = toFeedMessages(generateCatalogueProvince({ seed: 7, cases }).events);
  }
  messages = messages.slice(0, events);
  const topics = CONSUMED_TOPICS.map((t) => physicalTopic(prefix, t));

  // The bench hub's group is `<prefix>-hub` (prepareBenchHub).
  const acls = await provisionHubFeeds(base, kafka, prefix, `${prefix}-hub`);
  const producer = replayProducer(base, 'zhijian-bench');
  await producer.connect();
  await publishAll(producer, prefix, messages, `publishing ${events} events`);
  await producer.disconnect();

  // 1. Bare kafkajs consumer: reads and counts.
  const bare = kafka.consumer({ groupId: `${prefix}-bare` });
  await bare.connect();
  await bare.subscribe({ topics, fromBeginning: true });
  const bareStart = Date.now();
  let read = 0;
  await new Promise<void>((resolve) => {
    void bare.run({
      eachBatch: async ({ batch }) => {
        read += batch.messages.length;
        if (read >= events) resolve();
      },
    });
  });
  const bareSeconds = (Date.now() - bareStart) / 1000;
  await bare.disconnect();

  // 2. The hub, as a separate process, from its start until everything is stored and screened.
  // Quiet partitions stop holding business time after 0.5 s, so the end of the run is soon live.
  const bench = await prepareBenchHub(base, 'zhijian_bench', prefix, 'bench-hub.log', {
    WATERMARK_IDLE_MS: '500',
  });
  await bench.hub.start(bench.baseUrl);
  // From the moment the hub answers (its consumer joining), like the bare consumer's clock.
  const hubStart = Date.now();
  for (;;) {
    // Stored, business time live (the history is past), and every timer it reached fired and screened.
    const rows: { n: number; backlog: number; live: boolean }[] = await bench.db.query(
      `select (select count(*) from raw_events)::int + (select count(*) from quarantine)::int as n,
              (select count(*) from screening_queue)::int
                + (select count(*) from deadline_timers
                   where due_at <= (select as_of from business_clock where id = 1))::int as backlog,
              coalesce((select as_of >= $1 from business_clock where id = 1), false) as live`,
      [new Date(hubStart)],
    );
    if (rows[0]!.n >= events && rows[0]!.backlog === 0 && rows[0]!.live) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const hubSeconds = (Date.now() - hubStart) / 1000;
  await bench.dispose();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [...topics, ...topics.map((t) => `${t}.dlq`)] }).catch(() => undefined);
  await admin.deleteTopics({ topics: [auditCheckpointTopic(prefix)] }).catch(() => undefined);
  await revokeAcls(admin, acls);
  await admin.disconnect();

  const bareRate = events / bareSeconds;
  const hubRate = events / hubSeconds;
  console.log(`events                         ${events}`);
  console.log(`bare kafkajs consumer          ${bareRate.toFixed(0)} events/s (${bareSeconds.toFixed(2)} s)`);
  console.log(`hub end to end                 ${hubRate.toFixed(0)} events/s (${hubSeconds.toFixed(2)} s)`);
  console.log(`ratio hub / bare               ${(hubRate / bareRate).toFixed(3)}`);
}
