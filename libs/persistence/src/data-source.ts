import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from 'typeorm';
import { InitialSchema1732600000000 } from './migrations/1732600000000-initial-schema';
import { AppendOnlyScreeningQueue1732700000000 } from './migrations/1732700000000-append-only-screening-queue';
import { RegistryProjections1732800000000 } from './migrations/1732800000000-registry-projections';
import { FeedUpload1732900000000 } from './migrations/1732900000000-feed-upload';
import { QuarantineOperations1733000000000 } from './migrations/1733000000000-quarantine-operations';
import { LeadLifecycle1733100000000 } from './migrations/1733100000000-lead-lifecycle';
import { ReferralPolicy1733200000000 } from './migrations/1733200000000-referral-policy';
import { CaseTimeline1733400000000 } from './migrations/1733400000000-case-timeline';
import { DlqPendingIndex1733300000000 } from './migrations/1733300000000-dlq-pending-index';
import { Linking1733500000000 } from './migrations/1733500000000-linking';
import { ConsumerPartitions1733800000000 } from './migrations/1733800000000-consumer-partitions';
import { LeadEntity } from './entities/lead.entity';

export const MIGRATIONS = [
  InitialSchema1732600000000,
  AppendOnlyScreeningQueue1732700000000,
  RegistryProjections1732800000000,
  FeedUpload1732900000000,
  QuarantineOperations1733000000000,
  LeadLifecycle1733100000000,
  ReferralPolicy1733200000000,
  DlqPendingIndex1733300000000,
  CaseTimeline1733400000000,
  Linking1733500000000,
  ConsumerPartitions1733800000000,
];
export const ENTITIES = [LeadEntity];

/** The schema is changed by migrations only, as an explicit step; never `synchronize`. */
export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logger: new QueryErrorLogger(),
    extra: { max: poolSize },
  };
}

/**
 * Logs failed statements by their SQLSTATE and first words only: TypeORM's own logger prints the
 * parameters, which hold the messages' ID numbers and names (and ingest's bisection makes a failed
 * statement an ordinary event). Callers get the whole error; logs never do.
 */
class QueryErrorLogger implements TypeOrmLogger {
  private static readonly logger = new Logger('Database');

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') QueryErrorLogger.logger.warn(String(message));
  }
  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` [${code}]` : '';
    const statement = query.trim().split(/\s+/).slice(0, 3).join(' ');
    QueryErrorLogger.logger.error(`query failed${sqlState}: ${statement} …`);
  }
}

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, 1));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Runs `work` on the server's maintenance database, given the name of the database in `databaseUrl`. */
async function onServer(
  databaseUrl: string,
  work: (server: DataSource, name: string) => Promise<void>,
): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('database name must be a plain identifier');
  url.pathname = '/postgres';
  const server = new DataSource({ type: 'postgres', url: url.toString() });
  await server.initialize();
  try {
    await work(server, name);
  } finally {
    await server.destroy();
  }
}

/** Creates the database if missing (tests and the demo use their own). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  await onServer(databaseUrl, async (server, name) => {
    const rows: unknown[] = await server.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length === 0) await server.query(`create database "${name}"`);
  });
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await onServer(databaseUrl, async (server, name) => {
    await server.query(`drop database if exists "${name}" with (force)`);
  });
}
