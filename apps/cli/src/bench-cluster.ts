import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from '@zhijian/persistence';
import { withDatabaseName } from './bench-hub';
import { HUB_HEAP_MB, stopChild, withLocalAuditKey } from './hub-process';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const CLK_TCK = 100;

/** User + system CPU seconds a process has used so far (0 once it is gone). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), 1-based 14 and 15: utime, stime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** One hub process of a bench cluster: `bench-role.js <dist> <parts>`, its output in a log file. */
class RoleProcess {
  private child: ChildProcess | null = null;
  /** When it first answered, and the CPU it had used by then (start-up is not the benchmark's). */
  upAt = 0;
  cpuAtUp = 0;

  constructor(
    private readonly dist: string,
    private readonly parts: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
    readonly baseUrl: string,
  ) {}

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    mkdirSync(dirname(this.logFile), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HUB_HEAP_MB}`,
        // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=reports/prof": a profile of each hub process.
        ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
        join(__dirname, 'bench-role.js'),
        this.dist,
        this.parts,
      ],
      { env: withLocalAuditKey(this.env), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`a bench hub process exited; see ${this.logFile}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) {
          this.upAt = Date.now();
          this.cpuAtUp = processCpuSeconds(this.pid);
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`a bench hub process did not answer within ${timeoutMs} ms; see ${this.logFile}`);
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/**
 * The hub as a benchmark runs it: a fresh database, one process with every part and `ingest - 1`
 * more ingest-only processes in the same consumer group (`ingestOnly`: all of them ingest-only),
 * from the build under `dist`.
 */
export class BenchCluster {
  readonly processes: RoleProcess[] = [];
  private constructor(
    readonly db: DataSource,
    private readonly ownerUrl: string,
  ) {}

  static async start(options: {
    urls: { databaseUrl: string; migrationDatabaseUrl: string };
    database: string;
    dist: string;
    ingest: number;
    /** Every process runs ingest alone (no screening, relay or API besides /health). */
    ingestOnly?: boolean;
    env: NodeJS.ProcessEnv;
    log: string;
  }): Promise<BenchCluster> {
    const ownerUrl = withDatabaseName(options.urls.migrationDatabaseUrl, options.database);
    await dropDatabase(ownerUrl);
    await ensureDatabase(ownerUrl);
    await runMigrations(ownerUrl);
    const db = new DataSource(dataSourceOptions(ownerUrl, 1));
    await db.initialize();
    // BENCH_PG_LOG=1: every statement of the run's database with its duration in the server's log
    // (a profile of where PostgreSQL's time goes; this database only).
    if (process.env.BENCH_PG_LOG) {
      await db.query(`alter database "${options.database}" set log_min_duration_statement = 0`);
    }
    const cluster = new BenchCluster(db, ownerUrl);
    const port = 3900 + Math.floor(Math.random() * 80);
    for (let i = 0; i < options.ingest; i++) {
      const env = {
        ...process.env,
        DATABASE_URL: withDatabaseName(options.urls.databaseUrl, options.database),
        MIGRATION_DATABASE_URL: ownerUrl,
        HTTP_PORT: String(port + i),
        LOG_LEVEL: 'warn',
        ...options.env,
      };
      cluster.processes.push(
        new RoleProcess(
          options.dist,
          i === 0 && !options.ingestOnly ? 'all' : 'ingest',
          env,
          options.log.replace(/\.log$/, `-${i}.log`),
          `http://127.0.0.1:${port + i}`,
        ),
      );
    }
    try {
      // Started together, so that the consumer group forms once rather than rebalancing per joiner.
      await Promise.all(cluster.processes.map((p) => p.start()));
    } catch (e) {
      await cluster.dispose();
      throw e;
    }
    return cluster;
  }

  /** CPU seconds the hub processes used since each answered. */
  nodeCpuSeconds(): number {
    return this.processes.reduce((sum, p) => sum + processCpuSeconds(p.pid) - p.cpuAtUp, 0);
  }

  /** When the first process answered (its consumer joining): the clock of the run starts there. */
  firstUpAt(): number {
    return Math.min(...this.processes.map((p) => p.upAt));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
    await this.db.destroy();
    // BENCH_KEEP_DB=1: the run's database stays (to compare the leads of two builds).
    if (!process.env.BENCH_KEEP_DB) await dropDatabase(this.ownerUrl);
  }
}

/**
 * CPU of the PostgreSQL backends serving one database (the hub's connections and autovacuum),
 * sampled from /proc: each backend's last reading counts, so a backend that exits between two
 * samples loses at most one interval. Needs the server on this machine.
 */
export class PostgresCpu {
  private readonly last = new Map<number, number>();
  private readonly start = new Map<number, number>();

  constructor(
    private readonly db: DataSource,
    private readonly database: string,
  ) {}

  async sample(): Promise<void> {
    const rows: { pid: number }[] = await this.db.query(
      `select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [this.database],
    );
    for (const { pid } of rows) {
      const cpu = processCpuSeconds(pid);
      if (cpu > 0) this.last.set(pid, cpu);
    }
  }

  /** From here on: what the backends used before is left out. */
  async mark(): Promise<void> {
    await this.sample();
    for (const [pid, cpu] of this.last) this.start.set(pid, cpu);
  }

  seconds(): number {
    let sum = 0;
    for (const [pid, cpu] of this.last) sum += cpu - (this.start.get(pid) ?? 0);
    return sum;
  }
}
