import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from '@zhijian/persistence';
import type { Kafka } from 'kafkajs';
import { CONSUMED_TOPICS, auditCheckpointTopic, physicalTopic } from '@zhijian/contracts';
import { revokeAcls, type AclBinding } from '@zhijian/ingest';
import { HubProcess } from './hub-process';

/** A hub process of its own for a benchmark: fresh database, topic prefix, group and queue prefix. */
export interface BenchHub {
  hub: HubProcess;
  db: DataSource;
  baseUrl: string;
  /** Stops the hub and drops its database. */
  dispose(): Promise<void>;
}

/** A URL with another database name. */
export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The bench's own queries and the migrations run as the tables' owner (MIGRATION_DATABASE_URL),
 * the hub process as its own role (DATABASE_URL), both on the bench's database.
 */
export async function prepareBenchHub(
  urls: { databaseUrl: string; migrationDatabaseUrl: string },
  database: string,
  prefix: string,
  log: string,
  env: NodeJS.ProcessEnv = {},
): Promise<BenchHub> {
  const ownerUrl = withDatabaseName(urls.migrationDatabaseUrl, database);
  await dropDatabase(ownerUrl);
  await ensureDatabase(ownerUrl);
  await runMigrations(ownerUrl);
  const db = new DataSource(dataSourceOptions(ownerUrl, 1));
  await db.initialize();
  const port = 3900 + Math.floor(Math.random() * 90);
  const hub = new HubProcess(
    {
      ...process.env,
      DATABASE_URL: withDatabaseName(urls.databaseUrl, database),
      MIGRATION_DATABASE_URL: ownerUrl,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_CONSUMER_GROUP: `${prefix}-hub`,
      QUEUE_PREFIX: prefix,
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    join(process.cwd(), 'reports', log),
  );
  return {
    hub,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    async dispose() {
      await hub.stop();
      await db.destroy();
      await dropDatabase(ownerUrl);
    },
  };
}

/** Removes a bench run's feed topics (and their dead-letter topics), its audit checkpoint topic and its ACLs. */
export async function removeBenchFeeds(kafka: Kafka, prefix: string, acls: AclBinding[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = CONSUMED_TOPICS.map((t) => physicalTopic(prefix, t));
  await admin.deleteTopics({ topics: [...topics, ...topics.map((t) => `${t}.dlq`)] }).catch(() => undefined);
  await admin.deleteTopics({ topics: [auditCheckpointTopic(prefix)] }).catch(() => undefined);
  await revokeAcls(admin, acls);
  await admin.disconnect();
}
