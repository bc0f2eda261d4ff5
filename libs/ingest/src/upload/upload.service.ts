import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import {
  escapeControlText,
  physicalTopic,
  REASON_MESSAGES_ZH,
  type FeedTopic,
  type ReasonCode,
  type Violation,
} from '@zhijian/contracts';
import { foldWidth } from '@zhijian/domain';
import {
  FeedKeyRepository,
  isWellFormedSource,
  sourceAllowed,
  type FeedKey,
} from '../repositories/feed-keys';
import {
  UploadRepository,
  type UploadCounts,
  type UploadQuarantineRow,
} from '../repositories/upload.repository';
import { EnvelopeDecoder } from '../envelope-decoder';
import { DlqPublisher } from '../dlq.publisher';
import { KafkaUploadProducer } from '../kafka.module';
import { splitLines, type SplitLine } from './line-splitter';
import { messageKeyOf } from './message-key';

/**
 * A chunk is one transaction and one Kafka send. Its bytes stay under the broker's default
 * message.max.bytes (1 MiB per record batch, i.e. per partition and send); a single line may use it all.
 */
export const UPLOAD_LIMITS = {
  chunkLines: 500,
  chunkBytes: 900 * 1024,
  maxLineBytes: 900 * 1024,
} as const;

/**
 * Per-line reasons of an upload: spec §6's codes (the decoder's, as the Kafka consumer gives them),
 * plus `source_not_allowed`, the transport's: the key may not publish as the line's source (not
 * quarantined: a refusal of the transport, not data an operator can fix and replay). A line over
 * UPLOAD_LIMITS.maxLineBytes is `too_large` without being quarantined either (its bytes were not kept).
 */
export type UploadReason = ReasonCode | 'source_not_allowed';

const SOURCE_NOT_ALLOWED_ZH = '该上传密钥无权以此来源（source）报送数据';

/** The Chinese message beside a line's reason code. */
export function uploadReasonZh(reason: UploadReason): string {
  return reason === 'source_not_allowed' ? SOURCE_NOT_ALLOWED_ZH : REASON_MESSAGES_ZH[reason];
}

export type LineOutcome =
  | { line: number; status: 'accepted' | 'duplicate'; eventId: string }
  | { line: number; status: 'rejected'; reason: UploadReason; messageZh: string; violations: Violation[] };

export interface UploadContext {
  uploadId: string;
  key: FeedKey;
  topic: FeedTopic;
}

type Judged =
  | { kind: 'candidate'; line: number; source: string; eventId: string; messageKey: string; bytes: Buffer }
  | { kind: 'quarantine'; line: number; bytes: Buffer; reason: ReasonCode; violations: Violation[] }
  | {
      kind: 'refused';
      line: number;
      reason: 'source_not_allowed' | 'too_large';
      violations: Violation[];
    };

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
    if (l.tooLong) {
      return {
        kind: 'refused',
        line: l.line,
        reason: 'too_large',
        violations: [
          {
            pointer: '/',
            message: `该行 ${l.length} 字节，超过上限 ${UPLOAD_LIMITS.maxLineBytes} 字节`,
            check: 'max_bytes',
          },
        ],
      };
    }
    const decoded = this.decoder.decode(l.bytes, ctx.topic);
    if (!decoded.ok) {
      // Authorization first: a line claiming a source the key may not use is refused as such,
      // whatever else is wrong with it (and is not put in quarantine under this key's upload).
      const claimed = decoded.rejection.reason === 'malformed_json' ? null : claimedSource(l.bytes);
      if (claimed !== null && !sourceAllowed(ctx.key.allowedSources, claimed))
        return this.refusedSource(l.line, claimed, ctx);
      return {
        kind: 'quarantine',
        line: l.line,
        bytes: l.bytes,
        reason: decoded.rejection.reason,
        violations: decoded.rejection.violations,
      };
    }
    const { envelope } = decoded;
    if (!sourceAllowed(ctx.key.allowedSources, envelope.source))
      return this.refusedSource(l.line, envelope.source, ctx);
    return {
      kind: 'candidate',
      line: l.line,
      source: envelope.source,
      eventId: envelope.eventId,
      messageKey: messageKeyOf(ctx.topic, envelope),
      bytes: l.bytes,
    };
  }

  private refusedSource(line: number, source: string, ctx: UploadContext): Judged {
    return {
      kind: 'refused',
      line,
      reason: 'source_not_allowed',
      violations: [
        {
          pointer: '/source',
          message: `该密钥不能以 ${escapeControlText(source)} 的名义报送（可用的来源：${ctx.key.allowedSources.join('、')}）`,
        },
      ],
    };
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
    if (quarantine.length) {
      // As for Kafka rejections: the quarantine row is the record, the DLQ topic a copy.
      await this.dlq
        .publish()
        .catch((e: unknown) => this.logger.warn(`DLQ publish deferred: ${(e as Error).message}`));
    }

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
}

/** The source a line claims, when it is a JSON object with a well-formed one; else null. */
function claimedSource(bytes: Buffer): string | null {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const source = (v as Record<string, unknown>).source;
    if (typeof source !== 'string') return null;
    const s = foldWidth(source).trim();
    return isWellFormedSource(s) ? s : null;
  } catch {
    return null;
  }
}
