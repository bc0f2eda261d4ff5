import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Integration specs run against the real services that `npm test` brings up
 * (deploy/local/stack.sh). Fail early, with the command that fixes it, if one is missing.
 */
export default async function globalSetup(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const problems: string[] = [];
  const pg = new Client({
    connectionString:
      process.env.MIGRATION_DATABASE_URL ??
      process.env.DATABASE_URL ??
      'postgres://postgres@127.0.0.1:5432/zhijian_test',
  });
  try {
    await pg.connect();
    await pg.query('select 1');
  } catch (e) {
    problems.push(`PostgreSQL: ${(e as Error).message}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/1', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    problems.push(`Redis: ${(e as Error).message}`);
  } finally {
    redis.disconnect();
  }
  // As the local stack's admin, the principal TestEnv creates topics and ACLs with.
  const admin = new Kafka({
    brokers,
    sasl: process.env.KAFKA_SASL_MECHANISM === 'none' ? undefined : adminSasl(),
    ...(process.env.KAFKA_SASL_MECHANISM === 'none' ? {} : adminTls()),
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (e) {
    problems.push(`Kafka at ${brokers.join(',')}: ${(e as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  if (problems.length) {
    throw new Error(
      `Integration services are not reachable (run: bash deploy/local/stack.sh up):\n  ${problems.join('\n  ')}`,
    );
  }
}

/**
 * The local stack's admin (libs/config localKafkaCredentials; jest's moduleNameMapper does not
 * apply to the global setup, so the path is spelled out here).
 */
/** TLS as the hub's clients use it (KAFKA_TLS=false: none; the CA of the local stack by default). */
function adminTls(): { ssl?: { ca: string[] } } {
  if (process.env.KAFKA_TLS?.trim().toLowerCase() === 'false') return {};
  const cache = process.env.ZHIJIAN_CACHE?.trim() || join(homedir(), '.cache', 'zhijian');
  const file = process.env.KAFKA_TLS_CA_FILE?.trim() || join(cache, 'kafka-tls', 'ca.pem');
  return { ssl: { ca: [readFileSync(file, 'utf8')] } };
}

function adminSasl(): { mechanism: 'scram-sha-512'; username: string; password: string } {
  const cache = process.env.ZHIJIAN_CACHE?.trim() || join(homedir(), '.cache', 'zhijian');
  const file = join(cache, 'kafka-credentials', 'admin');
  let password: string;
  try {
    password = readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`no password of the local Kafka admin at ${file}: run bash deploy/local/stack.sh up`);
  }
  return { mechanism: 'scram-sha-512', username: 'admin', password };
}
