import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * One hub process for the benchmark: `node bench-role.js <dist> <parts>` boots the hub parts
 * (`all`, or a comma list of ingest, screening, relay, api) from the build under `<dist>` — this
 * build's, or another's (the benchmark runs the current main's build beside this one). Only the
 * public entry points of the library holding startHub and of the config library are used.
 */
interface PlatformLib {
  startHub(config: unknown, parts: Record<string, boolean>): Promise<unknown>;
  ALL_PARTS: Record<string, boolean>;
}
interface ConfigLib {
  loadHubConfig(): unknown;
}

async function main(): Promise<void> {
  const [dist, partsArg = 'all'] = process.argv.slice(2);
  if (!dist) throw new Error('usage: bench-role <dist> [all|ingest,screening,relay,api]');
  /* eslint-disable @typescript-eslint/no-require-imports */
  // Where startHub lives: libs/hub after the restructure of issue 14, libs/platform before it.
  const candidates = ['libs/hub/src/index.js', 'libs/platform/src/index.js'].map((p) => resolve(dist, p));
  const platform = candidates
    .filter((file) => existsSync(file))
    .map((file) => require(file) as Partial<PlatformLib>)
    .find((lib): lib is PlatformLib => typeof lib.startHub === 'function');
  if (!platform) throw new Error(`no startHub under ${dist}`);
  const config = require(resolve(dist, 'libs/config/src/index.js')) as ConfigLib;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const parts =
    partsArg === 'all'
      ? platform.ALL_PARTS
      : Object.fromEntries(Object.keys(platform.ALL_PARTS).map((p) => [p, partsArg.split(',').includes(p)]));
  await platform.startHub(config.loadHubConfig(), parts);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
