import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';
import * as ts from 'typescript';
import type { HubConfig } from '@zhijian/config';

/** The apps of the hub, each a process of its own (`apps/<role>/src/main.ts`). */
export type HubRole = 'hub' | 'ingest' | 'worker' | 'api';

/** The repository's root (libs/testing/src → ../../..). */
const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Where apps/ and libs/ are compiled for the child processes (gitignored). */
const BUILD_DIR = join(REPO_ROOT, '.cache', 'hub-children');

/**
 * Compiles apps/ and libs/ once per change with SWC (as jest does) into `.cache/hub-children`,
 * with a preload that maps the `@zhijian/*` aliases of tsconfig.json to the compiled files.
 * Five processes each compiling the hub with ts-node took minutes on a loaded 2-core machine;
 * this takes seconds, and each process only loads JavaScript. Files such as the JSON Schemas
 * are found as from the sources (searched upward from the module's directory).
 */
export function compileForChildren(): string {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.spec.ts') &&
        !entry.name.endsWith('.d.ts')
      ) {
        sources.push(path);
      }
    }
  };
  walk(join(REPO_ROOT, 'apps'));
  walk(join(REPO_ROOT, 'libs'));
  for (const source of sources) {
    const out = join(BUILD_DIR, relative(REPO_ROOT, source)).replace(/\.ts$/, '.js');
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(source).mtimeMs) continue;
    const { code } = transformFileSync(source, {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeAtomically(out, code);
  }
  const { config } = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f)) as {
    config: { compilerOptions: { paths: Record<string, string[]> } };
  };
  const aliases = Object.fromEntries(
    Object.entries(config.compilerOptions.paths).map(([alias, [target]]) => [
      alias,
      join(BUILD_DIR, target!).replace(/\.ts$/, '.js'),
    ]),
  );
  const preload = join(BUILD_DIR, 'aliases.js');
  writeAtomically(
    preload,
    `'use strict';
const Module = require('module');
const aliases = ${JSON.stringify(aliases)};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, aliases[request] ?? request, ...rest);
};
`,
  );
  return BUILD_DIR;
}

/** Two spec files compiling at once (jest workers) never leave a half-written file to a child. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * The environment a hub process reads its configuration from, for this config (the test env's:
 * its database as the hub's role, topic prefix, group, queue prefix, audit key and timings).
 * Kafka's principal and TLS come from the caller's environment (the local stack's by default).
 */
export function hubProcessEnv(config: HubConfig, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: config.databaseUrl,
    MIGRATION_DATABASE_URL: config.migrationDatabaseUrl,
    REDIS_URL: config.redisUrl,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: config.topicPrefix,
    KAFKA_CONSUMER_GROUP: config.consumerGroup,
    KAFKA_SESSION_TIMEOUT_MS: String(config.kafkaSessionTimeoutMs),
    KAFKA_MAX_WAIT_MS: String(config.kafkaMaxWaitMs),
    QUEUE_PREFIX: config.queuePrefix,
    HTTP_PORT: '0',
    CLOCK_MODE: config.clockMode,
    POLL_INTERVAL_MS: String(config.pollIntervalMs),
    WATERMARK_IDLE_MS: String(config.watermarkIdleMs),
    SCREEN_QUIET_MS: String(config.screenQuietMs),
    INGEST_PARTITIONS: String(config.ingestPartitions),
    INGEST_CONCURRENCY: String(config.ingestConcurrency),
    LOG_LEVEL: 'log',
    AUDIT_CHECKPOINT_FILE: config.auditCheckpointFile,
    ...extra,
  };
  delete env.AUDIT_KEY_FILE;
  if (config.auditKey) env.AUDIT_KEY = config.auditKey.reveal().toString('utf8');
  // The child is its own program, not a jest worker.
  delete env.JEST_WORKER_ID;
  return env;
}

/**
 * One app of the hub as a real child process (compiled by compileForChildren, no build needed), its JSON log
 * in `logFile`. `start` resolves once it logged that its parts are up; `kill` sends a signal
 * (SIGKILL: no shutdown hook runs, the consumer does not leave its group, transactions die
 * with their connections).
 */
export class HubChild {
  private child: ChildProcess | null = null;
  private exit: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly role: HubRole,
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    mkdirSync(join(this.logFile, '..'), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const build = compileForChildren();
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=256',
        '-r',
        join(build, 'aliases.js'),
        join(build, 'apps', this.role, 'src', 'main.js'),
      ],
      { cwd: REPO_ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let seen = '';
    const up = new Promise<void>((resolve) => {
      const scan = (chunk: Buffer) => {
        log.write(chunk);
        seen = (seen + chunk.toString('utf8')).slice(-4096);
        if (/hub parts \[[^\]]*\] up/.test(seen)) resolve();
      };
      child.stdout?.on('data', scan);
      child.stderr?.on('data', scan);
    });
    const failed = this.exit.then((code) => {
      throw new Error(`${this.role} exited (code ${code}) during start-up; see ${this.logFile}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.role} not up within ${timeoutMs} ms; see ${this.logFile}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([up, failed, late]);
    } finally {
      clearTimeout(timer);
      failed.catch(() => undefined);
    }
  }

  /** Sends `signal` and waits until the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exit;
  }

  /** SIGTERM (shutdown hooks: the consumer leaves its group, loops finish their round), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 20_000);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }
}

/** Starts `count` processes of each role (in parallel), logs in `logDir/<role>-<n>.log`. */
export async function startHubChildren(
  config: HubConfig,
  counts: Partial<Record<HubRole, number>>,
  logDir: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<HubChild[]> {
  const env = hubProcessEnv(config, extra);
  compileForChildren();
  const children: HubChild[] = [];
  for (const [role, n] of Object.entries(counts) as [HubRole, number][]) {
    for (let i = 1; i <= n; i++) children.push(new HubChild(role, env, join(logDir, `${role}-${i}.log`)));
  }
  const started = await Promise.allSettled(children.map((c) => c.start()));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await Promise.all(children.map((c) => c.kill()));
    throw failure.reason;
  }
  return children;
}
