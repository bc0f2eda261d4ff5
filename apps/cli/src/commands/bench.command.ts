import { join, resolve } from 'node:path';
import { loadHubConfig } from '@zhijian/config';
import { CONSUMED_TOPICS, physicalTopic } from '@zhijian/contracts';
import { localAdminClient, provisionHubFeeds, replayProducer } from '@zhijian/ingest';
import { generateCatalogueProvince, toFeedMessages } from '@zhijian/simulator';
import { BenchCluster, PostgresCpu } from '../bench-cluster';
import { removeBenchFeeds } from '../bench-hub';
import { publishAll } from '../publisher';

export interface BenchOptions {
  events: number;
  /** Ingest processes of each run (one run per entry): e.g. [1, 2, 3]. */
  ingest: number[];
  /** Another build's dist directory (the current main's) to run beside this one, on the same topics. */
  baseline: string | null;
  /** A run stops (and is reported as such) when nothing moves for this long. */
  stallMs?: number;
  /**
   * Every hub process runs ingest alone (no screening or relay competing for the cores); a run
   * ends when every event is stored, and CPU per event is what storing cost.
   */
  ingestOnly?: boolean;
}

/** What one run of the hub measured; times in seconds from the moment every process answered. */
interface RunResult {
  label: string;
  ingest: number;
  stored: number;
  screened: number;
  relayed: number;
  nodeCpu: number;
  pgCpu: number;
  leads: number;
  jobs: number;
  stalled: boolean;
}

/**
 * Steady-state throughput (issue 15): N synthetic events are published once to fresh topics,
 * then drained by a bare kafkajs consumer that only counts them, and by the hub — this build,
 * and with `--baseline <dist>` another build (the current main's) — once per entry of
 * `--ingest` (1, 2, 3 ingest processes in one consumer group; the first process runs every
 * part). Each hub run has its own database, group and queue prefix. Per run: when everything was
 * stored, when screened (queue empty, every due timer fired, business time live) and when relayed
 * (outbox empty), as events per second from the moment every process answered; CPU per event of
 * the hub processes and of the PostgreSQL backends serving the run's database; the leads and jobs
 * (equal between builds when behaviour is unchanged). Ratios: hub / bare, this build / baseline.
 */
export async function benchCommand(options: BenchOptions): Promise<void> {
  const { events } = options;
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

  // The groups are `<prefix>-hub-<run>`: the ACLs grant the hub every group under `<prefix>-hub`.
  const acls = await provisionHubFeeds(base, kafka, prefix, `${prefix}-hub`);
  const producer = replayProducer(base, 'zhijian-bench');
  await producer.connect();
  await publishAll(producer, prefix, messages, `publishing ${events} events`);
  await producer.disconnect();
  messages = [];

  // 1. Bare kafkajs consumer: reads and counts, on this process's CPU.
  const bare = kafka.consumer({ groupId: `${prefix}-bare` });
  await bare.connect();
  await bare.subscribe({ topics, fromBeginning: true });
  const bareStart = Date.now();
  const bareCpu0 = process.cpuUsage();
  let read = 0;
  await new Promise<void>((done) => {
    void bare.run({
      eachBatch: async ({ batch }) => {
        read += batch.messages.length;
        if (read >= events) done();
      },
    });
  });
  const bareSeconds = (Date.now() - bareStart) / 1000;
  const bareCpu = process.cpuUsage(bareCpu0);
  await bare.disconnect();
  const bareRate = events / bareSeconds;
  const bareCpuUs = (bareCpu.user + bareCpu.system) / events;

  // 2. The hub runs: baseline first, then this build, for each number of ingest processes.
  const builds: { label: string; dist: string }[] = [
    ...(options.baseline ? [{ label: 'baseline', dist: resolve(options.baseline) }] : []),
    { label: 'this build', dist: resolve(__dirname, '..', '..', '..', '..') },
  ];
  const results: RunResult[] = [];
  try {
    for (const n of options.ingest) {
      for (const build of builds) {
        const tag = `${build.label === 'baseline' ? 'b' : 'h'}${n}`;
        const result = await runHub(
          base,
          prefix,
          tag,
          build,
          n,
          events,
          options.stallMs ?? 180_000,
          options.ingestOnly ?? false,
        );
        results.push(result);
        console.log(describe(result, events, bareRate, options.ingestOnly ?? false));
      }
    }
  } finally {
    await removeBenchFeeds(kafka, prefix, acls);
  }

  console.log('');
  if (options.ingestOnly)
    console.log('mode                          ingest only (a run ends when everything is stored)');
  console.log(`events                        ${events}`);
  console.log(
    `bare kafkajs consumer         ${bareRate.toFixed(0)} events/s (${bareSeconds.toFixed(2)} s), ${bareCpuUs.toFixed(1)} µs CPU/event`,
  );
  console.log(
    'run                 ingest  stored/s  screened/s  relayed/s  e2e/bare  node µs/ev  pg µs/ev  leads  jobs',
  );
  for (const r of results) console.log(row(r, events, bareRate));
  if (options.baseline) {
    for (const n of options.ingest) {
      const before = results.find((r) => r.label === 'baseline' && r.ingest === n);
      const after = results.find((r) => r.label === 'this build' && r.ingest === n);
      if (!before || !after) continue;
      const cpu = (r: RunResult) => r.nodeCpu + r.pgCpu;
      if (options.ingestOnly) {
        console.log(
          `${n} ingest process(es), ingest only: stored ${(before.stored / after.stored).toFixed(2)}× the baseline's rate, ` +
            `stored / bare ${(events / after.stored / bareRate).toFixed(4)} (baseline ${(events / before.stored / bareRate).toFixed(4)}), ` +
            `CPU per event ${(cpu(after) / cpu(before)).toFixed(2)}× (node ${(after.nodeCpu / before.nodeCpu).toFixed(2)}×, ` +
            `PostgreSQL ${(after.pgCpu / before.pgCpu).toFixed(2)}×)`,
        );
        continue;
      }
      console.log(
        `${n} ingest process(es): end to end ${(before.relayed / after.relayed).toFixed(2)}× the baseline's rate, ` +
          `stored ${(before.stored / after.stored).toFixed(2)}×, CPU per event ${(cpu(after) / cpu(before)).toFixed(2)}× ` +
          `(leads ${after.leads} / ${before.leads}, jobs ${after.jobs} / ${before.jobs})`,
      );
    }
  }
}

