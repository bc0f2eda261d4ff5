import { IngestRepository } from './repositories/ingest.repository';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import {
  isFeedTopic,
  physicalTopic,
  reasonMessageZh,
  type FeedTopic,
  type Rejection,
  type Violation,
} from '@zhijian/contracts';
import {
  QuarantineRepository,
  isQuarantineStatus,
  type QuarantineDetail,
  type QuarantineRecord,
  type QuarantineStatus,
  type QuarantineSummary,
  type ReplayOutcome,
} from './repositories/quarantine.repository';
import { addDays, cstStartOfDay, parseDate, parseInstant } from '@zhijian/domain';
import { EnvelopeDecoder } from './envelope-decoder';
import { IngestService, type InboundMessage } from './ingest.service';

/** What went wrong, for the caller to answer in its own terms (HTTP status, CLI exit). */
export class QuarantineError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'QuarantineError';
  }
}

export interface QuarantineQuery {
  topic?: string;
  reason?: string;
  status?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** The decoder's verdict on bytes, without applying them. */
export type Validation =
  | {
      valid: true;
      schema: string;
      source: string;
      eventId: string;
      occurredAt: string;
      /** An envelope with this (source, eventId) is already in the raw log: a replay would be a duplicate. */
      alreadyInRawLog: boolean;
    }
  | { valid: false; reason: string; messageZh: string; violations: Violation[] };

export interface CorrectionResult {
  id: string;
  status: QuarantineStatus;
  validation: Validation;
}

export interface ReplayResult {
  id: string;
  outcome: ReplayOutcome;
  status: QuarantineStatus;
  /** Whether the corrected bytes (rather than the original) were replayed. */
  corrected: boolean;
  reason?: string;
  messageZh?: string;
  violations?: Violation[];
}

const MAX_LIMIT = 1000;

/**
 * Operators' work on quarantined messages: list, inspect, correct, replay, discard.
 * A replay goes the way a Kafka message goes — the same decoder, then
 * `IngestService.ingestBatch` — so it is validated and normalized alike, and the raw
 * log's (source, eventId) key makes a second replay a duplicate that changes nothing.
 */
@Injectable()
export class QuarantineService {
  private readonly logger = new Logger(QuarantineService.name);
  private readonly quarantine = new QuarantineRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly decoder: EnvelopeDecoder,
    private readonly ingest: IngestService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async list(
    q: QuarantineQuery,
  ): Promise<{ items: QuarantineSummary[]; total: number; limit: number; offset: number }> {
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      throw new QuarantineError('invalid', `limit 须为 1 至 ${MAX_LIMIT} 之间的整数`);
    if (!Number.isInteger(offset) || offset < 0) throw new QuarantineError('invalid', 'offset 须为非负整数');
    const status = q.status?.trim() || undefined;
    if (status !== undefined && !isQuarantineStatus(status))
      throw new QuarantineError(
        'invalid',
        `status 只能是 open、corrected、replayed 或 discarded，收到 “${status}”`,
      );
    const topic = q.topic?.trim() || undefined;
    const { items, total } = await this.quarantine.list(this.dataSource.manager, {
      topics: topic ? this.physicalNamesOf(topic) : undefined,
      reason: q.reason?.trim() || undefined,
      status,
      from: receivedBound('from', q.from),
      to: receivedBound('to', q.to),
      limit,
      offset,
    });
    return { items, total, limit, offset };
  }

  async get(id: string): Promise<QuarantineDetail> {
    const row = await this.quarantine.get(this.dataSource.manager, checkId(id));
    if (!row) throw notFound(id);
    return row;
  }

  /** Validates the corrected bytes at once and stores them beside the original; nothing is applied. */
  async correct(id: string, corrected: Buffer, actor: string): Promise<CorrectionResult> {
    checkId(id);
    if (!corrected.length) throw new QuarantineError('invalid', '更正内容为空');
    return this.dataSource.transaction(async (m) => {
      const row = await this.quarantine.load(m, id, true);
      if (!row) throw notFound(id);
      if (row.status === 'discarded')
        throw new QuarantineError('conflict', `隔离消息 ${id} 已丢弃，不能更正`);
      if (row.status === 'replayed')
        throw new QuarantineError('conflict', `隔离消息 ${id} 已重放入库，不能再更正`);
      const validation = await this.validate(m, corrected, this.feedTopicOf(row));
      await this.quarantine.recordCorrection(m, id, corrected, actor);
      this.logger.log(
        `quarantine #${id} corrected by ${actor} (${validation.valid ? 'valid' : validation.reason})`,
      );
      return { id, status: 'corrected', validation };
    });
  }

