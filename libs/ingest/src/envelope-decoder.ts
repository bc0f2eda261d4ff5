import type { HubConfig } from '@zhijian/config';
import {
  FEED_TOPICS,
  SCHEMA_BASE_URI,
  sanitizeViolations,
  toViolations,
  type Envelope,
  type FeedTopic,
  type JsonSchema,
  type Rejection,
  type SchemaRegistry,
  type Violation,
} from '@zhijian/contracts';
import {
  canonicalIdentifier,
  cleanName,
  cleanText,
  foldWidth,
  normalizeIdCard,
  normalizeUscc,
  parseCaseNumber,
  parseDate,
  parseInstant,
  parseMoneyToFen,
} from '@zhijian/domain';
import {
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeText,
  scanText,
  walkValues,
  type GuardFailure,
} from './message-guards';
import { SourceAuthorization } from './source-authorization';
import { explainViolations } from './violation-messages';
import { businessTimeProblem, dateProblem, DEFAULT_SKEW_TOLERANCE_MS, MAX_FEN } from './business-time';

/** The limits and collaborators of a decoder (HubConfig's maxMessageBytes, maxJsonDepth, skewToleranceMs). */
export interface DecoderOptions {
  maxMessageBytes: number;
  maxJsonDepth: number;
  /** How far ahead of now business time may be (future_dated beyond). */
  skewToleranceMs: number;
  /** The wall clock; tests inject their own. */
  now: () => Date;
  authorization: SourceAuthorization;
}

/** The decoder of a hub: its limits from the configuration, the grants of the reference file, the wall clock. */
export function decoderFor(registry: SchemaRegistry, config: HubConfig): EnvelopeDecoder {
  return new EnvelopeDecoder(registry, {
    maxMessageBytes: config.maxMessageBytes,
    maxJsonDepth: config.maxJsonDepth,
    skewToleranceMs: config.skewToleranceMs,
  });
}

export type Decoded = { ok: true; envelope: Envelope; raw: unknown } | { ok: false; rejection: Rejection };

const COMMON = `${SCHEMA_BASE_URI}common/1#/$defs/`;

/**
 * String properties that hold a registry identifier, by name: they get the canonical form
 * (widths folded, no spaces, upper case) so that they match each other across feeds and
 * the ids of AssetRefs.
 */
const IDENTIFIER_PROPERTIES: ReadonlySet<string> = new Set([
  'accountNo',
  'fromAccount',
  'toAccount',
  'bankCode',
  'vin',
  'unitNo',
  'plate',
]);

/** AssetRef kinds whose id is one of those identifiers (or a USCC); `other` ids are only stripped of spaces. */
const IDENTIFIER_ASSET_KINDS: ReadonlySet<string> = new Set([
  'realestate',
  'bank_account',
  'vehicle',
  'equity',
]);

interface Issues {
  identifier: Violation[];
  caseNumber: Violation[];
  schema: Violation[];
  dateRange: Violation[];
  future: Violation[];
  /** Court code of every 案号, for source authorization. */
  caseCourts: { pointer: string; courtCode: string }[];
  /** now + tolerance, fixed once per message. */
  latest: Date;
}

/**
 * Validates a message against the envelope and its payload schema, then normalizes it.
 * Normalization is driven by the schema itself: every value whose schema is a common
 * type (Money, Date, CaseNo, Party) gets that type's normalizer, so a new field of a
 * known type is normalized without code.
 */
export class EnvelopeDecoder {
  private readonly options: DecoderOptions;

  constructor(
    private readonly registry: SchemaRegistry,
    options: Partial<DecoderOptions> = {},
  ) {
    this.options = {
      maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      maxJsonDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH,
      skewToleranceMs: options.skewToleranceMs ?? DEFAULT_SKEW_TOLERANCE_MS,
      now: options.now ?? (() => new Date()),
      authorization: options.authorization ?? SourceAuthorization.load(),
    };
  }

  /**
   * Accepts or rejects one message with spec §6's reason. Bytes are checked before they are
   * parsed (size, UTF-8, nesting depth, raw control characters), the parsed value before anything
   * recursive sees it (control characters and lone surrogates in every key and string), then the
   * schemas, the common types, business time and the source's authorization. Every violation's
   * pointer and message is free of control characters, so the rejection is always storable.
   */
  decode(bytes: Buffer | string, topic: FeedTopic): Decoded {
    const decoded = this.decodeUnsanitized(bytes, topic);
    if (decoded.ok) return decoded;
    const { reason, violations } = decoded.rejection;
    return reject(reason, sanitizeViolations(explainViolations(reason, violations)));
  }

