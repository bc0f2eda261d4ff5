import { loadHubConfig } from '@zhijian/config';
import { ensureDatabase, runMigrations } from '@zhijian/persistence';

export async function migrateCommand(): Promise<void> {
  const config = loadHubConfig();
  await ensureDatabase(config.databaseUrl);
  const applied = await runMigrations(config.databaseUrl);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}
