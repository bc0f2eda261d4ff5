import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Role } from '@zhijian/access';
import { loadHubConfig, type HubConfig } from '@zhijian/config';
import { physicalTopic, topicOfSchema, type Envelope, type FeedTopic } from '@zhijian/contracts';
import { messageKeyOf } from '@zhijian/ingest';
import {
  createFeedKey,
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  PrincipalRepository,
  runMigrations,
} from '@zhijian/persistence';
import { ALL_PARTS, startHub, type HubParts } from '@zhijian/platform';

/**
 * An isolated hub environment on the real services: its own database, topic prefix,
 * consumer group and queue prefix, so that integration specs never see each other's data.
 */
export interface TestEnv {
  id: string;
  config: HubConfig;
  db: DataSource;
  redis: Redis;
  kafka: Kafka;
  producer: Producer;
  app: INestApplication | null;
  baseUrl: string;
  startHub(parts?: HubParts): Promise<void>;
  stopHub(): Promise<void>;
  publish(topic: FeedTopic, messages: { key?: string; value: string | Buffer }[]): Promise<void>;
  /** Publishes envelopes one by one, each on its schema's topic with the key of spec §1. */
  publishEnvelopes(events: Envelope[]): Promise<void>;
  /** Publishes envelopes and waits until the hub has stored them all, so that what follows arrives later. */
  publishAndWait(events: Envelope[]): Promise<void>;
  queue(name: string): Queue;
  /** A key for POST /v1/feeds/:topic bound to these sources (exact or `prefix*`) and topics; returns the plaintext. */
  createFeedKey(allowedSources: string[], allowedTopics: FeedTopic[], name?: string): Promise<string>;
  /** A bearer token of a new principal with this role at this office (GB/T 2260 code) for the intake API. */
  token(role: Role, unitCode: string, name?: string): Promise<string>;
  /** As `token`, with the principal's id. */
  principal(role: Role, unitCode: string, name?: string): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

export async function createTestEnv(overrides: Partial<HubConfig> = {}): Promise<TestEnv> {
  const id = randomBytes(4).toString('hex');
  const base = loadHubConfig(process.env);
  const dbUrl = new URL(base.databaseUrl);
  dbUrl.pathname = `/zhijian_t_${id}`;
  const config: HubConfig = {
    ...base,
    databaseUrl: dbUrl.toString(),
    topicPrefix: `t${id}`,
    consumerGroup: `g${id}`,
    queuePrefix: `zt${id}`,
    httpPort: 0,
    pollIntervalMs: 100,
    watermarkIdleMs: 1000,
    ingestPartitions: 3,
    logLevel: 'warn',
    ...overrides,
  };
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  const db = new DataSource(dataSourceOptions(config.databaseUrl, 2));
  await db.initialize();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const kafka = new Kafka({
    clientId: `test-${id}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const queues: Queue[] = [];

  const env: TestEnv = {
    id,
    config,
    db,
    redis,
    kafka,
    producer,
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
      await producer.send({ topic: physicalTopic(config.topicPrefix, topic), messages });
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
    async token(role, unitCode, name) {
      return (await env.principal(role, unitCode, name)).token;
    },
    principal(role, unitCode, name = `${role} of ${unitCode}`) {
      const kind = role === 'system' ? 'system' : 'person';
      return new PrincipalRepository().create(db.manager, name, kind, role, unitCode);
    },
    queue(name) {
      const q = new Queue(name, { connection: redis, prefix: config.queuePrefix });
      queues.push(q);
      return q;
    },
    async close() {
      await env.stopHub();
      await Promise.all(queues.map((q) => q.close()));
      await producer.disconnect();
      await db.destroy();
      const keys = await redis.keys(`${config.queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      // KEEP_TEST_DATA=1 leaves the database and topics for a post-mortem.
      if (process.env.KEEP_TEST_DATA === '1') return;
      await deleteTopics(kafka, config.topicPrefix);
      await dropDatabase(config.databaseUrl);
    },
  };
  return env;
}

async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (topics.length) await admin.deleteTopics({ topics });
    await admin.deleteGroups([`g${prefix.slice(1)}`]).catch(() => undefined);
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
