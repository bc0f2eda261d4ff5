import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const HUB_HEAP_MB = 256;

/** The hub as a child process (dist/apps/hub/src/main.js), its output in a log file. */
export class HubProcess {
  private child: ChildProcess | null = null;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {}

  /** The child's process id while it runs (e.g. to sample its memory in /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(baseUrl: string, timeoutMs = 60_000): Promise<void> {
    mkdirSync(dirname(this.logFile), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const main = join(__dirname, '..', '..', 'hub', 'src', 'main.js');
    // The hub's live heap is small (~60 MB); without a cap V8 lets garbage grow to hundreds of MB
    // during a long upload before collecting. NODE_OPTIONS can still override it.
    const child = spawn(process.execPath, [`--max-old-space-size=${HUB_HEAP_MB}`, main], {
      env: withLocalAuditKey(this.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`the hub exited (code ${code}) during start-up; see ${this.logFile}`)),
      ),
    );
    const deadline = Date.now() + timeoutMs;
    const healthy = (async () => {
      while (Date.now() < deadline) {
        try {
          const res = await fetch(`${baseUrl}/health`);
          if (res.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error(`the hub did not answer ${baseUrl}/health within ${timeoutMs} ms; see ${this.logFile}`);
    })();
    await Promise.race([healthy, exited]);
    exited.catch(() => undefined);
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
    this.child = null;
  }
}

/** SIGTERM, then SIGKILL after `graceMs` if the process has not exited; resolves once it has. */
export async function stopChild(child: ChildProcess | null, graceMs = 15_000): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/**
 * The local stack's audit key (`deploy/local/stack.sh up` writes it into the cache dir) for a
 * CLI run, and the hubs it starts, without AUDIT_KEY or AUDIT_KEY_FILE (e.g. `audit verify` or
 * `upload-bench` run by hand on the demo's machine).
 */
export function withLocalAuditKey(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.AUDIT_KEY || env.AUDIT_KEY_FILE) return env;
  const file = join(env.ZHIJIAN_CACHE || join(homedir(), '.cache', 'zhijian'), 'audit.key');
  return existsSync(file) ? { ...env, AUDIT_KEY_FILE: file } : env;
}
