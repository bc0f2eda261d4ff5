import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import {
  parseCheckpoint,
  signCheckpoint,
  type SignedCheckpoint,
  AuditLog,
  type AuditProblem,
  type AuditVerification,
} from '@zhijian/access';
import type { HubConfig } from '@zhijian/config';
import { auditCheckpointTopic } from '@zhijian/contracts';

type Queryable = Pick<EntityManager, 'query'>;

/** Where a checkpoint was kept: the local append-only file or the Kafka topic. */
export type CheckpointSource = 'file' | 'kafka';
const SOURCE_NAMES: Record<CheckpointSource, string> = { file: '本地检查点文件', kafka: 'Kafka 检查点主题' };

/** What one source of checkpoints says about the log. */
export interface CheckpointFinding {
  source: CheckpointSource;
  /** ok: the log holds the last checkpoint; none: no checkpoint of this database yet; unavailable: unreadable. */
  status: 'ok' | 'none' | 'unavailable' | 'broken';
  /** The last valid checkpoint of this database. */
  last: Pick<SignedCheckpoint, 'at' | 'count' | 'lastId'> | null;
  problem: AuditProblem | null;
  message: string;
}

export interface AuditReport extends AuditVerification {
  checkpoints: CheckpointFinding[];
  /** Every problem found, in Chinese (the first one is `message`). */
  findings: string[];
}

/**
 * The checkpoints of the audit log's head outside the database: one MACed JSON line each in
 * an append-only local file (AUDIT_CHECKPOINT_FILE) and one message each on the topic
 * `audit.checkpoints` (prefixed like the other topics; one partition, kept forever).
 */
export class AuditCheckpointStore {
  constructor(
    private readonly config: HubConfig,
    private readonly key: Buffer,
  ) {}

  get topic(): string {
    return auditCheckpointTopic(this.config.topicPrefix);
  }

  async ensureTopic(kafka: Kafka): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      if ((await admin.listTopics()).includes(this.topic)) return;
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: [
            {
              topic: this.topic,
              numPartitions: 1,
              // The broker's default.replication.factor (3 on deploy/cluster).
              replicationFactor: -1,
              configEntries: [{ name: 'retention.ms', value: '-1' }],
            },
          ],
        })
        .catch((e: unknown) => {
          // Created meanwhile by another process, or created but its metadata not yet everywhere.
          if (!/exists|does not host this topic-partition/i.test(String((e as Error).message))) throw e;
        });
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.fetchTopicOffsets(this.topic);
          return;
        } catch (e) {
          if (attempt >= 50) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** The head of the log now, signed; null while the log is empty. */
  async current(m: Queryable): Promise<SignedCheckpoint | null> {
    const head = await new AuditLog(this.key).head(m);
    if (head.count === 0) return null;
    const database = await new AuditLog().databaseIdentity(m);
    return signCheckpoint(this.key, { database, at: new Date().toISOString(), ...head });
  }

  async write(checkpoint: SignedCheckpoint, producer: Producer): Promise<void> {
    const line = JSON.stringify(checkpoint);
    await mkdir(dirname(this.config.auditCheckpointFile), { recursive: true });
    await appendFile(this.config.auditCheckpointFile, `${line}\n`, { mode: 0o600 });
    await producer.send({ topic: this.topic, messages: [{ key: checkpoint.database, value: line }] });
  }

  /** The last valid checkpoint of `database` in the file, and the lines of it whose MAC fails. */
  async fromFile(database: string): Promise<Scan> {
    let text: string;
    try {
      text = await readFile(this.config.auditCheckpointFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { last: null, forged: [], readable: true };
      return { last: null, forged: [], readable: false };
    }
    return this.scan(
      text.split('\n').map((line, i) => ({ where: `第 ${i + 1} 行`, text: line })),
      database,
    );
  }

  /** As `fromFile`, over the last `take` messages of the topic. */
  async fromTopic(kafka: Kafka, database: string, take = 500): Promise<Scan> {
    try {
      const messages = await lastMessages(kafka, this.topic, take, this.config.consumerGroup);
      return this.scan(
        messages.map((m) => ({ where: `偏移量 ${m.offset}`, text: m.value })),
        database,
      );
    } catch {
      return { last: null, forged: [], readable: false };
    }
  }

  private scan(items: { where: string; text: string }[], database: string): Scan {
    let last: SignedCheckpoint | null = null;
    const forged: string[] = [];
    for (const { where, text } of items) {
      if (!text.trim()) continue;
      const valid = parseCheckpoint(this.key, text);
      if (valid) {
        if (valid.database === database) last = valid;
        continue;
      }
      // A line that names this database but does not verify is forged; others' lines are not ours to judge.
      if (claimedDatabase(text) === database) forged.push(where);
    }
    return { last, forged, readable: true };
  }
}

interface Scan {
  last: SignedCheckpoint | null;
  forged: string[];
  readable: boolean;
}

function claimedDatabase(text: string): string | null {
  try {
    const x = JSON.parse(text) as { database?: unknown };
    return typeof x.database === 'string' ? x.database : null;
  } catch {
    return null;
  }
}

/** The last `take` messages of a topic's partitions, read with a throwaway consumer group. */
async function lastMessages(
  kafka: Kafka,
  topic: string,
  take: number,
  /** The hub's consumer group: the throwaway group is named under it (the hub's ACLs cover it). */
  hubGroup: string,
): Promise<{ offset: string; value: string }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${hubGroup}-audit-verify-${randomUUID()}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    const offsets = (await admin.fetchTopicOffsets(topic))
      .map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) }))
      .filter((o) => o.high > o.low);
    if (!offsets.length) return [];
    const from = new Map(
      offsets.map((o) => [o.partition, o.high - BigInt(take) > o.low ? o.high - BigInt(take) : o.low]),
    );
    const remaining = new Set(offsets.map((o) => o.partition));
    const out: { partition: number; offset: bigint; value: string }[] = [];
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      let finish: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finish = resolve));
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const offset = BigInt(message.offset);
          if (offset >= from.get(partition)!) {
            out.push({ partition, offset, value: message.value?.toString('utf8') ?? '' });
          }
          const high = offsets.find((o) => o.partition === partition)!.high;
          if (offset >= high - 1n) {
            remaining.delete(partition);
            if (!remaining.size) finish();
          }
          return Promise.resolve();
        },
      });
      for (const [partition, offset] of from) consumer.seek({ topic, partition, offset: offset.toString() });
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('timed out reading audit checkpoints')), 20_000).unref(),
      );
      await Promise.race([done, timeout]);
    } finally {
      await consumer.disconnect();
    }
    return out
      .sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0))
      .map((m) => ({ offset: m.offset.toString(), value: m.value }));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * `audit verify`: the chain (SM3 before the epoch, HMAC-SM3 after) and the log against the
 * last checkpoint of each source. A cut tail or an emptied table leaves an intact chain; only
 * the checkpoints outside the database show it.
 */