  /**
   * Runs the corrected bytes (or the original, e.g. after a schema fix) through the
   * ingest path. Accepted: applied now. Duplicate: the event is already in the raw log,
   * nothing is applied again. Rejected: the row keeps the new reason and violations.
   */
  async replay(id: string, actor: string): Promise<ReplayResult> {
    checkId(id);
    const row = await this.quarantine.load(this.dataSource.manager, id);
    if (!row) throw notFound(id);
    if (row.status === 'discarded') throw new QuarantineError('conflict', `隔离消息 ${id} 已丢弃，不能重放`);
    const topic = this.feedTopicOf(row);
    const bytes = row.correctedRaw ?? row.raw;
    const corrected = row.correctedRaw !== null;

    const decoded = this.decoder.decode(bytes, topic);
    let outcome: ReplayOutcome;
    let rejection: Rejection | null = decoded.ok ? null : decoded.rejection;
    if (!decoded.ok) {
      outcome = 'rejected';
      await this.quarantine.recordReplay(this.dataSource.manager, id, outcome, actor, decoded.rejection);
    } else {
      const message: InboundMessage = {
        topic,
        physicalTopic: row.topic,
        // The raw log keeps where the bytes first arrived.
        partition: row.partition,
        offset: row.offset,
        key: row.key,
        value: bytes,
        headers: row.headers,
      };
      // Partition -1: a replay is no position in a partition and moves no business-clock progress.
      const result = await this.ingest.ingestBatch([message], {
        physicalTopic: row.topic,
        partition: -1,
        caughtUp: true,
      });
      const failed = result.unprocessable[0];
      if (failed) {
        // It passed the decoder but could not be stored: the row keeps the error.
        outcome = 'rejected';
        rejection = { reason: 'unprocessable', violations: [{ pointer: '/', message: failed.error }] };
        await this.quarantine.recordReplay(this.dataSource.manager, id, outcome, actor, rejection);
      } else {
        if (result.rejected > 0)
          throw new Error(`quarantine #${id}: the ingest path rejected what the decoder accepted`);
        outcome = result.accepted > 0 ? 'accepted' : 'duplicate';
        await this.quarantine.recordReplay(this.dataSource.manager, id, outcome, actor);
      }
    }
    const after = await this.quarantine.load(this.dataSource.manager, id);
    this.logger.log(`quarantine #${id} replayed by ${actor}: ${outcome}`);
    return {
      id,
      outcome,
      status: after?.status ?? row.status,
      corrected,
      ...(rejection
        ? {
            reason: rejection.reason,
            messageZh: reasonMessageZh(rejection.reason),
            violations: rejection.violations,
          }
        : {}),
    };
  }

  async discard(id: string, reason: string, actor: string): Promise<QuarantineDetail> {
    checkId(id);
    const why = reason.trim();
    if (!why) throw new QuarantineError('invalid', '请填写丢弃原因');
    if (why.length > 500) throw new QuarantineError('invalid', '丢弃原因不能超过 500 字');
    await this.dataSource.transaction(async (m) => {
      const row = await this.quarantine.load(m, id, true);
      if (!row) throw notFound(id);
      if (row.status === 'discarded') throw new QuarantineError('conflict', `隔离消息 ${id} 已丢弃`);
      if (row.status === 'replayed')
        throw new QuarantineError('conflict', `隔离消息 ${id} 已重放入库，不能丢弃`);
      await this.quarantine.discard(m, id, why, actor);
    });
    this.logger.log(`quarantine #${id} discarded by ${actor}`);
    return this.get(id);
  }

  private async validate(m: EntityManager, bytes: Buffer, topic: FeedTopic): Promise<Validation> {
    const decoded = this.decoder.decode(bytes, topic);
    if (!decoded.ok)
      return { valid: false, ...decoded.rejection, messageZh: reasonMessageZh(decoded.rejection.reason) };
    const { schema, source, eventId, occurredAt } = decoded.envelope;
    const alreadyInRawLog = await new IngestRepository().inRawLog(m, source, eventId);
    return { valid: true, schema, source, eventId, occurredAt, alreadyInRawLog };
  }

  /** The feed a quarantined message belongs to: its physical topic less this environment's prefix. */
  private feedTopicOf(row: QuarantineRecord): FeedTopic {
    const prefix = this.config.topicPrefix ? `${this.config.topicPrefix}.` : '';
    const name = prefix && row.topic.startsWith(prefix) ? row.topic.slice(prefix.length) : row.topic;
    if (!isFeedTopic(name))
      throw new QuarantineError('conflict', `隔离消息 ${row.id} 的主题 ${row.topic} 不是本枢纽接收的数据源`);
    return name;
  }

  /** An operator may name the feed (court.case-events) or the physical topic. */
  private physicalNamesOf(topic: string): string[] {
    return isFeedTopic(topic)
      ? [...new Set([topic, physicalTopic(this.config.topicPrefix, topic)])]
      : [topic];
  }
}

function checkId(id: string): string {
  if (!/^[1-9]\d{0,17}$/.test(id))
    throw new QuarantineError('invalid', `隔离消息编号须为正整数，收到 “${id}”`);
  return id;
}

function notFound(id: string): QuarantineError {
  return new QuarantineError('not_found', `隔离消息 ${id} 不存在`);
}

/**
 * The `from`/`to` bounds of the quarantine list: a day `YYYY-MM-DD` is a day of China Standard
 * Time (spec §2) — `from` its start, `to` its end (the day included) — as in the intake API;
 * otherwise an RFC 3339 instant with an offset (`to` exclusive). `new Date('2026-12-08')` would be
 * UTC midnight, 08:00 in China: a message received at 01:30 China time would be left out of its
 * own day's list from 16:00 to 24:00 UTC.
 */
export function receivedBound(name: 'from' | 'to', value: string | undefined): Date | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const day = parseDate(v);
  if (day.ok) return cstStartOfDay(name === 'to' ? addDays(day.value, 1) : day.value);
  const instant = parseInstant(v);
  if (instant.ok) return instant.value;
  throw new QuarantineError(
    'invalid',
    `${name} 须为日期 YYYY-MM-DD（中国时间）或带时区的时间，收到 “${v}”（例如 2024-06-01 或 2024-06-01T08:00:00+08:00）`,
  );
}
