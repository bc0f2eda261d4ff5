import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Kafka, logLevel, type Admin, type Consumer, type EachBatchPayload, type KafkaConfig } from 'kafkajs';
import { nestLogCreator } from './kafka-log';
import { isObservable, lastValueFrom } from 'rxjs';
import { isFeedTopic, physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { errorKind } from './failure';
import type { InboundMessage, PartitionPosition } from './ingest.service';
import { PartitionWatch, type PartitionSample, type PartitionState } from './partition-watch';

/** What a handler registered with @EventPattern('<feed topic>') receives. */
export interface FeedBatch {
  messages: InboundMessage[];
  position: PartitionPosition;
}

export interface KafkaBatchTransportOptions {
  client: KafkaConfig;
  groupId: string;
  /** The group's session timeout (default 30 s): how long a dead consumer keeps its partitions. */
  sessionTimeout?: number;
  /** How long a fetch waits at the broker when there is nothing to read (default 5 s, kafkajs's); a stop waits for it. */
  maxWaitTimeInMs?: number;
  topicPrefix: string;
  /** Messages handed to a handler at once; larger Kafka batches are cut into chunks of this size. */
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  /**
   * Told, every `lagCheckMs`, which partitions hold messages the group has not committed yet
   * (from the broker's end offsets) and which are at their end: a partition behind its end must
   * hold the business clock back even when this consumer has not fetched from it lately, or has
   * never fetched from it; one at its end has nothing more to deliver.
   */
  onLagging?: (lagging: LaggingPartition[], caughtUp: LaggingPartition[]) => Promise<void>;
  /**
   * Told, at every lag check, each partition's committed and end offsets, when it last made
   * progress, since when its oldest unread message has waited, and whether its batch is being
   * retried: what /health, /metrics and /v1/status report.
   */
  onPartitions?: (partitions: PartitionState[]) => Promise<void>;
  lagCheckMs?: number;
  /** First pause before a failed batch is tried again; doubled on each failure up to `retryMaxMs`. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export interface LaggingPartition {
  physicalTopic: string;
  partition: number;
}

/**
 * A Nest microservice transport over kafkajs that hands handlers whole batches.
 * Nest's built-in Kafka server dispatches one message at a time; a data hub needs
 * batches to write each one in a single transaction. Offsets are committed only
 * after the handler's transaction has committed, so a crash replays, never skips,
 * and replays are absorbed by the (source, eventId) key.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(KafkaBatchTransport.name);
  private consumer: Consumer | null = null;
  private readonly kafka: Kafka;
  private admin: Admin | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private readonly watch = new PartitionWatch();
  /** Partitions whose current batch failed and is being retried: since when, and the last error. */
  private readonly retrying = new Map<string, { since: Date; error: string }>();

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
    this.kafka = new Kafka({ logLevel: logLevel.WARN, logCreator: nestLogCreator, ...options.client });
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (e) {
      callback(e);
    }
  }

  private async start(): Promise<void> {
    const topics = [...this.messageHandlers.keys()].filter(isFeedTopic);
    const byPhysical = new Map<string, FeedTopic>(
      topics.map((t) => [physicalTopic(this.options.topicPrefix, t), t]),
    );
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeout ?? 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 5_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...byPhysical.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload, byPhysical),
    });
    this.log.log(`consuming ${[...byPhysical.keys()].join(', ')} as group ${this.options.groupId}`);
    if (this.options.onLagging || this.options.onPartitions) await this.watchLag([...byPhysical.keys()]);
  }

  private async watchLag(topics: string[]): Promise<void> {
    const { onLagging, onPartitions } = this.options;
    const admin = this.kafka.admin();
    await admin.connect();
    this.admin = admin;
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics });
        const samples: PartitionSample[] = [];
        for (const topic of topics) {
          const ends = await admin.fetchTopicOffsets(topic);
          const done = new Map(
            (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [
              p.partition,
              BigInt(p.offset),
            ]),
          );
          for (const end of ends) {
            samples.push({
              physicalTopic: topic,
              partition: end.partition,
              committed: done.get(end.partition) ?? -1n,
              low: BigInt(end.low),
              high: BigInt(end.high),
            });
          }
        }
        const lagging: LaggingPartition[] = [];
        const caughtUp: LaggingPartition[] = [];
        for (const s of samples) {
          const at = { physicalTopic: s.physicalTopic, partition: s.partition };
          if (s.high > (s.committed > s.low ? s.committed : s.low)) lagging.push(at);
          else caughtUp.push(at);
        }
        const states = this.watch.observe(samples, new Date(), (topic, partition) =>
          this.retrying.get(`${topic}[${partition}]`),
        );
        await onLagging?.(lagging, caughtUp);
        await onPartitions?.(states);
      } catch (e) {
        this.log.warn(`lag check failed: ${(e as Error).message}`);
      } finally {
        running = false;
      }
    };
    await check();
    this.lagTimer = setInterval(() => void check(), this.options.lagCheckMs ?? 500);
  }

  private async onBatch(payload: EachBatchPayload, byPhysical: Map<string, FeedTopic>): Promise<void> {
    const { batch } = payload;
    const topic = byPhysical.get(batch.topic);
    const handler = topic ? this.getHandlerByPattern(topic) : null;
    if (!topic || !handler) throw new Error(`no handler for topic ${batch.topic}`);
    const chunkSize = this.options.chunkSize ?? 1000;
    const all = batch.messages;
    for (let i = 0; i < all.length; i += chunkSize) {
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = all.slice(i, i + chunkSize);
      const last = chunk[chunk.length - 1]!;
      const data: FeedBatch = {
        messages: chunk.map((m) => ({
          topic,
          physicalTopic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString('utf8') ?? null,
          value: m.value,
          headers: Object.fromEntries(
            Object.entries(m.headers ?? {}).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.join(',') : (v?.toString() ?? ''),
            ]),
          ),
        })),
        position: {
          physicalTopic: batch.topic,
          partition: batch.partition,
          caughtUp: BigInt(last.offset) + 1n >= BigInt(batch.highWatermark),
        },
      };
      if (!(await this.handleUntilDone(payload, () => handler(data)))) return;
      payload.resolveOffset(last.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  /**
   * Runs the handler on a chunk until it succeeds: a batch is replayed, never skipped. The ingest
   * service quarantines what is wrong with the messages themselves, so what reaches here is the
   * database or the network failing: retried with exponential backoff, heartbeating meanwhile, and
   * shown as this partition's `retrying` state. False when the consumer stops or loses the partition.
   */
  private async handleUntilDone(payload: EachBatchPayload, run: () => Promise<unknown>): Promise<boolean> {
    const { topic, partition } = payload.batch;
    const key = `${topic}[${partition}]`;
    const initial = this.options.retryInitialMs ?? 200;
    const max = this.options.retryMaxMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await run();
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        if (this.retrying.delete(key)) this.log.log(`${key}: batch stored after ${attempt} retries`);
        return true;
      } catch (e) {
        const wait = Math.min(max, initial * 2 ** Math.min(attempt, 20));
        this.retrying.set(key, { since: this.retrying.get(key)?.since ?? new Date(), error: errorKind(e) });
        // The kind only: a database error's text may quote the message's data.
        this.log.warn(
          `${key}: batch failed (${errorKind(e)}), attempt ${attempt + 1}; retrying in ${wait} ms`,
        );
        const until = Date.now() + wait;
        while (Date.now() < until) {
          if (!payload.isRunning() || payload.isStale()) {
            this.retrying.delete(key);
            return false;
          }
          await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())));
          await payload.heartbeat();
        }
        if (!payload.isRunning() || payload.isStale()) {
          this.retrying.delete(key);
          return false;
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.lagTimer) clearInterval(this.lagTimer);
    this.lagTimer = null;
    await this.admin?.disconnect();
    this.admin = null;
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  on(): never {
    throw new Error('KafkaBatchTransport does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
