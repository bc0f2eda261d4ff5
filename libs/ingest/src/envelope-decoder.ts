import {
  FEED_TOPICS,
  SCHEMA_BASE_URI,
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
  parseMoneyToFen,
} from '@zhijian/normalize';

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
}

/**
 * Validates a message against the envelope and its payload schema, then normalizes it.
 * Normalization is driven by the schema itself: every value whose schema is a common
 * type (Money, Date, CaseNo, Party) gets that type's normalizer, so a new field of a
 * known type is normalized without code.
 */
export class EnvelopeDecoder {
  constructor(private readonly registry: SchemaRegistry) {}

  decode(bytes: Buffer | string, topic: FeedTopic): Decoded {
    let raw: unknown;
    try {
      raw = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
    } catch (e) {
      return reject('malformed_json', [{ pointer: '/', message: (e as Error).message }]);
    }
    const envelopeSchema = this.registry.get('envelope/1')!;
    if (!envelopeSchema.validate(raw)) {
      return reject('schema_violation', toViolations(envelopeSchema.validate.errors));
    }
    const env = raw as Envelope;
    const payloadSchema = this.registry.get(env.schema);
    const expectedName = FEED_TOPICS[topic];
    if (!payloadSchema || payloadSchema.name !== expectedName) {
      const message = payloadSchema
        ? `schema ${env.schema} is not carried on topic ${topic} (expected ${expectedName}/<major>)`
        : `unknown schema ${env.schema}; known: ${this.registry
            .ids()
            .filter((id) => id.startsWith(expectedName + '/'))
            .join(', ')}`;
      return reject('unknown_schema', [{ pointer: '/schema', message }]);
    }
    if (!payloadSchema.validate(env.payload)) {
      return reject('schema_violation', toViolations(payloadSchema.validate.errors, '/payload'));
    }
    const issues: Issues = { identifier: [], caseNumber: [], schema: [] };
    const payload = this.normalize(env.payload, payloadSchema.schema, '/payload', issues);
    if (issues.identifier.length)
      return reject('invalid_identifier', [...issues.identifier, ...issues.caseNumber]);
    if (issues.caseNumber.length) return reject('invalid_case_number', issues.caseNumber);
    if (issues.schema.length) return reject('schema_violation', issues.schema);
    const envelope: Envelope = {
      schema: env.schema,
      eventId: env.eventId,
      source: foldWidth(env.source).trim(),
      occurredAt: new Date(env.occurredAt).toISOString(),
      payload: payload as Record<string, unknown>,
    };
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
        if (fen.ok) return fen.value;
        issues.schema.push({ pointer, message: fen.error.message, check: fen.error.check });
        return value;
      }
      case 'Date': {
        const date = parseDate(String(value).trim());
        if (date.ok) return date.value;
        issues.schema.push({ pointer, message: date.error.message, check: date.error.check });
        return value;
      }
      case 'CaseNo': {
        const parsed = parseCaseNumber(String(value));
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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
