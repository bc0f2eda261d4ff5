import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Role } from '@zhijian/access';
import { loadHubConfig, Secret, type HubConfig } from '@zhijian/config';
import { physicalTopic, topicOfSchema, type Envelope, type FeedTopic, queueNameOf } from '@zhijian/contracts';
import {
  FeedProducers,
  localAdminClient,
  messageKeyOf,
  provisionHubFeeds,
  replayProducer,
  revokeAcls,
  type AclBinding,
  createFeedKey,
} from '@zhijian/ingest';
import { dataSourceOptions, dropDatabase, runMigrations } from '@zhijian/persistence';
import { PrincipalDirectory, SessionStore } from '@zhijian/access';
import { type LeadEvidence } from '@zhijian/domain';
import { ALL_PARTS, startHub, type HubParts } from '@zhijian/hub';
import { compileForChildren } from './hub-processes';
import { type LeadJobData } from '@zhijian/referral';

/** What `TestEnv.settled` waits for, and how long. */
export interface SettleOptions {
  /** Events stored (raw_events + quarantine) to wait for first; default: every message published through this env. */
  events?: number;
  /** Consecutive polls on which all holds and nothing moves; default 4. */
  polls?: number;
  intervalMs?: number;
  timeoutMs?: number;
}

/** An individual lead as the catalogue specs check it. */
export interface IndividualLead {
  id: string;
  modelId: string;
  caseNo: string;
  unitCode: string;
  statement: string;
  evidence: LeadEvidence;
}

const runFile = promisify(execFile);
/** The repository's root (libs/testing/src → ../../..), where the CLI runs from. */
const REPO_ROOT = join(__dirname, '..', '..', '..');
/**
 * An isolated hub environment on the real services: its own database, topic prefix,
 * consumer group and queue prefix, so that integration specs never see each other's data.
 */
export interface TestEnv {
  id: string;
  /** The hub's configuration: `databaseUrl` is the hub's own role (zhijian_app), `migrationDatabaseUrl` the owner. */
  config: HubConfig;
  /** The spec's own connection, as the tables' owner (migrations, fixtures, attacks on the audit log). */
  db: DataSource;
  redis: Redis;
  /**
   * A client of the local stack's admin principal (a super user): topic and group administration,
   * and consumers that read what the hub wrote (DLQs). Not for publishing feeds: `publish` does that.
   */
  kafka: Kafka;
  /** The producer of a feed, connected as that feed's producer principal (producer-court, …). */
  producerOf(topic: FeedTopic): Promise<Producer>;
  app: INestApplication | null;
  baseUrl: string;
  startHub(parts?: HubParts): Promise<void>;
  stopHub(): Promise<void>;
  /** Publishes to a feed topic of this env as the feed's producer principal. */
  publish(topic: FeedTopic, messages: { key?: string; value: string | Buffer }[]): Promise<void>;
  /**
   * Publishes messages of several feeds in their order, in one request (as the demo does), as the
   * upload gateway's principal, which may write every feed (see replayProducer); counts them.
   */
  publishBatch(messages: { topic: FeedTopic; key: string; value: string }[]): Promise<void>;
  /** Publishes envelopes one by one, each on its schema's topic with the key of spec §1. */
  publishEnvelopes(events: Envelope[]): Promise<void>;
  /** Publishes envelopes and waits until the hub has stored them all, so that what follows arrives later. */
  publishAndWait(events: Envelope[]): Promise<void>;
  /** The BullMQ queue `name` under this env's prefix (one object per name, closed with the env). */
  queue(name: string): Queue;
  /** Waits until `events` events are stored (raw_events + quarantine; default: every message published through this env). */
  stored(events?: number, timeoutMs?: number): Promise<void>;
  /**
   * Waits until the hub has done all it will do with what was published: every event stored,
   * business time settled (CLOCK_MODE=auto: live, the clock at or past the instant of the call;
   * watermark: no partition lagging and the clock at the newest business time read), nothing in
   * the screening queue, no deadline timer due by the clock, the outbox relayed — and all of it
   * unchanged over several consecutive polls.
   */
  settled(options?: SettleOptions): Promise<void>;
  /** Individual leads (of these cases only, when given), by model and case number. */
  individualLeads(caseNos?: string[]): Promise<IndividualLead[]>;
  /** The job of a lead in the office's intake queue `intake-<unitCode>`, once the relay has added it. */
  jobOf(unitCode: string, leadId: string): Promise<Job<LeadJobData>>;
  /** A key for POST /v1/feeds/:topic bound to these sources (exact or `prefix*`) and topics; returns the plaintext. */
  createFeedKey(allowedSources: string[], allowedTopics: FeedTopic[], name?: string): Promise<string>;
  /** The environment of a CLI command run against this env (its database as the hub's role, key, checkpoints, topics). */
  cliEnv(): NodeJS.ProcessEnv;
  /** Runs the CLI (`apps/cli/src/main.ts`, through ts-node) against this env: its exit code and output. */
  runCli(...args: string[]): Promise<{ code: number; stdout: string }>;
  /**
   * A bearer token for the intake API of a new principal with this role at this office (GB/T 2260
   * code): a person's session (as signing in gives), a system's own token.
   */
  token(role: Role, unitCode: string, name?: string): Promise<string>;
  /** As `token`, with the principal's id and its own token (`principalToken`: a person's signs in). */
  principal(
    role: Role,
    unitCode: string,
    name?: string,
  ): Promise<{ id: string; token: string; principalToken: string }>;
  close(): Promise<void>;
}

