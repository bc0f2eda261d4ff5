import { readFileSync } from 'node:fs';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Kafka, logLevel, type Admin, type KafkaConfig, type Producer, type SASLOptions } from 'kafkajs';
import { HUB_CONFIG, type HubConfig, type KafkaCredentials } from '@zhijian/config';
import { FEED_TOPICS, dlqTopic, physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { nestLogCreator } from './kafka-log';

/**
 * Retries of every client: a broker that has just started, or a topic just created, answers
 * "not the leader" or "leader not available" for a few seconds; kafkajs refreshes its metadata
 * and retries those (retriable) errors, up to about 30 s in all with these settings.
 */
export const KAFKA_RETRY = { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 };

/** kafkajs' SASL options of a principal; the password leaves its Secret only here. */
export function saslOf(auth: KafkaCredentials | null): SASLOptions | undefined {
  if (!auth) return undefined;
  const password = auth.password.reveal();
  switch (auth.mechanism) {
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username: auth.username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username: auth.username, password };
    case 'plain':
      return { mechanism: 'plain', username: auth.username, password };
  }
}

const caPems = new Map<string, string>();

/** The broker's CA, read once per file: the certificate the broker presents is checked against it. */
function caOf(file: string): string {
  let pem = caPems.get(file);
  if (pem === undefined) {
    try {
      pem = readFileSync(file, 'utf8');
    } catch {
      throw new Error(
        `no CA for Kafka's TLS at ${file}: run bash deploy/local/stack.sh up, or set KAFKA_TLS_CA_FILE (KAFKA_TLS=false for a broker without TLS)`,
      );
    }
    caPems.set(file, pem);
  }
  return pem;
}

/**
 * Connection options for these brokers as this principal (null: plaintext, no authentication):
 * SASL, over TLS when the principal's connection has a CA (SASL_SSL).
 */
export function kafkaConnection(
  brokers: string[],
  auth: KafkaCredentials | null,
): Pick<KafkaConfig, 'brokers' | 'sasl' | 'retry' | 'ssl'> {
  return {
    brokers,
    sasl: saslOf(auth),
    retry: KAFKA_RETRY,
    ...(auth?.tls ? { ssl: { ca: [caOf(auth.tls.caFile)] } } : {}),
  };
}

/** A client of the hub's own principal (config.kafkaAuth), or of another one (tests, demo). */
export function kafkaClient(
  config: HubConfig,
  suffix: string,
  auth: KafkaCredentials | null = config.kafkaAuth,
  level: logLevel = logLevel.WARN,
): Kafka {
  return new Kafka({
    clientId: `${config.kafkaClientId}-${suffix}`,
    ...kafkaConnection(config.kafkaBrokers, auth),
    logLevel: level,
    logCreator: nestLogCreator,
  });
}

/** The feed topics of a prefix and their DLQs. */
export function feedTopicNames(prefix: string): string[] {
  return (Object.keys(FEED_TOPICS) as FeedTopic[]).flatMap((t) => {
    const name = physicalTopic(prefix, t);
    return [name, dlqTopic(name)];
  });
}

/**
 * Creates the feed topics and their DLQs if missing (the broker does not auto-create), then
 * waits until every partition has a leader that serves it, so that the first send, fetch or
 * offset request does not meet "This server is not the leader for that topic-partition".
 */
export async function ensureTopics(
  kafka: Kafka,
  prefix: string,
  partitions: number,
  timeoutMs = 60_000,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = feedTopicNames(prefix);
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      // false (not an error) when another process created them meanwhile.
      await admin
        .createTopics({
          waitForLeaders: true,
          // Replication: the broker's default.replication.factor (1 on the local stack, 3 on deploy/cluster).
          topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
        })
        .catch((e: unknown) => {
          // Created, but the metadata not yet on every broker of a cluster: waitForLeaders waits for it.
          if (!/does not host this topic-partition/i.test(String((e as Error).message))) throw e;
        });
    }
    await waitForLeaders(admin, wanted, timeoutMs);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the metadata names a leader for every partition of these topics and that leader
 * answers an offset request for each (only the leader does): in KRaft a topic's metadata can
 * name the leader a moment before the broker has taken the partition on. Authorization errors
 * are not waited out.
 */
export async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.flatMap((t) =>
        t.partitions
          .filter((p) => p.partitionErrorCode !== 0 || p.leader < 0)
          .map((p) => `${t.name}[${p.partitionId}]`),
      );
      if (!leaderless.length && metadata.length === topics.length) {
        for (const t of topics) await admin.fetchTopicOffsets(t);
        return;
      }
      last = `no leader yet for ${leaderless.join(', ') || 'some topics'}`;
    } catch (e) {
      if (isAuthError(e)) throw e;
      last = (e as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`Kafka topics without a serving leader after ${timeoutMs} ms (${last})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Waits until the coordinator of a consumer group answers. On a broker that has never served a
 * group, the first FindCoordinator creates `__consumer_offsets` (50 partitions) and answers
 * "coordinator not available" or "load in progress" until they are led and loaded: a reset of the
 * group's offsets (the demo) or a consumer joining then would fail or wait on its own retries.
 */
export async function waitForGroupCoordinator(
  admin: Admin,
  group: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.describeGroups([group]);
      return;
    } catch (e) {
      if (isAuthError(e) || Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** An authentication or authorization failure, which waiting does not cure. */
export function isAuthError(e: unknown): boolean {
  for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) {
    const { type, name } = x as { type?: unknown; name?: unknown };
    if (typeof type === 'string' && /AUTHORIZATION|AUTHENTICATION|SASL/.test(type)) return true;
    if (typeof name === 'string' && /SASLAuthentication/.test(name)) return true;
  }
  return false;
}

/** The process's one Kafka producer (DLQ copies); connected at boot, flushed at shutdown. */
@Injectable()
export class KafkaProducerHolder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(KafkaProducerHolder.name);
  readonly producer: Producer;

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {
    this.producer = kafkaClient(config, 'producer').producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(
      kafkaClient(this.config, 'admin'),
      this.config.topicPrefix,
      this.config.ingestPartitions,
    );
    await this.producer.connect();
    this.logger.log(
      `connected to Kafka at ${this.config.kafkaBrokers.join(',')}` +
        (this.config.kafkaAuth ? ` as ${this.config.kafkaAuth.username}` : ' (no authentication)'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }
}

/**
 * The producer HTTP uploads write to the feed topics with, as the upload gateway's principal
 * (config.kafkaUploadAuth): the hub's own principal may not write a feed. Provided by UploadModule,
 * so only a process that serves uploads connects it.
 */
@Injectable()
export class KafkaUploadProducer implements OnModuleInit, OnModuleDestroy {
  readonly producer: Producer;

  constructor(@Inject(HUB_CONFIG) config: HubConfig) {
    this.producer = kafkaClient(config, 'upload', config.kafkaUploadAuth).producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }
}

@Global()
@Module({ providers: [KafkaProducerHolder], exports: [KafkaProducerHolder] })
export class KafkaModule {}
