import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Envelope, FeedTopic, Rejection } from '@zhijian/contracts';
import { ProgressRepository } from './repositories/progress.repository';
import { IngestRepository, type QuarantineRow, } from './repositories/ingest.repository';
import { SourceConformanceRepository } from './repositories/source-conformance.repository';
import { copyRawEvents, reserveRawEventIds, type RawEventCopyRow } from './repositories/raw-event-copy';
import { SubjectLinker } from '@zhijian/linking';
import { EnvelopeDecoder } from './envelope-decoder';
import { applyBisecting } from './bisect';
import { DlqPublisher } from './dlq.publisher';
import {
  ERROR_TEXT_MAX,
  TransientIngestError,
  errorKind,
  errorText,
  escapeText,
  isTransientError,
  sanitizeText,
  storableText,
  unstorableTextIn,
} from './failure';
import { BatchSubjects, type FeedName, type FeedProjection } from './projection/projection';
import { feedNameOf, feedProjections } from './projection';
import { SubjectCache } from './repositories/subject-cache';

export interface InboundMessage {
  topic: FeedTopic;
  physicalTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface PartitionPosition {
  physicalTopic: string;
  partition: number;
  /** Whether this batch reads the partition to its end. */
  caughtUp: boolean;
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  /** Messages quarantined (the unprocessable ones included). */
  rejected: number;
  /**
   * Messages that failed for a reason none of the decoder's names (an exception decoding or
   * storing them), with the error: quarantined as `unprocessable`, except on a replay from quarantine.
   */
  unprocessable: { offset: string; error: string }[];
}

/** A message of the batch after decoding: accepted by the decoder, or the rejection to quarantine. */
type Decision =
  | { message: InboundMessage; envelope: Envelope; payloadText: string }
  | { message: InboundMessage; rejection: Rejection; error?: string };

interface StoredGroup {
  accepted: number;
  duplicates: number;
  rejected: number;
  unprocessable: { offset: string; error: string }[];
  quarantineIds: string[];
}

/**
 * The ingest step: validate and normalize a batch, then, in one transaction, append the
 * new envelopes to the raw log, project them into canonical tables, queue the touched
 * cases for screening and record the partition's progress for the business clock. A redelivered batch finds its
 * envelopes already stored and changes nothing.
 *
 * No message can stop the feed: an exception decoding one quarantines it as `unprocessable`; a
 * transaction that fails for a reason nobody foresaw is split in halves, each its own transaction,
 * until the message that fails alone is found and quarantined as `unprocessable` with the error,
 * and the rest is applied. Transient errors (connection lost, serialization failure, deadlock,
 * database unavailable) quarantine nothing: they are thrown, and the transport replays the batch.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly ingest = new IngestRepository();
  private readonly progress = new ProgressRepository();
  private readonly linker = new SubjectLinker();
  private readonly subjects = new SubjectCache();

  constructor(
    private readonly dataSource: DataSource,
    private readonly decoder: EnvelopeDecoder,
    private readonly dlq: DlqPublisher,
  ) {}

  async ingestBatch(messages: InboundMessage[], position: PartitionPosition): Promise<BatchOutcome> {
    const decisions = messages.map((message) => this.decide(message));
    const last = decisions[decisions.length - 1];
    const steps = await applyBisecting(decisions, {
      // Only the group holding the batch's last message has read the partition as far as the batch did.
      apply: (group) =>
        this.store(group, { ...position, caughtUp: position.caughtUp && group.includes(last!) }),
      isTransient: isTransientError,
    });

    const outcome: BatchOutcome = { accepted: 0, duplicates: 0, rejected: 0, unprocessable: [] };
    const quarantineIds: string[] = [];
    for (const step of steps) {
      if (step.ok) {
        outcome.accepted += step.result.accepted;
        outcome.duplicates += step.result.duplicates;
        outcome.rejected += step.result.rejected;
        outcome.unprocessable.push(...step.result.unprocessable);
        quarantineIds.push(...step.result.quarantineIds);
        continue;
      }
      const { message } = step.item;
      const error =
        'envelope' in step.item ? errorText(step.error) : (step.item.error ?? errorText(step.error));
      this.logger.warn(
        `${message.physicalTopic}[${message.partition}]@${message.offset}: unprocessable (${errorKind(step.error)}), quarantined`,
      );
      outcome.rejected++;
      if ('envelope' in step.item || step.item.error !== undefined) {
        outcome.unprocessable.push({ offset: message.offset, error });
      }
      // A replay from quarantine already has its row: the caller records the outcome on it.
      if (position.partition < 0) continue;
      const rejection: Rejection =
        'envelope' in step.item
          ? { reason: 'unprocessable', violations: [{ pointer: '/', message: `入库失败：${error}` }] }
          : step.item.rejection;
      quarantineIds.push(...(await this.quarantineAlone(message, rejection)));
    }

    if (quarantineIds.length) {
      // The quarantine table is the record; the DLQ topic is a copy for operators' tools.
      await this.dlq.publish(quarantineIds).catch((e: unknown) => {
        this.logger.warn(`DLQ publish deferred: ${(e as Error).message}`);
      });
    }
    return outcome;
  }

  /**
   * Decodes one message; an exception (a stack overflow on deep JSON, a bug) makes it unprocessable.
   * What PostgreSQL is known to refuse — a NUL or a lone surrogate anywhere in the envelope as
   * sent, fields the schemas do not name included, or JSON too deep to serialize — is unprocessable
   * here, before any transaction: bisection is for what nobody foresaw, and costs a few transactions.
   */
  private decide(message: InboundMessage): Decision {
    try {
      const decoded = this.decoder.decode(message.value ?? Buffer.alloc(0), message.topic);
      if (!decoded.ok) return { message, rejection: decoded.rejection };
      // Serialized once, as the raw log stores it: throws (RangeError) on JSON nested too deep.
      const payloadText = JSON.stringify(decoded.envelope.payload);
      // The decoder refused a NUL or a lone surrogate in any key or string of the envelope as sent
      // (walkValues); normalization could still make one in the payload. JSON.stringify writes
      // those as escapes (`\u0000`, `\udXXX`): only where its text has one (or a backslash before
      // such letters) are the values walked, to name where.
      if (MAYBE_UNSTORABLE.test(payloadText)) {
        // The envelope as parsed (the decoder validates it in place, never changes it).
        const where = unstorableTextIn(decoded.raw) ?? unstorableTextIn(decoded.envelope.payload);
        if (where !== null)
          return unprocessable(message, `无法入库的文本（NUL 字符或孤立代理项）：${where}`, where);
      }
      return { message, envelope: decoded.envelope, payloadText };
    } catch (e) {
      return unprocessable(message, `解码失败：${errorText(e)}`);
    }
  }