export async function verifyAuditLog(
  m: Queryable,
  config: HubConfig,
  key: Buffer,
  kafka: Kafka,
): Promise<AuditReport> {
  const repository = new AuditLog(key);
  const chain = await repository.verify(m);
  const database = await new AuditLog().databaseIdentity(m);
  const store = new AuditCheckpointStore(config, key);
  const scans: [CheckpointSource, Scan][] = [
    ['file', await store.fromFile(database)],
    ['kafka', await store.fromTopic(kafka, database)],
  ];
  const checkpoints: CheckpointFinding[] = [];
  for (const [source, scan] of scans) checkpoints.push(await judge(repository, m, source, scan));

  // A cut tail or an emptied table first: the chain that remains may hold, or fail only as a consequence.
  const cut = checkpoints.find((c) => c.problem === 'truncated' || c.problem === 'tail_deleted');
  const other = checkpoints.find((c) => c.status === 'broken');
  const findings = [
    ...(cut ? [cut.message] : []),
    ...(chain.ok ? [] : [chain.message ?? '']),
    ...checkpoints.filter((c) => c.status === 'broken' && c !== cut).map((c) => c.message),
  ];
  const primary = cut ?? (chain.ok ? other : null);
  const ok = chain.ok && !cut && !other;
  return {
    ...chain,
    ok,
    problem: ok ? null : (primary?.problem ?? chain.problem ?? null),
    message: ok
      ? `${chain.message ?? ''}；${checkpoints.map((c) => c.message).join('；')}`
      : (findings[0] ?? ''),
    checkpoints,
    findings,
  };
}

async function judge(
  repository: AuditLog,
  m: Queryable,
  source: CheckpointSource,
  scan: Scan,
): Promise<CheckpointFinding> {
  const name = SOURCE_NAMES[source];
  if (!scan.readable) {
    return { source, status: 'unavailable', last: null, problem: null, message: `${name}不可读，未据以核对` };
  }
  const last = scan.last ? { at: scan.last.at, count: scan.last.count, lastId: scan.last.lastId } : null;
  if (scan.forged.length) {
    return {
      source,
      status: 'broken',
      last,
      problem: 'checkpoint',
      message: `${name}中${scan.forged.slice(0, 5).join('、')}的检查点被改动或伪造：其 MAC 与本密钥不符`,
    };
  }
  const c = scan.last;
  if (!c)
    return { source, status: 'none', last: null, problem: null, message: `${name}中尚无本数据库的检查点` };
  const now = await repository.atCheckpoint(m, c);
  const when = `${name}（${c.at}）记载至第 ${c.lastId} 条、共 ${c.count} 条`;
  const fail = (problem: AuditProblem, message: string): CheckpointFinding => ({
    source,
    status: 'broken',
    last,
    problem,
    message,
  });
  if (now.total === 0) return fail('truncated', `审计日志被清空（TRUNCATE 或全部删除）：${when}，现为 0 条`);
  if (now.macAtLast === null) {
    return fail(
      'tail_deleted',
      `审计日志尾部被删除：${when}，第 ${c.lastId} 条已不存在，现共 ${now.total} 条`,
    );
  }
  if (now.macAtLast !== c.lastMac) {
    return fail('rewritten', `第 ${c.lastId} 条审计记录的 MAC 与${name}不符：链被改写（不用本密钥重算）`);
  }
  if (now.upTo !== c.count) {
    return fail('deleted', `检查点之前的审计记录被删除：${when}，现至该条仅 ${now.upTo} 条`);
  }
  return { source, status: 'ok', last, problem: null, message: `${name}核对一致（${c.at}，${c.count} 条）` };
}
