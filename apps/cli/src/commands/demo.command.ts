import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { loadHubConfig, type HubConfig } from '@zhijian/config';
import { CONSUMED_TOPICS, physicalTopic, queueNameOf } from '@zhijian/contracts';
import { localAdminClient, provisionHubFeeds, replayProducer } from '@zhijian/ingest';
import { dropDatabase, ensureDatabase, runMigrations } from '@zhijian/persistence';
import { addDays, cstDateOf } from '@zhijian/domain';
import { generateCatalogueProvince, toFeedMessages, type CatalogueProvince } from '@zhijian/simulator';
import { HubProcess } from '../hub-process';
import { createDemoAccess } from './demo-access';
import { publishAll } from '../publisher';
import { scoreLeads, type RaisedLead } from '../scoring';

export interface DemoOptions {
  cases: number;
  seed: number;
  exit: boolean;
  keep: boolean;
}

interface Status {
  businessClock: string | null;
  sources: { source: string; businessTime: string | null }[];
  curedLeads: { withdrawn: number; flagged: number };
  accepted: Record<string, number>;
  rejected: Record<string, number>;
  screeningBacklog: number;
  timersDue: number;
  outboxPending: number;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/**
 * The main job: a fresh hub on the local stack, a synthetic province replayed through
 * Kafka, and a summary of what the hub found against what the generator planted.
 */
export async function demoCommand(options: DemoOptions): Promise<void> {
  const config = loadHubConfig();
  const baseUrl = `http://127.0.0.1:${config.httpPort}`;
  // The admin creates the topics and resets the hub's group; the hub subprocess is `hub`, and the
  // province is replayed across feeds in publish order as the upload gateway (see replayProducer).
  const kafka = localAdminClient(config, 'demo-admin');
  // Topics created with a serving leader for every partition before anyone sends or fetches,
  // and (with authentication) the ACLs of this topic prefix and group in force.
  await provisionHubFeeds(config, kafka, config.topicPrefix, config.consumerGroup);

  if (!options.keep) await resetState(config, kafka);
  await ensureDatabase(config.migrationDatabaseUrl);
  const applied = await runMigrations(config.migrationDatabaseUrl);
  step(`database ready (${applied.length} migration(s) applied)`);

  const hub = new HubProcess(process.env, join(process.cwd(), 'reports', 'hub.log'));
  await hub.start(baseUrl);
  step(`hub started (log: ${hub.logFile})`);
  const stopHub = async () => {
    await hub.stop();
  };
  process.once('SIGINT', () => void stopHub().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stopHub().then(() => process.exit(143)));

  const started = Date.now();
  const province = provinceEndingYesterday(options.seed, options.cases);
  const messages = toFeedMessages(province.events);
  step(`generated ${options.cases} cases, ${messages.length} events, seed ${options.seed}`);

  const producer = replayProducer(config, 'zhijian-demo', { idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const publishedAt = new Date();
  await publishAll(producer, config.topicPrefix, messages, 'publishing to Kafka');
  await producer.disconnect();

  const status = await waitCaughtUp(baseUrl, messages.length, publishedAt);
  const seconds = (Date.now() - started) / 1000;
  const access = await createDemoAccess(config.databaseUrl, baseUrl);
  const leads = await fetchAllLeads(baseUrl, access.readToken);
  const queueCounts = await countQueues(config, [...new Set(leads.map((l) => l.unitCode))]);
  printSummary({
    options,
    messages: messages.length,
    seconds,
    status,
    leads,
    queueCounts,
    baseUrl,
    truth: province.truth,
    access: access.lines,
  });

  if (options.exit) {
    await stopHub();
    return;
  }
  console.log(`\nThe hub keeps serving at ${baseUrl} (Ctrl-C stops it). Log: ${hub.logFile}`);
  await new Promise(() => undefined);
}

/**
 * The synthetic history ends yesterday, so that once the replay is done and the hub is live
 * (business time = now) the planted facts stand where the generator put them: hits are
 * overdue, and deadlines the generator placed after the end of history are not yet due.
 */
function provinceEndingYesterday(seed: number, cases: number): CatalogueProvince {
  return generateCatalogueProvince({ seed, cases, lastDate: addDays(cstDateOf(new Date()), -1) });
}

async function resetState(config: HubConfig, kafka: Kafka): Promise<void> {
  await dropDatabase(config.migrationDatabaseUrl);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${config.queuePrefix}:*`);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  redis.disconnect();
  // Earlier runs' messages stay in the topics: the hub's group starts at their end.
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Concrete offsets: kafkajs' resetOffsets(latest) commits -1, which a consumer that
    // subscribes fromBeginning reads as "from the start".
    for (const topic of CONSUMED_TOPICS) {
      const physical = physicalTopic(config.topicPrefix, topic);
      const ends = await admin.fetchTopicOffsets(physical);
      await admin.setOffsets({
        groupId: config.consumerGroup,
        topic: physical,
        partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
  step('fresh start: database, office queues and consumer position reset');
}

async function getStatus(baseUrl: string): Promise<Status> {
  const res = await fetch(`${baseUrl}/v1/status`);
  if (!res.ok) throw new Error(`GET /v1/status answered ${res.status}`);
  return (await res.json()) as Status;
}

/**
 * Until every message is accepted or rejected, business time is live (the history ends yesterday:
 * once the feeds are read and quiet, the clock is now), every timer it has reached has fired, and
 * screening and the relay are idle.
 */
async function waitCaughtUp(baseUrl: string, published: number, liveFrom: Date): Promise<Status> {
  let quietPolls = 0;
  let lastLine = '';
  for (;;) {
    const s = await getStatus(baseUrl);
    const seen = sum(s.accepted) + sum(s.rejected);
    // Live: the feeds' common clock and every source's own clock (its cases are judged by it) at now.
    const isLive = (t: string | null) => t !== null && new Date(t).getTime() >= liveFrom.getTime();
    const behind = s.sources.filter((x) => !isLive(x.businessTime)).length;
    const live = isLive(s.businessClock) && behind === 0;
    const idle =
      seen >= published && live && s.screeningBacklog === 0 && s.timersDue === 0 && s.outboxPending === 0;
    quietPolls = idle ? quietPolls + 1 : 0;
    const line =
      `hub: ${seen}/${published} events stored, business clock ${s.businessClock?.slice(0, 10) ?? '-'}` +
      `${live ? ' (live)' : behind ? ` (${behind} source(s) not yet live)` : ''}, screening backlog ${s.screeningBacklog}, timers due ${s.timersDue}, outbox ${s.outboxPending}`;
    if (line !== lastLine) process.stderr.write(`${line}\n`);
    lastLine = line;
    if (quietPolls >= 3) return s;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function fetchAllLeads(baseUrl: string, token: string): Promise<RaisedLead[]> {
  const all: RaisedLead[] = [];
  for (let offset = 0; ; offset += 1000) {
    const res = await fetch(`${baseUrl}/v1/leads?limit=1000&offset=${offset}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`GET /v1/leads answered ${res.status}`);
    const page = (await res.json()) as { items: RaisedLead[] };
    // Leads later facts cured (withdrawn) are not leads any more: the status line counts them.
    all.push(...page.items.filter((l) => l.status !== 'withdrawn'));
    if (page.items.length < 1000) return all;
  }
}

async function countQueues(config: HubConfig, unitCodes: string[]): Promise<Map<string, number>> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const counts = new Map<string, number>();
  try {
    for (const unit of unitCodes.sort()) {
      const q = new Queue(queueNameOf(unit), { connection: redis, prefix: config.queuePrefix });
      counts.set(queueNameOf(unit), sum(await q.getJobCounts()));
      await q.close();
    }
  } finally {
    redis.disconnect();
  }
  return counts;
}