  /** One group of the batch in one transaction: quarantine its rejections, store and project the rest. */
  private async store(group: Decision[], position: PartitionPosition): Promise<StoredGroup> {
    const accepted: { envelope: Envelope; message: InboundMessage; payloadText: string }[] = [];
    const quarantined: QuarantineRow[] = [];
    const unprocessable: StoredGroup['unprocessable'] = [];
    const seen = new Set<string>();
    let groupDuplicates = 0;
    for (const d of group) {
      if (!('envelope' in d)) {
        quarantined.push(quarantineRowOf(d.message, d.rejection));
        if (d.error !== undefined) unprocessable.push({ offset: d.message.offset, error: d.error });
        continue;
      }
      const idKey = `${d.envelope.source}\u0000${d.envelope.eventId}`;
      if (seen.has(idKey)) {
        groupDuplicates++;
        continue;
      }
      seen.add(idKey);
      accepted.push({ envelope: d.envelope, message: d.message, payloadText: d.payloadText });
    }

    const maxOccurredAt = accepted.reduce<Date | null>((max, a) => {
      const t = new Date(a.envelope.occurredAt);
      return !max || t > max ? t : max;
    }, null);

    // Each envelope's raw log id is reserved before the transaction, so that the projections
    // collect their rows once, here, with the ids the rows will have; the batch's subjects then
    // exist before its transaction: it never holds subject rows locked.
    const ids = await reserveRawEventIds(this.dataSource, accepted.length);
    const collected = this.collect(accepted.map((a, i) => ({ envelope: a.envelope, rawEventId: ids[i]! })));
    await this.subjects.ensure(this.dataSource, collected.subjects.all());
    let subjectsCommitted = (): void => undefined;
    const { inserted, quarantineIds } = await this.dataSource.transaction(async (m) => {
      // The envelope as the producer sent it (the decoder checked it is UTF-8 JSON), not parsed again.
      const rows: RawEventCopyRow[] = accepted.map(({ envelope, message, payloadText }, i) => ({
        id: ids[i]!,
        source: envelope.source,
        eventId: envelope.eventId,
        schemaId: envelope.schema,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        occurredAt: envelope.occurredAt,
        envelopeText: message.value!.toString('utf8'),
        payloadText,
      }));
      // The raw log first: where a statement fails on what nobody foresaw, so a failing group fails early.
      const stored = await copyRawEvents(m, rows);
      const quarantineIds = await this.ingest.insertQuarantine(m, quarantined);
      // A new envelope took its reserved id; one already stored took none.
      const storedIds = new Set(stored.map((s) => s.id));
      const fresh = accepted.flatMap((a, i) =>
        storedIds.has(ids[i]!) ? [{ envelope: a.envelope, rawEventId: ids[i]! }] : [],
      );
      // Duplicates per source, for the conformance report (issue 16).
      await new SourceConformanceRepository().recordDuplicates(m, duplicatesBySource(group, fresh));
      // Envelopes already in the raw log (a replay) project nothing: collected again without them.
      subjectsCommitted = await this.project(
        m,
        fresh.length === accepted.length ? collected : this.collect(fresh),
      );
      await this.progress.recordSourceProgress(
        m,
        position.partition,
        sourceProgressOf(fresh, position.physicalTopic),
      );
      // A replay from quarantine (partition < 0) is no position in a partition: it moves no clock progress.
      if (position.partition >= 0) {
        await this.ingest.recordPartitionProgress(
          m,
          position.physicalTopic,
          position.partition,
          maxOccurredAt,
          position.caughtUp,
        );
      }
      return { inserted: fresh.length, quarantineIds };
    });
    subjectsCommitted();
    return {
      accepted: inserted,
      duplicates: accepted.length - inserted + groupDuplicates,
      rejected: quarantined.length,
      unprocessable,
      quarantineIds,
    };
  }

