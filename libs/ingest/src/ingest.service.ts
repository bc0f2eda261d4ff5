import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Envelope, FeedTopic } from '@zhijian/contracts';
import {
  ClockRepository,
  IngestRepository,
  type QuarantineRow,
  type RawEventRow,
} from '@zhijian/persistence';
import { SubjectLinker } from '@zhijian/linking';
import { EnvelopeDecoder } from './envelope-decoder';
import { DlqPublisher } from './dlq.publisher';
import { BatchSubjects, feedNameOf, feedProjections, type FeedName } from './projection';

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
  rejected: number;
}

/**
 * The ingest step: validate and normalize a batch, then, in one transaction, append the
 * new envelopes to the raw log, project them into canonical tables, queue the touched
 * cases for screening and record the partition's progress for the business clock. A redelivered batch finds its
 * envelopes already stored and changes nothing.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly ingest = new IngestRepository();
  private readonly clocks = new ClockRepository();
  private readonly linker = new SubjectLinker();

  constructor(
    private readonly dataSource: DataSource,
    private readonly decoder: EnvelopeDecoder,
    private readonly dlq: DlqPublisher,
  ) {}

  async ingestBatch(messages: InboundMessage[], position: PartitionPosition): Promise<BatchOutcome> {
    const accepted: { envelope: Envelope; message: InboundMessage }[] = [];
    const quarantined: QuarantineRow[] = [];
    const seen = new Set<string>();
    let batchDuplicates = 0;
    for (const message of messages) {
      const decoded = this.decoder.decode(message.value ?? Buffer.alloc(0), message.topic);
      if (!decoded.ok) {
        quarantined.push({
          topic: message.physicalTopic,
          partition: message.partition,
          offset: message.offset,
          key: message.key,
          headers: message.headers,
          raw: message.value ?? Buffer.alloc(0),
          reason: decoded.rejection.reason,
          violations: decoded.rejection.violations,
        });
        continue;
      }
      const idKey = `${decoded.envelope.source}\u0000${decoded.envelope.eventId}`;
      if (seen.has(idKey)) {
        batchDuplicates++;
        continue;
      }
      seen.add(idKey);
      accepted.push({ envelope: decoded.envelope, message });
    }

    const maxOccurredAt = accepted.reduce<Date | null>((max, a) => {
      const t = new Date(a.envelope.occurredAt);
      return !max || t > max ? t : max;
    }, null);

    const { inserted, quarantineIds } = await this.dataSource.transaction(async (m) => {
      const quarantineIds = await this.ingest.insertQuarantine(m, quarantined);
      const rows: RawEventRow[] = accepted.map(({ envelope, message }) => ({
        source: envelope.source,
        eventId: envelope.eventId,
        schemaId: envelope.schema,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        occurredAt: envelope.occurredAt,
        envelope: rawEnvelopeOf(message),
        payload: envelope.payload,
      }));
      const stored = await this.ingest.insertRawEvents(m, rows);
      const idOf = new Map(stored.map((s) => [`${s.source}\u0000${s.eventId}`, s.id]));
      const fresh = accepted
        .filter((a) => idOf.has(`${a.envelope.source}\u0000${a.envelope.eventId}`))
        .map((a) => ({
          envelope: a.envelope,
          rawEventId: idOf.get(`${a.envelope.source}\u0000${a.envelope.eventId}`)!,
        }));
      await this.project(m, fresh);
      await this.clocks.recordSourceProgress(
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

    if (quarantineIds.length) {
      // The quarantine table is the record; the DLQ topic is a copy for operators' tools.
      await this.dlq.publish(quarantineIds).catch((e: unknown) => {
        this.logger.warn(`DLQ publish deferred: ${(e as Error).message}`);
      });
    }
    return {
      accepted: inserted,
      duplicates: accepted.length - inserted + batchDuplicates,
      rejected: quarantined.length,
    };
  }

  /**
   * Projects the batch's new envelopes: each feed collects its rows, the batch's subjects are
   * stored in one statement, each feed writes, subjects without identifier are linked, and the
   * touched cases are queued for screening (for registry facts and links: the cases where a
   * subject they concern is a respondent).
   */
  private async project(
    m: EntityManager,
    fresh: { envelope: Envelope; rawEventId: string }[],
  ): Promise<void> {
    const subjects = new BatchSubjects();
    const projections = feedProjections(subjects, this.ingest);
    for (const { envelope, rawEventId } of fresh) {
      const name = feedNameOf(envelope.schema);
      const projection = Object.prototype.hasOwnProperty.call(projections, name)
        ? projections[name as FeedName]
        : undefined;
      // The decoder only accepts a schema of the topic's feed; this guards the mapping, not the data.
      if (!projection) throw new Error(`no projection for schema ${envelope.schema}`);
      projection.add(envelope, rawEventId);
    }

    const subjectIds = await this.ingest.upsertSubjects(m, subjects.all());
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
  }
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

/** The envelope exactly as the producer sent it (the raw log keeps the original, not the normalized form). */
function rawEnvelopeOf(message: InboundMessage): unknown {
  return JSON.parse(message.value!.toString('utf8')) as unknown;
}
