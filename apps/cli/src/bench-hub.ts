import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from '@zhijian/persistence';
import { HubProcess } from './hub-process';

/** A hub process of its own for a benchmark: fresh database, topic prefix, group and queue prefix. */
export interface BenchHub {
  hub: HubProcess;
  db: DataSource;
  baseUrl: string;
  /** Stops the hub and drops its database. */
  dispose(): Promise<void>;
}

export async function prepareBenchHub(
  databaseUrl: string,
  database: string,
  prefix: string,
  log: string,
  env: NodeJS.ProcessEnv = {},
): Promise<BenchHub> {
  const dbUrl = new URL(databaseUrl);
  dbUrl.pathname = `/${database}`;
  await dropDatabase(dbUrl.toString());
  await ensureDatabase(dbUrl.toString());
  await runMigrations(dbUrl.toString());
  const db = new DataSource(dataSourceOptions(dbUrl.toString(), 1));
  await db.initialize();
  const port = 3900 + Math.floor(Math.random() * 90);
  const hub = new HubProcess(
    {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
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
      await dropDatabase(dbUrl.toString());
    },
  };
}