  /**
   * Quarantines a message that failed alone. Should storing it as it came fail too (a NUL in its
   * key or headers), it is stored with its key and headers escaped — the raw bytes are kept as
   * they are in any case — so that the feed never stops. A failure of that is the database's, not
   * the message's: it is thrown as transient, and the batch replayed.
   */
  private async quarantineAlone(message: InboundMessage, rejection: Rejection): Promise<string[]> {
    try {
      return await this.dataSource.transaction((m) =>
        this.ingest.insertQuarantine(m, [quarantineRowOf(message, rejection)]),
      );
    } catch (e) {
      if (isTransientError(e)) throw e;
    }
    const escaped: QuarantineRow = {
      ...quarantineRowOf(message, rejection),
      key: message.key === null ? null : escapeText(message.key),
      headers: Object.fromEntries(
        Object.entries(message.headers).map(([k, v]) => [escapeText(k), escapeText(v)]),
      ),
      violations: rejection.violations.map((v) => ({
        ...v,
        pointer: escapeText(v.pointer),
        message: sanitizeText(v.message, ERROR_TEXT_MAX),
      })),
    };
    try {
      return await this.dataSource.transaction((m) => this.ingest.insertQuarantine(m, [escaped]));
    } catch (e) {
      throw new TransientIngestError(
        `${message.physicalTopic}[${message.partition}]@${message.offset} could not be quarantined`,
        e,
      );
    }
  }

