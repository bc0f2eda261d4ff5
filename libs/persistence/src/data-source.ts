import { DataSource, type DataSourceOptions } from 'typeorm';
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
import { SourceTime1733600000000 } from './migrations/1733600000000-source-time';
import { KeyedAuditChain1734000000000 } from './migrations/1734000000000-keyed-audit-chain';
import { AppRole1734000000001 } from './migrations/1734000000001-app-role';
import { SessionsAndTokenExpiry1734200000000 } from './migrations/1734200000000-sessions-and-token-expiry';
import { SourceDuplicates1734500000000 } from './migrations/1734500000000-source-duplicates';
import { Casework1734800000000 } from './migrations/1734800000000-casework';
import { ModelViews1734900000000 } from './migrations/1734900000000-model-views';
import { DepartmentReads1735000000000 } from './migrations/1735000000000-department-reads';
import { NotificationReads1735100000000 } from './migrations/1735100000000-notification-reads';
import { AttachmentStore1735200000000 } from './migrations/1735200000000-attachment-store';
import { ModelTrustedKeys1735300000000 } from './migrations/1735300000000-model-trusted-keys';
import { ScreeningQueueCaseIndex1735400000000 } from './migrations/1735400000000-screening-queue-case-index';
import { LeadEntity } from './entities/lead.entity';
import { RedactedQueryLogger } from './query-logger';

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
  SourceTime1733600000000,
  ConsumerPartitions1733800000000,
  KeyedAuditChain1734000000000,
  // Grants the hub's role what exists; the tables of later migrations get it by default privileges.
  AppRole1734000000001,
  SessionsAndTokenExpiry1734200000000,
  SourceDuplicates1734500000000,
  Casework1734800000000,
  ModelViews1734900000000,
  DepartmentReads1735000000000,
  NotificationReads1735100000000,
  AttachmentStore1735200000000,
  ModelTrustedKeys1735300000000,
  ScreeningQueueCaseIndex1735400000000,
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
    // Failed queries are logged without their parameters (the personal data being written).
    logger: new RedactedQueryLogger(),
    extra: { max: poolSize },
  };
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

/** The role the data source connects as, and whether it is a superuser (the hub warns if so). */
export async function connectedRole(
  dataSource: DataSource,
): Promise<{ name: string; super: boolean } | undefined> {
  const [role] = await dataSource.query<{ name: string; super: boolean }[]>(
    `select current_user as name, rolsuper as super from pg_roles where rolname = current_user`,
  );
  return role;
}
