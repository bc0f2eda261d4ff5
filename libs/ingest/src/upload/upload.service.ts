import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { FeedKeyRepository, type FeedKey } from '../repositories/feed-keys';
import { FeedToolsRepository } from '../repositories/feed-tools.repository';
import { SourceConformanceRepository } from '../repositories/source-conformance.repository';
import {
  UploadRepository,
  type UploadCounts,
  type UploadQuarantineRow,
} from '../repositories/upload.repository';
import { EnvelopeDecoder } from '../envelope-decoder';
import { DlqPublisher } from '../dlq.publisher';
import { KafkaUploadProducer } from '../kafka.module';
import { splitLines, type SplitLine } from './line-splitter';
import { UPLOAD_LIMITS, uploadReasonZh, type LineOutcome } from './upload-outcome';
import { judgeLine, type Judged } from './feed-check';

export { UPLOAD_LIMITS, uploadReasonZh, type LineOutcome, type UploadReason } from './upload-outcome';

export interface UploadContext {
  uploadId: string;
  key: FeedKey;
  topic: FeedTopic;
  /**
   * `?dryRun=true`: every line judged as for real (duplicates against the raw log and the
   * receipts too), but nothing stored, quarantined or published.
   */
  dryRun?: boolean;
  /** A dry run's pairs answered so far (an upload's are its receipts). */
  dryRunSeen?: Set<string>;
}

type Candidate = Extract<Judged, { kind: 'candidate' }>;

const pairKey = (p: { source: string; eventId: string }) => `${p.source}\u0000${p.eventId}`;
const ignore = () => undefined;

/**
 * The HTTP batch upload: reads NDJSON lines from a stream, judges each (the decoder of the
 * Kafka path, then the key's sources), and per chunk, in one transaction: quarantines the
 * rejected lines, decides accepted vs duplicate on (source, eventId) — against the raw log and
 * the receipts of uploads — and puts the accepted lines' original bytes on the feed's Kafka
 * topic, committing only once Kafka has acknowledged them. The consumer then ingests them as
 * any producer's messages. While one chunk is being written the next is read and decoded.
 */