async function runHub(
  base: ReturnType<typeof loadHubConfig>,
  prefix: string,
  tag: string,
  build: { label: string; dist: string },
  ingest: number,
  events: number,
  stallMs: number,
  ingestOnly: boolean,
): Promise<RunResult> {
  const database = `zhijian_${prefix}_${tag}`;
  const cluster = await BenchCluster.start({
    urls: base,
    database,
    dist: build.dist,
    ingest,
    ingestOnly,
    log: join(process.cwd(), 'reports', `bench-${tag}.log`),
    env: {
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_CONSUMER_GROUP: `${prefix}-hub-${tag}`,
      QUEUE_PREFIX: `${prefix}${tag}`,
      // Quiet partitions stop holding business time after 0.5 s, so the end of the run is soon live.
      WATERMARK_IDLE_MS: '500',
    },
  });
  const pg = new PostgresCpu(cluster.db, database);
  await pg.mark();
  const start = cluster.firstUpAt();
  let stored = 0;
  let screened = 0;
  let relayed = 0;
  let stalled = false;
  let lastProgress = start;
  let lastSeen = '';
  try {
    while (!relayed) {
      await new Promise((r) => setTimeout(r, 200));
      const [s] = await cluster.db.query<{ n: number; backlog: number; live: boolean; pending: number }[]>(
        `select (select count(*) from raw_events)::int + (select count(*) from quarantine)::int as n,
                (select count(*) from screening_queue)::int
                  + (select count(*) from deadline_timers
                     where due_at <= (select as_of from business_clock where id = 1))::int as backlog,
                coalesce((select as_of >= $1 from business_clock where id = 1), false) as live,
                (select count(*) from outbox where relayed_at is null)::int as pending`,
        [new Date(start)],
      );
      await pg.sample();
      const t = (Date.now() - start) / 1000;
      if (!stored && s!.n >= events) {
        stored = t;
        // Ingest alone: the run ends here (nothing screens or relays), so stored is every stage.
        if (ingestOnly) relayed = screened = stored;
      }
      if (stored && !screened && s!.backlog === 0 && s!.live) screened = t;
      if (screened && s!.pending === 0) relayed = t;
      const seen = `${s!.n}/${s!.backlog}/${s!.pending}`;
      if (seen !== lastSeen) {
        lastSeen = seen;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > stallMs) {
        stalled = true;
        relayed = screened = stored = t;
      }
    }
    const nodeCpu = cluster.nodeCpuSeconds();
    const [counts] = await cluster.db.query<{ leads: number; jobs: number }[]>(
      `select (select count(*) from leads)::int as leads, (select count(*) from outbox)::int as jobs`,
    );
    return {
      label: build.label,
      ingest,
      stored,
      screened,
      relayed,
      nodeCpu,
      pgCpu: pg.seconds(),
      leads: counts!.leads,
      jobs: counts!.jobs,
      stalled,
    };
  } finally {
    await cluster.dispose();
  }
}

function describe(r: RunResult, events: number, bareRate: number, ingestOnly: boolean): string {
  if (ingestOnly)
    return `${r.label}, ${r.ingest} ingest process(es), ingest only: ${(events / r.stored).toFixed(0)} events/s stored${
      r.stalled ? ' (STALLED)' : ''
    }, ratio to bare ${(events / r.stored / bareRate).toFixed(4)}, ${((r.nodeCpu * 1e6) / events).toFixed(0)} + ${(
      (r.pgCpu * 1e6) /
      events
    ).toFixed(0)} µs CPU/event (node + PostgreSQL)`;
  return `${r.label}, ${r.ingest} ingest process(es): ${(events / r.relayed).toFixed(0)} events/s end to end${
    r.stalled ? ' (STALLED)' : ''
  }, ratio to bare ${(events / r.relayed / bareRate).toFixed(4)}`;
}

function row(r: RunResult, events: number, bareRate: number): string {
  const rate = (s: number) => (events / s).toFixed(0).padStart(8);
  const us = (s: number) => ((s * 1e6) / events).toFixed(0).padStart(10);
  return [
    `${r.label}${r.stalled ? ' STALLED' : ''}`.padEnd(19),
    String(r.ingest).padStart(6),
    rate(r.stored),
    `  ${rate(r.screened)}`,
    ` ${rate(r.relayed)}`,
    `  ${(events / r.relayed / bareRate).toFixed(4).padStart(8)}`,
    us(r.nodeCpu),
    us(r.pgCpu),
    String(r.leads).padStart(6),
    String(r.jobs).padStart(5),
  ].join('  ');
}