export async function createTestEnv(overrides: Partial<HubConfig> = {}): Promise<TestEnv> {
  const id = randomBytes(4).toString('hex');
  const base = loadHubConfig(process.env);
  const onDatabase = (url: string) => {
    const u = new URL(url);
    u.pathname = `/zhijian_t_${id}`;
    return u.toString();
  };
  const config: HubConfig = {
    ...base,
    // The hub runs with the privileges of production: its own role, migrations as the owner.
    databaseUrl: onDatabase(base.databaseUrl),
    migrationDatabaseUrl: onDatabase(base.migrationDatabaseUrl),
    // A generated key when none is configured; checkpoints in a file of this env's own.
    auditKey: base.auditKey ?? TEST_AUDIT_KEY,
    auditCheckpointFile: join(tmpdir(), `zhijian-audit-checkpoints-${id}.jsonl`),
    topicPrefix: `t${id}`,
    consumerGroup: `g${id}`,
    queuePrefix: `zt${id}`,
    httpPort: 0,
    pollIntervalMs: 100,
    // A stop waits for the ingest consumer's fetch in flight: 100 ms, not kafkajs's 5 s, per hub stopped.
    kafkaMaxWaitMs: 100,
    watermarkIdleMs: 1000,
    ingestPartitions: 3,
    logLevel: 'warn',
    ...overrides,
  };
  await createMigratedDatabase(config.migrationDatabaseUrl);
  const db = new DataSource(dataSourceOptions(config.migrationDatabaseUrl, 2));
  await db.initialize();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  // With authentication on (the local stack), the admin creates this env's topics and grants its
  // hub and producer principals ACLs on exactly these names; KAFKA_SASL_MECHANISM=none: no ACLs.
  const kafka = localAdminClient(config, `test-${id}-admin`);
  const acls = await provisionHubFeeds(config, kafka, config.topicPrefix, config.consumerGroup);
  const producers = new FeedProducers(config, `test-${id}`);
  const producerOf = (topic: FeedTopic) => producers.of(topic);
  let replay: Promise<Producer> | undefined;
  const queues = new Map<string, Queue>();
  let published = 0;

  const env: TestEnv = {
    id,
    config,
    db,
    redis,
    kafka,
    producerOf,
    app: null,
    baseUrl: '',
    async startHub(parts = ALL_PARTS) {
      env.app = await startHub(config, parts);
      env.baseUrl = (await env.app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    async stopHub() {
      await env.app?.close();
      env.app = null;
    },
    async publish(topic, messages) {
      await (await producerOf(topic)).send({ topic: physicalTopic(config.topicPrefix, topic), messages });
      published += messages.length;
    },
    async publishBatch(messages) {
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (const m of messages) {
        const topic = physicalTopic(config.topicPrefix, m.topic);
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: m.key, value: m.value }]);
      }
      if (!replay) {
        const producer = replayProducer(config, `test-${id}-replay`);
        replay = producer.connect().then(() => producer);
      }
      await (
        await replay
      ).sendBatch({
        topicMessages: [...byTopic].map(([topic, batch]) => ({ topic, messages: batch })),
      });
      published += messages.length;
    },
    async publishEnvelopes(events) {
      for (const e of events) {
        const topic = topicOfSchema(e.schema);
        if (!topic) throw new Error(`no feed topic carries ${e.schema}`);
        await env.publish(topic, [{ key: messageKeyOf(topic, e), value: JSON.stringify(e) }]);
      }
    },
    async publishAndWait(events) {
      await env.publishEnvelopes(events);
      const ids = events.map((e) => e.eventId);
      await waitFor(
        `${ids.join(', ')} ingested`,
        async () =>
          (await countOf(db, `select count(*)::int as n from raw_events where event_id = any($1)`, [ids])) ===
          ids.length,
      );
    },
    createFeedKey(allowedSources, allowedTopics, name = 'test key') {
      return createFeedKey(db.manager, name, allowedSources, allowedTopics);
    },
    cliEnv() {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: config.databaseUrl,
        MIGRATION_DATABASE_URL: config.migrationDatabaseUrl,
        AUDIT_KEY: config.auditKey!.reveal().toString('utf8'),
        AUDIT_CHECKPOINT_FILE: config.auditCheckpointFile,
        KAFKA_TOPIC_PREFIX: config.topicPrefix,
      };
      delete env.AUDIT_KEY_FILE;
      return env;
    },
    async runCli(...args) {
      // The CLI from the SWC build the hub children use (compiled once per change): ts-node
      // transpiling the whole CLI per call took a minute on a loaded machine.
      const build = compileForChildren();
      try {
        const { stdout } = await runFile(
          process.execPath,
          ['-r', join(build, 'aliases.js'), join(build, 'apps', 'cli', 'src', 'main.js'), ...args],
          { cwd: REPO_ROOT, env: env.cliEnv(), maxBuffer: 1 << 26 },
        );
        return { code: 0, stdout };
      } catch (e) {
        const failed = e as { code: number; stdout: string; stderr?: string };
        // What the CLI said on stderr, for the spec's failure message (no personal data: the CLI logs redacted).
        if (failed.stderr)
          console.error(`zhijian ${args[0] ?? ''} exited ${failed.code}:\n${failed.stderr.slice(-4000)}`);
        return { code: failed.code, stdout: failed.stdout };
      }
    },
    async token(role, unitCode, name) {
      return (await env.principal(role, unitCode, name)).token;
    },
    async principal(role, unitCode, name = `${role} of ${unitCode}`) {
      const kind = role === 'system' ? 'system' : 'person';
      const { id, token } = await new PrincipalDirectory().create(db.manager, name, kind, role, unitCode);
      if (kind === 'system') return { id, token, principalToken: token };
      const policy = { idleHours: config.access.sessionIdleHours, maxDays: config.access.sessionMaxDays };
      const session = await new SessionStore().create(db.manager, id, policy);
      return { id, token: session.token, principalToken: token };
    },
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: redis, prefix: config.queuePrefix });
        queues.set(name, q);
      }
      return q;
    },
    async stored(events = published, timeoutMs = 60_000) {
      await waitFor(
        `${events} event(s) stored`,
        async () => (await countOf(db, `select ${STORED} as n`)) >= events,
        timeoutMs,
      );
    },
    async settled({ events = published, polls = 4, intervalMs = 250, timeoutMs = 30_000 } = {}) {
      const since = new Date();
      const deadline = Date.now() + timeoutMs;
      // Business time the deadline timers are due by: each case's court's clock (the feeds' common
      // clock for a court that sent nothing), or now on the wall clock.
      const due =
        config.clockMode === 'wall'
          ? `(select count(*) from deadline_timers where due_at <= now())::int`
          : `(select count(*) from deadline_timers t left join cases c on c.case_no = t.case_no
               left join source_clocks s on s.source = 'court:' || c.court_code
               where t.due_at <= coalesce(nullif(s.as_of, '-infinity'), (select as_of from business_clock where id = 1)))::int`;
      let last = '';
      let stable = 0;
      for (;;) {
        const rows: SettleState[] = await db.query(
          `select ${STORED} as stored,
                  (select as_of from business_clock where id = 1) as "asOf",
                  (select min(as_of) from source_clocks) as "sourcesAsOf",
                  (select count(*) from partition_progress where not caught_up)::int as lagging,
                  (select max(max_occurred_at) from partition_progress) as "newest",
                  (select count(*) from screening_queue)::int as queued,
                  ${due} as due,
                  (select count(*) from outbox where relayed_at is null and not_before <= now())::int as unrelayed,
                  (select count(*) from leads where status <> 'withdrawn')::int as leads`,
        );
        const state = rows[0]!;
        const time =
          config.clockMode === 'auto'
            ? (state.asOf?.getTime() ?? 0) >= since.getTime() &&
              (state.sourcesAsOf?.getTime() ?? Infinity) >= since.getTime()
            : config.clockMode === 'wall' ||
              (state.lagging === 0 &&
                (!state.newest || (state.asOf?.getTime() ?? 0) >= state.newest.getTime()));
        const done =
          state.stored >= events && time && state.queued === 0 && state.due === 0 && state.unrelayed === 0;
        // The clock moves on its own once live: what must stand still is the work.
        const { asOf: _asOf, newest: _newest, sourcesAsOf: _sourcesAsOf, ...work } = state;
        const seen = JSON.stringify(work);
        stable = done && seen === last ? stable + 1 : done ? 1 : 0;
        last = seen;
        if (stable >= polls) return;
        if (Date.now() > deadline) {
          throw new Error(
            `not settled after ${timeoutMs} ms (clock ${config.clockMode}, since ${since.toISOString()}, ` +
              `${events} event(s) to store): ${JSON.stringify(state)}`,
          );
        }
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    },
    individualLeads(caseNos) {
      return db.query(
        `select id, model_id as "modelId", case_no as "caseNo", unit_code as "unitCode", statement, evidence
         from leads where kind = 'individual' and status <> 'withdrawn' and ($1::text[] is null or case_no = any($1::text[]))
         order by model_id, case_no`,
        [caseNos ?? null],
      );
    },
    jobOf(unitCode, leadId) {
      const queue = queueNameOf(unitCode);
      return waitFor(
        `job ${leadId} in ${queue}`,
        async () => ((await env.queue(queue).getJob(leadId)) as Job<LeadJobData> | undefined) ?? undefined,
      );
    },
    async close() {
      await env.stopHub();
      await Promise.all([...queues.values()].map((q) => q.close()));
      await producers.disconnect();
      if (replay) await (await replay).disconnect();
      await db.destroy();
      const keys = await redis.keys(`${config.queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      // KEEP_TEST_DATA=1 leaves the database and topics for a post-mortem.
      if (process.env.KEEP_TEST_DATA === '1') return;
      await deleteTopics(kafka, config.topicPrefix, config.consumerGroup, acls);
      await dropDatabase(config.migrationDatabaseUrl);
      await rm(config.auditCheckpointFile, { force: true });
    },
  };
  return env;
}

/**
 * Creates the env's database as a copy of a template migrated once (migrating a fresh database
 * takes seconds, copying it a fraction of that), named by the migrations' source so that a changed
 * migration gets a template of its own; then runs migrations on the copy (none pending, normally).
 * Built under an advisory lock, under a temporary name renamed when complete: specs in parallel
 * workers wait for one build, and a build killed midway is never used.
 */
async function createMigratedDatabase(migrationDatabaseUrl: string): Promise<void> {
  const template = await templateName();
  const target = new URL(migrationDatabaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(migrationDatabaseUrl);
  server.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: server.toString(), extra: { max: 2 } });
  await admin.initialize();
  try {
    const exists = async (db: string) =>
      (await admin.query<unknown[]>(`select 1 from pg_database where datname = $1`, [db])).length > 0;
    if (!(await exists(template))) {
      const runner = admin.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(`select pg_advisory_lock(hashtext('zhijian test template'))`);
        if (!(await exists(template))) {
          const building = `${template}_building`;
          await runner.query(`drop database if exists "${building}" with (force)`);
          await runner.query(`create database "${building}"`);
          const url = new URL(migrationDatabaseUrl);
          url.pathname = `/${building}`;
          await runMigrations(url.toString());
          await runner.query(`alter database "${building}" rename to "${template}"`);
        }
      } finally {
        await runner
          .query(`select pg_advisory_unlock(hashtext('zhijian test template'))`)
          .catch(() => undefined);
        await runner.release();
      }
    }
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.destroy();
  }
  await runMigrations(migrationDatabaseUrl);
}

let templateOfProcess: Promise<string> | undefined;

/** `zhijian_tpl_<hash of libs/persistence/src (migrations and their list)>`. */
function templateName(): Promise<string> {
  templateOfProcess ??= (async () => {
    const hash = createHash('sha256');
    const root = join(REPO_ROOT, 'libs', 'persistence', 'src');
    const files = [
      'data-source.ts',
      ...(await readdir(join(root, 'migrations'))).sort().map((f) => join('migrations', f)),
    ];
    for (const f of files)
      hash
        .update(f)
        .update('\0')
        .update(await readFile(join(root, f)))
        .update('\0');
    return `zhijian_tpl_${hash.digest('hex').slice(0, 16)}`;
  })();
  return templateOfProcess;
}

/**
 * The audit key of the specs of this process when none is configured: one for all, since the
 * key an in-process hub appends with is the process's (useAuditKey at boot).
 */
const TEST_AUDIT_KEY = new Secret(Buffer.from(randomBytes(32).toString('hex')));

/** Events the hub has stored: accepted, or quarantined. */
const STORED = `((select count(*) from raw_events) + (select count(*) from quarantine))::int`;

/** What one poll of `settled` reads, in one statement (one snapshot). */
interface SettleState {
  stored: number;
  asOf: Date | null;
  sourcesAsOf: Date | null;
  lagging: number;
  newest: Date | null;
  queued: number;
  due: number;
  unrelayed: number;
  leads: number;
}

async function deleteTopics(kafka: Kafka, prefix: string, group: string, acls: AclBinding[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (topics.length) await admin.deleteTopics({ topics });
    // The hub's group and any a spec added beside it (`<group>-dlq-reader`): no leftovers on a reused broker.
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(group));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    await revokeAcls(admin, acls);
  } finally {
    await admin.disconnect();
  }
}

/** The single integer a `select count(*)::int as n …` style query returns. */
export async function countOf(db: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows: { n: number }[] = await db.query(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Polls until `probe` returns a value that is not undefined/false, or fails with what it last saw. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
}
