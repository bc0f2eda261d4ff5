import { loadHubConfig } from '@zhijian/config';
import { ensureDatabase, runMigrations } from '@zhijian/persistence';

/** Migrations run as the tables' owner (MIGRATION_DATABASE_URL), never as the hub's own role. */
export async function migrateCommand(): Promise<void> {
  const config = loadHubConfig();
  await ensureDatabase(config.migrationDatabaseUrl);
  const applied = await runMigrations(config.migrationDatabaseUrl);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}
