import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readAccessSettings, type AccessSettings } from './access-config';
import { EnvReader } from './env-reader';
import { readKafkaCredentials, type KafkaCredentials } from './kafka-auth';
import { readReferralSettings, type ReferralSettings } from './referral-config';
import { Secret } from './secret';
import { readAttachmentStore, type AttachmentStoreSettings } from './attachment-store-config';
import type { ModelThresholds } from '@zhijian/domain';

/**
 * How business time is read: `auto` follows the feeds' watermark while they are being
 * read and becomes now once every partition is idle (a replay catches up, then the hub
 * is live); `watermark` never goes live (backtests, tests of replays); `wall` is now.
 */
export type ClockMode = 'auto' | 'watermark' | 'wall';

export interface HubConfig {
  /** The hub's own role (zhijian_app): no superuser, no owner of the tables, no UPDATE/DELETE/TRUNCATE on audit_log. */
  databaseUrl: string;
  /** The role migrations run as (the tables' owner; default: DATABASE_URL as user postgres). */
  migrationDatabaseUrl: string;
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
  /** Address the HTTP server listens on (HTTP_HOST, default 127.0.0.1; `0.0.0.0` for every interface). */
  httpHost: string;
  /**
   * KAFKA_SESSION_TIMEOUT_MS: how long the group waits for a consumer's heartbeat before its
   * partitions go to the others (an ingest process killed without leaving the group).
   */
  kafkaSessionTimeoutMs: number;
  /**
   * KAFKA_MAX_WAIT_MS: how long a fetch of the ingest consumer waits at the broker for messages
   * when there are none (kafkajs's maxWaitTimeInMs). Messages arrive as soon as there are any;
   * stopping the consumer waits for the fetch in flight, so a shorter wait stops the hub sooner.
   */
  kafkaMaxWaitMs: number;
  clockMode: ClockMode;
  /** A partition read to its end and quiet this long no longer holds the business clock back. */
  watermarkIdleMs: number;
  /**
   * SOURCE_LIVE_LAG_HOURS: a source whose newest fact arrived at most this long after it happened
   * sends in real time, and its clock is now (README, "Business time"); one further behind is
   * sending history, judged as of its own progress until its feed is caught up.
   */
  sourceLiveLagMs: number;
  /**
   * SCREEN_QUIET_MS: a case is screened once nothing has been queued for it this long, so that a
   * burst of its facts (a case sent whole) is judged at once, not half-sent.
   */
  screenQuietMs: number;
  /** How often the screening and relay loops look for work when idle. */
  pollIntervalMs: number;
  /** Partitions per topic when the hub creates its topics. */
  ingestPartitions: number;
  /** Partitions whose batches one ingest process handles at once (each its own transaction). */
  ingestConcurrency: number;
  /**
   * A partition with messages whose consumer has made no progress this long (or an ingest part
   * that has not reported for this long) is stalled: /health answers `degraded`.
   */
  stallAfterMs: number;
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
  /**
   * The office key pair that signs the model packages this hub exports (MODEL_SIGNING_KEY_FILE:
   * a file written by `zhijian model keygen`, mode 0600). Null: the API exports no packages.
   */
  modelSigningKeyFile: string | null;
  /**
   * The key of the audit log's HMAC-SM3 chain and of its checkpoints (AUDIT_KEY, or the file
   * AUDIT_KEY_FILE). The database never holds it. Null when neither is set: the parts that
   * write or verify the audit log then refuse to start.
   */
  auditKey: Secret | null;
  /** How often the audit log's head is checkpointed outside the database (and at shutdown). */
  auditCheckpointMs: number;
  /** The local append-only file of audit checkpoints (one MACed JSON line each). */
  auditCheckpointFile: string;
  /** Sessions and rate limits of the API (SESSION_*, RATE_LIMIT_*; README, "Access and audit"). */
  access: AccessSettings;
  /** A message over this many bytes is rejected as `too_large` (MAX_MESSAGE_BYTES, default 900 KiB). */
  maxMessageBytes: number;
  /** JSON nested deeper than this is rejected as `too_deep` before it is parsed (MAX_JSON_DEPTH, default 32). */
  maxJsonDepth: number;
  /**
   * How far business time may be ahead of the wall clock before a message is `future_dated`
   * (SKEW_TOLERANCE_HOURS, default 24).
   */
  skewToleranceMs: number;
  /** A source that has sent nothing for this long is flagged silent (conformance report, console). */
  sourceSilentMs: number;
  /** Days after closing within which a petition lead's 结果告知书 is due (NOTICE_DUE_DAYS, default 15). */
  noticeDueDays: number;
  /** Where attachments' contents are kept (ATTACHMENT_STORE, S3_*; README "Configuration"). */
  attachmentStore: AttachmentStoreSettings;
}

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

  const databaseUrl = url('DATABASE_URL', 'postgres://zhijian_app@127.0.0.1:5432/zhijian', [
    'postgres:',
    'postgresql:',
  ]);
  const cacheDir = str('ZHIJIAN_CACHE', join(homedir(), '.cache', 'zhijian'));
  const config: HubConfig = {
    databaseUrl,
    // Checked only when set: the default follows DATABASE_URL, whose problems are named already.
    migrationDatabaseUrl: env['MIGRATION_DATABASE_URL']?.trim()
      ? url('MIGRATION_DATABASE_URL', '', ['postgres:', 'postgresql:'])
      : asUser(databaseUrl, 'postgres'),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379/0', ['redis:', 'rediss:']),
    kafkaBrokers: brokers,
    kafkaClientId: str('KAFKA_CLIENT_ID', 'zhijian-hub'),
    kafkaAuth: readKafkaCredentials(read, env),
    kafkaUploadAuth: readKafkaCredentials(read, env, 'KAFKA_UPLOAD_', 'uploader'),
    topicPrefix: str('KAFKA_TOPIC_PREFIX', ''),
    consumerGroup: str('KAFKA_CONSUMER_GROUP', 'zhijian-hub-ingest'),
    queuePrefix: str('QUEUE_PREFIX', 'zhijian'),
    httpPort: int('HTTP_PORT', 3000, 0, 65535),
    httpHost: str('HTTP_HOST', '127.0.0.1'),
    kafkaSessionTimeoutMs: int('KAFKA_SESSION_TIMEOUT_MS', 30_000, 6_000, 300_000),
    kafkaMaxWaitMs: int('KAFKA_MAX_WAIT_MS', 5_000, 10, 60_000),
    clockMode: oneOf('CLOCK_MODE', ['auto', 'watermark', 'wall'] as const, 'auto'),
    watermarkIdleMs: int('WATERMARK_IDLE_MS', 5_000, 0, 3_600_000),
    sourceLiveLagMs: int('SOURCE_LIVE_LAG_HOURS', 72, 0, 24 * 365) * 3_600_000,
    screenQuietMs: int('SCREEN_QUIET_MS', 1_000, 0, 600_000),
    pollIntervalMs: int('POLL_INTERVAL_MS', 250, 10, 60_000),
    ingestPartitions: int('INGEST_PARTITIONS', 3, 1, 256),
    ingestConcurrency: int('INGEST_CONCURRENCY', 3, 1, 64),
    stallAfterMs: int('STALL_AFTER_MS', 60_000, 1_000, 86_400_000),
    logLevel: oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log'),
    referral: readReferralSettings(read),
    modelThresholds: readModelThresholds(env, problems),
    enabledModels: env['MODELS_ENABLED']?.trim()
      ? env['MODELS_ENABLED']
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
      : null,
    modelSigningKeyFile: env['MODEL_SIGNING_KEY_FILE']?.trim() || null,
    auditKey: readAuditKey(env, problems),
    auditCheckpointMs: int('AUDIT_CHECKPOINT_MS', 60_000, 100, 86_400_000),
    auditCheckpointFile: str('AUDIT_CHECKPOINT_FILE', join(cacheDir, 'audit-checkpoints.jsonl')),
    access: readAccessSettings(read),
    maxMessageBytes: int('MAX_MESSAGE_BYTES', 900 * 1024, 1024, 64 * 1024 * 1024),
    maxJsonDepth: int('MAX_JSON_DEPTH', 32, 4, 10_000),
    skewToleranceMs: int('SKEW_TOLERANCE_HOURS', 24, 0, 24 * 366) * 3_600_000,
    sourceSilentMs: int('SOURCE_SILENT_HOURS', 48, 1, 24 * 366) * 3_600_000,
    noticeDueDays: int('NOTICE_DUE_DAYS', 15, 1, 365),
    attachmentStore: readAttachmentStore(read, env),
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

/** The same URL as another user, without password (the default migration URL: DATABASE_URL as postgres). */
function asUser(databaseUrl: string, user: string): string {
  try {
    const u = new URL(databaseUrl);
    u.username = user;
    u.password = '';
    return u.toString();
  } catch {
    return databaseUrl;
  }
}

/** Shortest audit key accepted: 32 characters (e.g. `openssl rand -hex 32` gives 64). */
export const AUDIT_KEY_MIN_LENGTH = 32;

/** AUDIT_KEY or the contents of AUDIT_KEY_FILE (trimmed), as UTF-8 bytes; problems never echo the key. */
function readAuditKey(env: Env, problems: string[]): Secret | null {
  const file = env['AUDIT_KEY_FILE']?.trim();
  const inline = env['AUDIT_KEY']?.trim();
  if (file && inline) {
    problems.push('set only one of AUDIT_KEY and AUDIT_KEY_FILE');
    return null;
  }
  if (!file && !inline) return null;
  let text: string;
  try {
    text = file ? readFileSync(file, 'utf8').trim() : inline!;
  } catch (e) {
    problems.push(`AUDIT_KEY_FILE: not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
  if (text.length < AUDIT_KEY_MIN_LENGTH) {
    problems.push(
      `${file ? 'AUDIT_KEY_FILE' : 'AUDIT_KEY'}: the key must have at least ${AUDIT_KEY_MIN_LENGTH} characters`,
    );
    return null;
  }
  return new Secret(Buffer.from(text, 'utf8'));
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
