import { readFileSync } from 'node:fs';
import { EnvReader } from './env-reader';
import { readKafkaCredentials, type KafkaCredentials } from './kafka-auth';
import { readReferralSettings, type ReferralSettings } from './referral-config';

/**
 * How business time is read: `auto` follows the feeds' watermark while they are being
 * read and becomes now once every partition is idle (a replay catches up, then the hub
 * is live); `watermark` never goes live (backtests, tests of replays); `wall` is now.
 */
export type ClockMode = 'auto' | 'watermark' | 'wall';

export interface HubConfig {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string[];
  kafkaClientId: string;
  /**
   * The hub's SASL principal (KAFKA_SASL_MECHANISM, KAFKA_USERNAME, KAFKA_PASSWORD[_FILE]);
   * null: plaintext without authentication. The password is a Secret: it prints as [secret].
   */
  kafkaAuth: KafkaCredentials | null;
  /**
   * The principal HTTP uploads are written to the feed topics as (KAFKA_UPLOAD_USERNAME, default
   * uploader; KAFKA_UPLOAD_PASSWORD[_FILE]): the gateway of agencies without Kafka. The hub's own
   * principal never writes a feed topic.
   */
  kafkaUploadAuth: KafkaCredentials | null;
  /** Prefix for every topic name; empty in production, unique per test run for isolation. */
  topicPrefix: string;
  consumerGroup: string;
  /** Prefix for BullMQ keys in Redis. */
  queuePrefix: string;
  httpPort: number;
  clockMode: ClockMode;
  /** A partition read to its end and quiet this long no longer holds the business clock back. */
  watermarkIdleMs: number;
  /** How often the screening and relay loops look for work when idle. */
  pollIntervalMs: number;
  /** Partitions per topic when the hub creates its topics. */
  ingestPartitions: number;
  /** Partitions whose batches one ingest process handles at once (each its own transaction). */
  ingestConcurrency: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Referral policy: task force, triage, class leads, escalation, follow-up (README, "Referral policy"). */
  referral: ReferralSettings;
  /**
   * Thresholds of the supervision models that differ from the catalogue's defaults, by model id:
   * `{"asset_inquiry_late": {"inquiryWithinDays": 20}}`. From MODEL_THRESHOLDS (JSON) or the JSON
   * file MODEL_THRESHOLDS_FILE; checked against each model's defaults when the models are built.
   */
  modelThresholds: ModelThresholds;
  /** The case models screening runs (MODELS_ENABLED, comma-separated ids); null: every model. */
  enabledModels: string[] | null;
}

export type ModelThresholds = Record<string, Record<string, number | boolean | string>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads the environment once into one typed object, naming every bad key at once
 * so that a misconfigured deployment fails at boot with the whole list.
 */
export function loadHubConfig(env: Env = process.env, overrides: Partial<HubConfig> = {}): HubConfig {
  const read = new EnvReader(env);
  const problems = read.problems;
  const str = read.str.bind(read);
  const int = read.int.bind(read);
  const oneOf = read.oneOf.bind(read);
  const url = read.url.bind(read);

  const brokers = str('KAFKA_BROKERS', '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const b of brokers) {
    if (!/^[\w.-]+:\d{1,5}$/.test(b)) problems.push(`KAFKA_BROKERS entry "${b}" is not host:port`);
  }

  const config: HubConfig = {
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/zhijian', [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379/0', ['redis:', 'rediss:']),
    kafkaBrokers: brokers,
    kafkaClientId: str('KAFKA_CLIENT_ID', 'zhijian-hub'),
    kafkaAuth: readKafkaCredentials(read, env),
    kafkaUploadAuth: readKafkaCredentials(read, env, 'KAFKA_UPLOAD_', 'uploader'),
    topicPrefix: str('KAFKA_TOPIC_PREFIX', ''),
    consumerGroup: str('KAFKA_CONSUMER_GROUP', 'zhijian-hub-ingest'),
    queuePrefix: str('QUEUE_PREFIX', 'zhijian'),
    httpPort: int('HTTP_PORT', 3000, 0, 65535),
    clockMode: oneOf('CLOCK_MODE', ['auto', 'watermark', 'wall'] as const, 'auto'),
    watermarkIdleMs: int('WATERMARK_IDLE_MS', 5_000, 0, 3_600_000),
    pollIntervalMs: int('POLL_INTERVAL_MS', 250, 10, 60_000),
    ingestPartitions: int('INGEST_PARTITIONS', 3, 1, 256),
    ingestConcurrency: int('INGEST_CONCURRENCY', 3, 1, 64),
    logLevel: oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
    referral: readReferralSettings(read),
    modelThresholds: readModelThresholds(env, problems),
    enabledModels: env['MODELS_ENABLED']?.trim()
      ? env['MODELS_ENABLED']
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
      : null,
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Nest injection token for the HubConfig object. */
export const HUB_CONFIG = Symbol('HUB_CONFIG');

function readModelThresholds(env: Env, problems: string[]): ModelThresholds {
  const file = env['MODEL_THRESHOLDS_FILE']?.trim();
  const inline = env['MODEL_THRESHOLDS']?.trim();
  if (!file && !inline) return {};
  const key = file ? 'MODEL_THRESHOLDS_FILE' : 'MODEL_THRESHOLDS';
  let parsed: unknown;
  try {
    parsed = JSON.parse(file ? readFileSync(file, 'utf8') : inline!);
  } catch (e) {
    problems.push(`${key}: not readable JSON (${e instanceof Error ? e.message : String(e)})`);
    return {};
  }
  if (!isRecord(parsed) || !Object.values(parsed).every(isRecord)) {
    problems.push(`${key} must be an object of objects: {"<model id>": {"<threshold>": value}}`);
    return {};
  }
  return parsed as ModelThresholds;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