@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);
  private readonly keys = new FeedKeyRepository();
  private readonly uploads = new UploadRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly decoder: EnvelopeDecoder,
    private readonly kafka: KafkaUploadProducer,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly dlq: DlqPublisher,
  ) {}

  /** The active key presented, or null (missing, unknown or revoked). */
  async authenticate(plaintext: string | null): Promise<FeedKey | null> {
    if (!plaintext) return null;
    return this.keys.findActive(this.dataSource.manager, plaintext);
  }

  begin(ctx: UploadContext): Promise<'new' | 'retry' | 'conflict'> {
    return this.uploads.beginUpload(this.dataSource.manager, ctx.uploadId, ctx.key.id, ctx.topic);
  }

  async finish(ctx: UploadContext, counts: UploadCounts): Promise<void> {
    await this.uploads.finishUpload(this.dataSource.manager, ctx.uploadId, counts);
    this.logger.log(
      `upload ${ctx.uploadId} on ${ctx.topic} by key #${ctx.key.id}: ${counts.lines} line(s), ` +
        `${counts.accepted} accepted, ${counts.duplicate} duplicate, ${counts.rejected} rejected`,
    );
  }

  /**
   * Outcomes of the body's lines, chunk by chunk, in line order. Each yielded chunk is
   * committed (quarantine, receipts) and its accepted lines are on Kafka.
   */
  async *run(
    body: AsyncIterable<Buffer | string | Uint8Array>,
    ctx: UploadContext,
  ): AsyncGenerator<LineOutcome[]> {
    let chunk: Judged[] = [];
    let chunkBytes = 0;
    let inFlight: Promise<LineOutcome[]> | null = null;
    try {
      for await (const line of splitLines(body, UPLOAD_LIMITS.maxLineBytes)) {
        const size = line.tooLong ? 0 : line.bytes.length;
        if (
          chunk.length &&
          (chunk.length >= UPLOAD_LIMITS.chunkLines || chunkBytes + size > UPLOAD_LIMITS.chunkBytes)
        ) {
          // Chunks are written one after the other (Kafka keeps their order); the next is read meanwhile.
          const done: LineOutcome[] | null = inFlight ? await inFlight : null;
          inFlight = this.flush(chunk, ctx);
          inFlight.catch(ignore);
          chunk = [];
          chunkBytes = 0;
          if (done) yield done;
        }
        chunk.push(this.judge(line, ctx));
        chunkBytes += size;
      }
      if (inFlight) {
        const done = await inFlight;
        inFlight = null;
        yield done;
      }
      if (chunk.length) yield await this.flush(chunk, ctx);
    } finally {
      // Abandoned (the client went away): the chunk being written still completes or rolls back.
      if (inFlight) await inFlight.catch(ignore);
    }
  }

  private judge(l: SplitLine, ctx: UploadContext): Judged {
    return judgeLine(l, this.decoder, ctx.topic, ctx.key.allowedSources);
  }

  private async flush(chunk: Judged[], ctx: UploadContext): Promise<LineOutcome[]> {
    const topic = physicalTopic(this.config.topicPrefix, ctx.topic);
    const outcomes: (LineOutcome | null)[] = chunk.map(() => null);
    const quarantine: UploadQuarantineRow[] = [];
    const first = new Map<string, Candidate>();
    chunk.forEach((j, i) => {
      switch (j.kind) {
        case 'refused':
        case 'quarantine':
          outcomes[i] = {
            line: j.line,
            status: 'rejected',
            reason: j.reason,
            messageZh: uploadReasonZh(j.reason),
            violations: j.violations,
          };
          if (j.kind === 'refused') break;
          quarantine.push({
            line: j.line,
            raw: j.bytes,
            reason: j.reason,
            violations: j.violations,
            headers: {
              'x-transport': 'http',
              'x-upload-id': ctx.uploadId,
              'x-upload-line': String(j.line),
              'x-feed-key-id': ctx.key.id,
            },
          });
          break;
        case 'candidate':
          // A later line of the chunk with the same pair is a duplicate of the first.
          if (first.has(pairKey(j))) outcomes[i] = { line: j.line, status: 'duplicate', eventId: j.eventId };
          else first.set(pairKey(j), j);
          break;
      }
    });

    const candidates = [...first.values()];
    const accepted = new Set<number>();
    if (ctx.dryRun) {
      const known = await new FeedToolsRepository().knownPairs(this.dataSource.manager, candidates);
      const seen = (ctx.dryRunSeen ??= new Set());
      for (const c of candidates) if (!known.has(pairKey(c)) && !seen.has(pairKey(c))) accepted.add(c.line);
      for (const c of candidates) seen.add(pairKey(c));
      return finishOutcomes(chunk, outcomes, accepted);
    }
    await this.dataSource.transaction(async (m) => {
      await this.uploads.insertQuarantine(m, topic, ctx.uploadId, quarantine);
      if (!candidates.length) return;
      const claimed = await this.uploads.claimReceipts(m, ctx.uploadId, candidates);
      const toSend = candidates.filter((c) => claimed.has(c.line));
      if (toSend.length) {
        // The receipts commit only after Kafka has the messages: a receipt means "on Kafka".
        await this.kafka.producer.send({
          topic,
          acks: -1,
          messages: toSend.map((c) => ({
            key: c.messageKey,
            value: c.bytes,
            headers: { 'x-upload-id': ctx.uploadId, 'x-upload-line': String(c.line) },
          })),
        });
      }
      for (const line of claimed) accepted.add(line);
      // Not claimed: a duplicate, unless this very line of this upload claimed it before (a retried body).
      const own = await this.uploads.ownReceipts(
        m,
        ctx.uploadId,
        candidates.filter((c) => !claimed.has(c.line)),
      );
      for (const line of own) accepted.add(line);
    });
    // Lines answered duplicate never reach Kafka: counted here for the conformance report.
    const duplicates = new Map<string, number>();
    for (const j of chunk)
      if (j.kind === 'candidate' && !accepted.has(j.line))
        duplicates.set(j.source, (duplicates.get(j.source) ?? 0) + 1);
    await new SourceConformanceRepository()
      .recordDuplicates(this.dataSource.manager, duplicates)
      .catch((e: unknown) => this.logger.warn(`duplicate counts not recorded: ${(e as Error).message}`));
    if (quarantine.length) {
      // As for Kafka rejections: the quarantine row is the record, the DLQ topic a copy.
      await this.dlq
        .publish()
        .catch((e: unknown) => this.logger.warn(`DLQ publish deferred: ${(e as Error).message}`));
    }

    return finishOutcomes(chunk, outcomes, accepted);
  }
}

/** The candidates' outcomes: accepted when their line is in `accepted`, else duplicate. */
function finishOutcomes(
  chunk: Judged[],
  outcomes: (LineOutcome | null)[],
  accepted: ReadonlySet<number>,
): LineOutcome[] {
  chunk.forEach((j, i) => {
    if (outcomes[i] || j.kind !== 'candidate') return;
    outcomes[i] = {
      line: j.line,
      status: accepted.has(j.line) ? 'accepted' : 'duplicate',
      eventId: j.eventId,
    };
  });
  return outcomes as LineOutcome[];
}