  /**
   * Projects the batch's new envelopes: each feed collects its rows, the batch's subjects are
   * stored in one statement, each feed writes, subjects without identifier are linked, and the
   * touched cases are queued for screening (for registry facts and links: the cases where a
   * subject they concern is a respondent).
   */
  private async project(m: EntityManager, { subjects, projections }: Collected): Promise<() => void> {
    const { ids: subjectIds, committed } = await this.subjects.idsIn(m, subjects.all());
    const idOf = (key: string): string => {
      const id = subjectIds.get(key);
      if (id === undefined) throw new Error('subject referenced but not stored');
      return id;
    };
    const touchedCases: string[] = [];
    const touchedSubjects: string[] = [];
    for (const projection of Object.values(projections)) {
      const touched = await projection.write(m, idOf);
      touchedCases.push(...touched.cases);
      touchedSubjects.push(...touched.subjects);
    }
    // Links made or revoked change what the models see of both subjects (libs/linking).
    const linked = await this.linker.linkBatch(m, [...subjectIds.values()]);
    touchedSubjects.push(...linked.touchedSubjects);
    touchedCases.push(...(await this.ingest.casesWithRespondents(m, [...new Set(touchedSubjects)])));
    await this.ingest.enqueueScreening(m, touchedCases);
    return committed;
  }

  /** Each feed's rows of these envelopes (pure: subjects referenced by identity key). */
  private collect(events: { envelope: Envelope; rawEventId: string }[]): Collected {
    const subjects = new BatchSubjects();
    const projections = feedProjections(subjects, this.ingest);
    for (const { envelope, rawEventId } of events) {
      const name = feedNameOf(envelope.schema);
      const projection = Object.prototype.hasOwnProperty.call(projections, name)
        ? projections[name as FeedName]
        : undefined;
      // The decoder only accepts a schema of the topic's feed; this guards the mapping, not the data.
      if (!projection) throw new Error(`no projection for schema ${envelope.schema}`);
      projection.add(envelope, rawEventId);
    }
    return { subjects, projections };
  }
}

/** A batch's rows collected by each feed's projection, and the subjects they reference. */
interface Collected {
  subjects: BatchSubjects;
  projections: Record<FeedName, FeedProjection>;
}

/** Per source: the newest business time of its new events and how many (business time per source, spec §7). */
function sourceProgressOf(
  fresh: { envelope: Envelope }[],
  topic: string,
): { source: string; topic: string; maxOccurredAt: string; events: number }[] {
  const bySource = new Map<
    string,
    { source: string; topic: string; maxOccurredAt: string; events: number }
  >();
  for (const { envelope } of fresh) {
    const row = bySource.get(envelope.source);
    if (!row) {
      bySource.set(envelope.source, {
        source: envelope.source,
        topic,
        maxOccurredAt: envelope.occurredAt,
        events: 1,
      });
      continue;
    }
    row.events++;
    // Normalized envelopes carry ISO instants in UTC: they order as strings.
    if (envelope.occurredAt > row.maxOccurredAt) row.maxOccurredAt = envelope.occurredAt;
  }
  return [...bySource.values()];
}

/** The escape JSON.stringify writes a NUL or a lone surrogate with. */
const MAYBE_UNSTORABLE = /\\u(?:0000|d[89a-f])/i;

function unprocessable(message: InboundMessage, error: string, pointer = '/'): Decision {
  return {
    message,
    rejection: { reason: 'unprocessable', violations: [{ pointer: storableText(pointer), message: error }] },
    error,
  };
}

/**
 * The quarantine row of a message, its key, headers and violations made storable (a NUL or a lone
 * surrogate escaped): the raw bytes keep the message as it came.
 */
function quarantineRowOf(message: InboundMessage, rejection: Rejection): QuarantineRow {
  return {
    topic: message.physicalTopic,
    partition: message.partition,
    offset: message.offset,
    key: message.key === null ? null : storableText(message.key),
    headers: Object.fromEntries(
      Object.entries(message.headers).map(([k, v]) => [storableText(k), storableText(v)]),
    ),
    raw: message.value ?? Buffer.alloc(0),
    reason: rejection.reason,
    violations: rejection.violations.map((v) => ({
      ...v,
      pointer: storableText(v.pointer),
      message: storableText(v.message),
      ...(v.check !== undefined ? { check: storableText(v.check) } : {}),
    })),
  };
}

/** Messages of a group that were valid but not stored (already in the raw log, or twice in the group), by source. */
function duplicatesBySource(group: Decision[], fresh: { envelope: Envelope }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of group)
    if ('envelope' in d) out.set(d.envelope.source, (out.get(d.envelope.source) ?? 0) + 1);
  for (const f of fresh) out.set(f.envelope.source, (out.get(f.envelope.source) ?? 0) - 1);
  return out;
}