  private decodeUnsanitized(bytes: Buffer | string, topic: FeedTopic): Decoded {
    const text = decodeText(bytes, this.options.maxMessageBytes);
    if (!('text' in text)) return rejectWith(text);
    const scanned = scanText(text.text, this.options.maxJsonDepth);
    if (scanned) return rejectWith(scanned);
    let raw: unknown;
    try {
      raw = JSON.parse(text.text);
    } catch (e) {
      // V8's message quotes the text around the error, which may hold personal data: only its position is kept.
      const at = /position (\d+)/.exec((e as Error).message)?.[1];
      return reject('malformed_json', [
        { pointer: '/', message: `不是合法的 JSON${at ? `（第 ${at} 个字符处）` : ''}`, check: 'json' },
      ]);
    }
    const walked = walkValues(raw);
    if (walked) return rejectWith(walked);
    const envelopeSchema = this.registry.get('envelope/1')!;
    if (!envelopeSchema.validate(raw)) {
      return reject('schema_violation', toViolations(envelopeSchema.validate.errors));
    }
    const env = raw as Envelope;
    // RFC 3339 allows a space for the T; the schema's date-time format does too.
    const occurredAt = parseInstant(env.occurredAt.replace(/^(\d{4}-\d{2}-\d{2})\s/, '$1T'));
    if (!occurredAt.ok) {
      // Year 0000 is no calendar date, but what is wrong with it is the range.
      const day = /^(\d{4}-\d{2}-\d{2})[Tt\s]/.exec(env.occurredAt)?.[1];
      const range = day ? dateProblem(day, 'occurredAt', latestOf(this.options)) : null;
      if (range?.reason === 'date_out_of_range')
        return reject(range.reason, [
          { pointer: '/occurredAt', message: `/occurredAt ${range.message}`, check: range.check },
        ]);
      return reject('schema_violation', [
        { pointer: '/occurredAt', message: occurredAt.error.message, check: occurredAt.error.check },
      ]);
    }
    const latest = latestOf(this.options);
    const instantProblem = businessTimeProblem(occurredAt.value, latest);
    if (instantProblem) {
      return reject(instantProblem.reason, [
        {
          pointer: '/occurredAt',
          message: `/occurredAt ${instantProblem.message}`,
          check: instantProblem.check,
        },
      ]);
    }
    const payloadSchema = this.registry.get(env.schema);
    const expectedName = FEED_TOPICS[topic];
    if (!payloadSchema || payloadSchema.name !== expectedName) {
      const known = this.registry
        .ids()
        .filter((id) => id.startsWith(expectedName + '/'))
        .join('、');
      const message = payloadSchema
        ? `字段 /schema：${env.schema} 不在主题 ${topic} 上传送（规则 topic；允许的值：${known}）`
        : `字段 /schema：未知的 schema ${env.schema}（规则 known_schema；允许的值：${known}）`;
      return reject('unknown_schema', [{ pointer: '/schema', message, rule: 'known_schema' }]);
    }
    if (!payloadSchema.validate(env.payload)) {
      return reject('schema_violation', toViolations(payloadSchema.validate.errors, '/payload'));
    }
    const issues: Issues = {
      identifier: [],
      caseNumber: [],
      schema: [],
      dateRange: [],
      future: [],
      caseCourts: [],
      latest,
    };
    const payload = this.normalize(env.payload, payloadSchema.schema, '/payload', issues);
    // A date PostgreSQL cannot store goes first: whatever else is wrong, that would fail the batch.
    if (issues.dateRange.length) return reject('date_out_of_range', issues.dateRange);
    if (issues.identifier.length)
      return reject('invalid_identifier', [...issues.identifier, ...issues.caseNumber]);
    if (issues.caseNumber.length) return reject('invalid_case_number', issues.caseNumber);
    if (issues.schema.length) return reject('schema_violation', issues.schema);
    if (issues.future.length) return reject('future_dated', issues.future);
    const envelope: Envelope = {
      schema: env.schema,
      eventId: env.eventId,
      source: foldWidth(env.source).trim(),
      occurredAt: occurredAt.value.toISOString(),
      payload: payload as Record<string, unknown>,
    };
    const denied = this.options.authorization.check({
      topic,
      source: envelope.source,
      payload: envelope.payload,
      caseCourts: issues.caseCourts,
    });
    if (denied.length) return reject('source_not_authorized', denied);
    return { ok: true, envelope, raw };
  }