function step(message: string): void {
  process.stderr.write(`[demo] ${message}\n`);
}

function printSummary(r: {
  options: DemoOptions;
  messages: number;
  seconds: number;
  status: Status;
  leads: RaisedLead[];
  queueCounts: Map<string, number>;
  baseUrl: string;
  truth: Parameters<typeof scoreLeads>[0];
  access: string[];
}): void {
  const scores = scoreLeads(r.truth, r.leads);
  const lines: string[] = [];
  lines.push('', '══ 执检数据枢纽 Zhijian Hub — demo summary ══');
  lines.push(
    `province replayed: ${r.options.cases} cases, ${r.messages} events in ${r.seconds.toFixed(1)} s (seed ${r.options.seed})`,
  );
  lines.push(`business clock at: ${r.status.businessClock}`);
  lines.push(
    `events accepted:   ${Object.entries(r.status.accepted)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  lines.push(
    `events rejected:   ${
      sum(r.status.rejected)
        ? Object.entries(r.status.rejected)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')
        : 'none'
    }`,
  );
  lines.push(
    `withdrawn by later facts: ${r.status.curedLeads.withdrawn}; flagged 事实已变更: ${r.status.curedLeads.flagged}`,
  );
  lines.push('', 'leads per model (against the planted truth; near misses must raise nothing):');
  const nearMisses = (modelId: string) =>
    r.truth.filter((t) => t.modelId === modelId && t.expected === 'near_miss').length;
  for (const s of scores) {
    lines.push(
      `  ${s.modelId.padEnd(30)} raised ${String(s.raised).padStart(5)}  planted ${String(s.planted).padStart(5)}` +
        `  near misses ${String(nearMisses(s.modelId)).padStart(4)}  ` +
        `precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}`,
    );
    if (s.falsePositives.length) lines.push(`    unexpected: ${s.falsePositives.slice(0, 5).join(' ')}`);
    if (s.missed.length) lines.push(`    missed:     ${s.missed.slice(0, 5).join(' ')}`);
  }
  lines.push('', 'leads per office queue (BullMQ, job id = lead id):');
  const perUnit = new Map<string, number>();
  for (const l of r.leads) perUnit.set(l.unitCode, (perUnit.get(l.unitCode) ?? 0) + 1);
  const queues = [...r.queueCounts].sort((a, b) => b[1] - a[1]);
  for (const [queue, jobs] of queues.slice(0, 12)) {
    const unit = queue.replace('intake-', '');
    lines.push(
      `  ${queue.padEnd(16)} ${String(jobs).padStart(4)} job(s)   ${perUnit.get(unit) ?? 0} lead(s)`,
    );
  }
  if (queues.length > 12) {
    const rest = queues.slice(12);
    lines.push(`  … ${rest.length} more queues with ${rest.reduce((n, [, j]) => n + j, 0)} job(s)`);
  }
  const sample = r.leads[0];
  lines.push('', 'where to look:');
  lines.push(`  console        ${r.baseUrl}/console/ (staff console in Chinese; sign in with a token below)`);
  lines.push(
    `  leads          ${r.baseUrl}/v1/leads?unitCode=<office>&modelId=<model>&caseNo=<案号> (with a token below)`,
  );
  if (sample) lines.push(`  one lead       ${r.baseUrl}/v1/leads?unitCode=${sample.unitCode}`);
  lines.push(`  status         ${r.baseUrl}/v1/status`);
  lines.push(`  API docs       ${r.baseUrl}/docs`);
  lines.push(
    `  office queues  Redis ${loadHubConfig().redisUrl}, BullMQ prefix "${loadHubConfig().queuePrefix}", queues intake-<office code>`,
  );
  lines.push(...r.access);
  console.log(lines.join('\n'));
}
