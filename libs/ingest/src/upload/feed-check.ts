import {
  escapeControlText,
  topicOfSchema,
  type FeedTopic,
  type ReasonCode,
  type Violation,
} from '@zhijian/contracts';
import { foldWidth } from '@zhijian/domain';
import { isWellFormedSource, sourceAllowed } from '../repositories/feed-keys';
import type { EnvelopeDecoder } from '../envelope-decoder';
import { splitLines, type SplitLine } from './line-splitter';
import { messageKeyOf } from './message-key';
import { UPLOAD_LIMITS, uploadReasonZh, type LineOutcome } from './upload-outcome';

/**
 * How one line of a feed is judged, the same for a real upload, a dry run (`?dryRun=true`) and
 * `zhijian feed validate` (offline): the line's size, then the consumer's own decoder (every
 * check of spec §6, source authorization included), then — when the sender's allowed sources
 * are known (an upload's feed key) — whether it may publish as the line's source. What differs
 * between them is only what happens to the judged line (stored and published, or not).
 */
export type Judged =
  | { kind: 'candidate'; line: number; source: string; eventId: string; messageKey: string; bytes: Buffer }
  | { kind: 'quarantine'; line: number; bytes: Buffer; reason: ReasonCode; violations: Violation[] }
  | {
      kind: 'refused';
      line: number;
      reason: 'source_not_allowed' | 'too_large';
      violations: Violation[];
    };

/** `allowedSources` null: no key to check against (validate without --sources). */
export function judgeLine(
  l: SplitLine,
  decoder: EnvelopeDecoder,
  topic: FeedTopic,
  allowedSources: readonly string[] | null,
): Judged {
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
  const decoded = decoder.decode(l.bytes, topic);
  if (!decoded.ok) {
    // Authorization first: a line claiming a source the key may not use is refused as such,
    // whatever else is wrong with it (and is not put in quarantine under this key's upload).
    const claimed = decoded.rejection.reason === 'malformed_json' ? null : claimedSource(l.bytes);
    if (allowedSources && claimed !== null && !sourceAllowed(allowedSources, claimed))
      return refusedSource(l.line, claimed, allowedSources);
    return {
      kind: 'quarantine',
      line: l.line,
      bytes: l.bytes,
      reason: decoded.rejection.reason,
      violations: decoded.rejection.violations,
    };
  }
  const { envelope } = decoded;
  if (allowedSources && !sourceAllowed(allowedSources, envelope.source))
    return refusedSource(l.line, envelope.source, allowedSources);
  return {
    kind: 'candidate',
    line: l.line,
    source: envelope.source,
    eventId: envelope.eventId,
    messageKey: messageKeyOf(topic, envelope),
    bytes: l.bytes,
  };
}

function refusedSource(line: number, source: string, allowed: readonly string[]): Judged {
  return {
    kind: 'refused',
    line,
    reason: 'source_not_allowed',
    violations: [
      {
        pointer: '/source',
        message: `该密钥不能以 ${escapeControlText(source)} 的名义报送（可用的来源：${allowed.join('、')}）`,
        rule: 'feed_key_sources',
      },
    ],
  };
}

/** The source a line claims, when it is a JSON object with a well-formed one; else null. */
export function claimedSource(bytes: Buffer): string | null {
  const v = parseObject(bytes);
  const source = v?.source;
  if (typeof source !== 'string') return null;
  const s = foldWidth(source).trim();
  return isWellFormedSource(s) ? s : null;
}

function parseObject(bytes: Buffer): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The topic a line's `schema` names, when it names a feed's schema. */
export function topicOfLine(bytes: Buffer): FeedTopic | undefined {
  const schema = parseObject(bytes)?.schema;
  return typeof schema === 'string' ? topicOfSchema(schema) : undefined;
}

export interface FeedCheckOptions {
  /** The feed topic of every line; else each line's own (by its `schema`), court.case-events when none. */
  topic?: FeedTopic;
  /** A feed key's allowed sources (patterns), to check lines as an upload with that key would. */
  allowedSources?: readonly string[];
}

/**
 * Offline check of an NDJSON feed (`zhijian feed validate`): each line's outcome as an upload
 * would answer it, with no database, Kafka or hub. A (source, eventId) seen earlier in the same
 * input is `duplicate`; what the hub already holds is not known offline.
 */
export async function* checkFeed(
  body: AsyncIterable<Buffer | string | Uint8Array>,
  decoder: EnvelopeDecoder,
  options: FeedCheckOptions = {},
): AsyncGenerator<LineOutcome> {
  const seen = new Set<string>();
  for await (const l of splitLines(body, UPLOAD_LIMITS.maxLineBytes)) {
    const topic = options.topic ?? (l.tooLong ? undefined : topicOfLine(l.bytes)) ?? 'court.case-events';
    yield outcomeOf(judgeLine(l, decoder, topic, options.allowedSources ?? null), seen);
  }
}

/** A judged line's answer; `seen` holds the (source, eventId) pairs accepted so far. */
export function outcomeOf(j: Judged, seen: Set<string>): LineOutcome {
  if (j.kind !== 'candidate')
    return {
      line: j.line,
      status: 'rejected',
      reason: j.reason,
      messageZh: uploadReasonZh(j.reason),
      violations: j.violations,
    };
  const pair = `${j.source}\u0000${j.eventId}`;
  const status = seen.has(pair) ? 'duplicate' : 'accepted';
  seen.add(pair);
  return { line: j.line, status, eventId: j.eventId };
}