  private normalize(value: unknown, schema: JsonSchema, pointer: string, issues: Issues): unknown {
    const ref = schema.$ref as string | undefined;
    if (ref?.startsWith(COMMON))
      return this.normalizeCommon(ref.slice(COMMON.length), value, pointer, issues);
    if (ref) return this.normalize(value, this.registry.resolveRef(ref) ?? {}, pointer, issues);

    const oneOf = schema.oneOf as JsonSchema[] | undefined;
    const discriminator = (schema.discriminator as { propertyName: string } | undefined)?.propertyName;
    if (oneOf && discriminator && isObject(value)) {
      const branch = oneOf.find(
        (b) => (b.properties as Record<string, JsonSchema>)[discriminator]?.const === value[discriminator],
      );
      return branch ? this.normalize(value, branch, pointer, issues) : value;
    }
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (properties && isObject(value)) {
      const out: Record<string, unknown> = { ...value };
      for (const [key, sub] of Object.entries(properties)) {
        if (!(key in value)) continue;
        const v = value[key];
        out[key] =
          IDENTIFIER_PROPERTIES.has(key) && typeof v === 'string' && sub.type === 'string'
            ? canonicalIdentifier(v)
            : this.normalize(v, sub, `${pointer}/${key}`, issues);
      }
      return out;
    }
    const items = schema.items as JsonSchema | undefined;
    if (items && Array.isArray(value))
      return value.map((v, i) => this.normalize(v, items, `${pointer}/${i}`, issues));
    if (typeof value === 'string' && schema.type === 'string') return cleanText(value);
    return value;
  }

  private normalizeCommon(name: string, value: unknown, pointer: string, issues: Issues): unknown {
    switch (name) {
      case 'Money': {
        const fen = parseMoneyToFen(foldWidth(String(value)).trim());
        if (fen.ok && fen.value <= MAX_FEN) return fen.value;
        issues.schema.push(
          fen.ok || fen.error.check === 'range'
            ? {
                pointer,
                message: `${pointer} 金额超出合理范围（至多 ${MAX_FEN / 100} 元）`,
                check: 'out_of_range',
              }
            : { pointer, message: fen.error.message, check: fen.error.check },
        );
        return value;
      }
      case 'Date': {
        const text = foldWidth(String(value)).trim();
        const field = pointer.slice(pointer.lastIndexOf('/') + 1);
        const problem = dateProblem(text, field, issues.latest);
        if (problem) {
          const violation = { pointer, message: `${pointer} ${problem.message}`, check: problem.check };
          (problem.reason === 'date_out_of_range' ? issues.dateRange : issues.future).push(violation);
        }
        const date = parseDate(text);
        if (date.ok) return date.value;
        if (!problem) issues.schema.push({ pointer, message: date.error.message, check: date.error.check });
        return value;
      }
      case 'CaseNo': {
        const parsed = parseCaseNumber(String(value));
        if (parsed.ok) issues.caseCourts.push({ pointer, courtCode: parsed.value.courtCode });
        if (parsed.ok) return parsed.value.canonical;
        issues.caseNumber.push({ pointer, message: parsed.error.message, check: parsed.error.check });
        return value;
      }
      case 'Party':
        return this.normalizeParty(value as Record<string, unknown>, pointer, issues);
      case 'AssetRef': {
        const ref = value as Record<string, unknown>;
        const id = String(ref.id);
        return {
          ...ref,
          id: IDENTIFIER_ASSET_KINDS.has(String(ref.kind))
            ? canonicalIdentifier(id)
            : foldWidth(id).replace(/\s+/g, ''),
        };
      }
      default:
        return value;
    }
  }

  private normalizeParty(
    party: Record<string, unknown>,
    pointer: string,
    issues: Issues,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = { ...party, name: cleanName(String(party.name)) };
    if (typeof party.idNo === 'string') {
      const id = normalizeIdCard(party.idNo);
      if (id.ok) out.idNo = id.value.value;
      else
        issues.identifier.push({
          pointer: `${pointer}/idNo`,
          message: id.error.message,
          check: id.error.check,
        });
    }
    if (typeof party.uscc === 'string') {
      const uscc = normalizeUscc(party.uscc);
      if (uscc.ok) out.uscc = uscc.value;
      else
        issues.identifier.push({
          pointer: `${pointer}/uscc`,
          message: uscc.error.message,
          check: uscc.error.check,
        });
    }
    return out;
  }
}

function reject(reason: Rejection['reason'], violations: Violation[]): Decoded {
  return { ok: false, rejection: { reason, violations } };
}

/** The latest business time taken: now plus the tolerance. */
function latestOf(options: DecoderOptions): Date {
  return new Date(options.now().getTime() + options.skewToleranceMs);
}

function rejectWith(failure: GuardFailure): Decoded {
  return reject(failure.reason, failure.violations);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
