import {
  FEED_TOPICS,
  SCHEMA_BASE_URI,
  type FeedTopic,
  type JsonSchema,
  type ReasonCode,
  type SchemaRegistry,
} from '@zhijian/contracts';

/**
 * Sample feeds for producers (`zhijian feed samples <topic>`): one valid envelope of every event
 * type of a topic, made from the schema itself (so a new branch or field gets a sample without
 * code), and typical mistakes made from them, each with the reason the hub answers. The samples
 * spec runs every one through the decoder: valid ones are accepted, mistakes get their reason.
 */

export interface Sample {
  /** Valid: the event type (or the schema's name); a mistake: what is wrong, in Chinese. */
  title: string;
  /** The reason the hub answers; absent for a valid message. */
  expect?: ReasonCode;
  /** The line as sent (a mistake may be no JSON at all). */
  line: string;
}

/** A source authorized for every sample of its topic (the samples' places are Jiaxing 浙0803 / 330803). */
export const SAMPLE_SOURCES: Readonly<Record<FeedTopic, string>> = {
  'court.case-events': 'court:浙0803',
  'registry.tax': 'agency:tax:330800',
  'registry.bank': 'agency:bank:102',
  'registry.realestate': 'agency:realestate:330803',
  'registry.vehicle': 'agency:vehicle:330803',
  'registry.enterprise': 'agency:enterprise:330000',
  'procuratorate.petitions': 'procuratorate:330803',
};

const PERSON = { kind: 'person', name: '张三', idNo: '11010519491231002X' };
const ORG = { kind: 'org', name: '嘉兴某某有限公司', uscc: '91330000MA28A1234P' };
const CASE_NO = '（2024）浙0803执1234号';
const DATE = '2024-03-04';
const OCCURRED_AT = '2024-03-04T10:00:00+08:00';

/** Values of string properties by name, where the schema alone does not say enough. */
const BY_NAME: Readonly<Record<string, unknown>> = {
  bankCode: '102',
  accountNo: '6222021234567890',
  fromAccount: '6222021234567890',
  toAccount: '3301040000001234',
  vin: 'LSVAU2180N2183294',
  plate: '浙F12345',
  unitNo: '330803001001GB00001F00010001',
  address: '浙江省嘉兴市南湖区某路 1 号',
  description: '申请人提供被执行人名下车辆线索',
  summary: '反映法院终结本次执行程序后被执行人仍有房产未处置。',
  reason: '已履行完毕',
  clueId: 'clue-1',
  controlId: 'ctl-1',
  receiptId: 'rcpt-1',
  objectionId: 'obj-1',
};

interface Marks {
  money: string[];
  date: string[];
  idNo: string[];
  caseNo: string[];
  enums: { pointer: string; values: unknown[] }[];
}

class Generator {
  readonly marks: Marks = { money: [], date: [], idNo: [], caseNo: [], enums: [] };

  constructor(private readonly registry: SchemaRegistry) {}

  value(schema: JsonSchema, pointer: string, name: string): unknown {
    const ref = schema.$ref as string | undefined;
    const common = `${SCHEMA_BASE_URI}common/1#/$defs/`;
    if (ref?.startsWith(common)) return this.common(ref.slice(common.length), pointer);
    if (ref) return this.value(this.registry.resolveRef(ref) ?? {}, pointer, name);
    if (schema.const !== undefined) return schema.const;
    if (Array.isArray(schema.enum)) {
      this.marks.enums.push({ pointer, values: schema.enum as unknown[] });
      return (schema.enum as unknown[])[0];
    }
    if (Array.isArray(schema.examples) && schema.examples.length) return (schema.examples as unknown[])[0];
    if (name in BY_NAME) return BY_NAME[name];
    const type = Array.isArray(schema.type)
      ? (schema.type as string[])[0]
      : (schema.type as string | undefined);
    switch (type ?? '') {
      case 'object':
        return this.object(schema, pointer);
      case 'array': {
        const items = (schema.items as JsonSchema | undefined) ?? {};
        return [this.value(items, `${pointer}/0`, name)];
      }
      case 'boolean':
        return true;
      case 'integer':
      case 'number': {
        const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
        const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
        return type === 'integer' ? Math.ceil(min) : Math.min(max, Math.max(min, 35.5));
      }
      case 'string':
        return `示例${name}`;
      default:
        return schema.properties ? this.object(schema, pointer) : `示例${name}`;
    }
  }

  object(schema: JsonSchema, pointer: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    for (const [key, sub] of Object.entries(properties)) out[key] = this.value(sub, `${pointer}/${key}`, key);
    return out;
  }

  private common(name: string, pointer: string): unknown {
    switch (name) {
      case 'Money':
        this.marks.money.push(pointer);
        return '12345.67';
      case 'Date':
        this.marks.date.push(pointer);
        return DATE;
      case 'CaseNo':
        this.marks.caseNo.push(pointer);
        return CASE_NO;
      case 'Party':
        this.marks.idNo.push(`${pointer}/idNo`);
        return { ...PERSON };
      case 'AssetRef':
        return { kind: 'realestate', id: BY_NAME.unitNo };
      default:
        return null;
    }
  }
}

/** The branches of a schema: one per discriminator value, or the schema itself. */
function branches(schema: JsonSchema): { title: string; schema: JsonSchema }[] {
  const oneOf = schema.oneOf as JsonSchema[] | undefined;
  const tag = (schema.discriminator as { propertyName: string } | undefined)?.propertyName;
  if (!oneOf || !tag) return [{ title: '', schema }];
  return oneOf.map((b) => {
    const properties = { ...(schema.properties as object), ...(b.properties as object) };
    const value = (properties as Record<string, JsonSchema>)[tag]?.const;
    return { title: String(value), schema: { ...b, properties } };
  });
}

interface Made {
  title: string;
  envelope: Record<string, unknown>;
  marks: Marks;
}

/** One valid envelope per event type of the topic's newest schema major. */
function validEnvelopes(registry: SchemaRegistry, topic: FeedTopic): Made[] {
  const name = FEED_TOPICS[topic];
  const id = registry
    .ids()
    .filter((i) => i.startsWith(`${name}/`))
    .sort((a, b) => Number(b.split('/')[1]) - Number(a.split('/')[1]))[0];
  const compiled = id ? registry.get(id) : undefined;
  if (!compiled) throw new Error(`no schema for topic ${topic}`);
  return branches(compiled.schema).map((b, i) => {
    const g = new Generator(registry);
    const payload = g.object(b.schema, '/payload');
    adjust(topic, payload);
    return {
      title: b.title || compiled.id,
      marks: g.marks,
      envelope: {
        schema: compiled.id,
        eventId: `sample-${topic}-${i + 1}`,
        source: SAMPLE_SOURCES[topic],
        occurredAt: OCCURRED_AT,
        payload,
      },
    };
  });
}

/** Values that must agree with the sample's source (authorization) or with each other. */
function adjust(topic: FeedTopic, payload: Record<string, unknown>): void {
  if (topic === 'registry.enterprise') payload.company = { ...ORG };
  if (topic === 'registry.tax') payload.taxpayer = { ...ORG };
  if (topic === 'registry.bank' && payload.to) payload.to = { ...ORG };
  if (topic === 'court.case-events' && 'previousCaseNo' in payload) {
    payload.caseNo = '（2024）浙0803执恢12号';
    payload.previousCaseNo = CASE_NO;
  }
}

function at(
  obj: Record<string, unknown>,
  pointer: string,
): { parent: Record<string, unknown>; key: string } | null {
  const parts = pointer.split('/').slice(1);
  let cur: unknown = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null) return null;
    cur = (cur as Record<string, unknown>)[p];
  }
  if (typeof cur !== 'object' || cur === null) return null;
  return { parent: cur as Record<string, unknown>, key: parts[parts.length - 1]! };
}

function mutated(made: Made, pointer: string, value: unknown): Record<string, unknown> | null {
  const copy = structuredClone(made.envelope);
  const place = at(copy, pointer);
  if (!place || !(place.key in place.parent)) return null;
  if (value === undefined) delete place.parent[place.key];
  else place.parent[place.key] = value;
  return copy;
}

/** Typical mistakes, made from the topic's first valid sample. */
function mistakes(made: Made, topic: FeedTopic): Sample[] {
  const out: Sample[] = [];
  const add = (title: string, expect: ReasonCode, env: Record<string, unknown> | null) => {
    if (!env) return;
    const eventId = 'eventId' in env ? { eventId: `mistake-${out.length + 1}` } : {};
    out.push({ title, expect, line: JSON.stringify({ ...env, ...eventId }) });
  };
  const base = made.envelope;
  out.push({
    title: '不是合法的 JSON（行被截断）',
    expect: 'malformed_json',
    line: JSON.stringify(base).slice(0, 40),
  });
  add('schema 主版本号未知', 'unknown_schema', { ...base, schema: `${String(base.schema).split('/')[0]}/9` });
  add('缺少必填字段 eventId', 'schema_violation', mutated(made, '/eventId', undefined));
  const e = made.marks.enums[0];
  if (e)
    add(`${e.pointer} 取值不在允许的值中`, 'schema_violation', mutated(made, e.pointer, 'unknown_value'));
  const money = made.marks.money[0];
  if (money) add(`${money} 金额写成了 JSON 数字`, 'schema_violation', mutated(made, money, 12345.67));
  const id = made.marks.idNo[0];
  if (id) add(`${id} 公民身份号码校验码错误`, 'invalid_identifier', mutated(made, id, '110105194912310021'));
  const caseNo = made.marks.caseNo[0];
  if (caseNo)
    add(`${caseNo} 案号无法识别`, 'invalid_case_number', mutated(made, caseNo, '2024浙0803执字第1234'));
  if (caseNo && topic === 'court.case-events')
    add('法院报送了其他法院的案件', 'source_not_authorized', mutated(made, caseNo, '（2024）浙0802执1234号'));
  const date = made.marks.date[0];
  if (date) add(`${date} 日期早于 1949-10-01`, 'date_out_of_range', mutated(made, date, '1900-01-01'));
  add('业务时间在未来', 'future_dated', { ...base, occurredAt: '2099-01-01T00:00:00+08:00' });
  add('来源格式不符', 'schema_violation', { ...base, source: 'court-浙0803' });
  out.push({
    title: '文本含有 NUL 控制字符',
    expect: 'invalid_text',
    line: JSON.stringify({ ...base, eventId: `\u0000mistake-${out.length + 1}` }),
  });
  return out;
}

/** Valid samples (`count` of each event type, distinct eventIds) and the typical mistakes of a topic. */
export function feedSamples(
  registry: SchemaRegistry,
  topic: FeedTopic,
  count = 1,
): { valid: Sample[]; mistakes: Sample[] } {
  const made = validEnvelopes(registry, topic);
  const valid: Sample[] = [];
  for (let n = 0; n < count; n++)
    for (const m of made)
      valid.push({
        title: m.title,
        line: JSON.stringify(
          n === 0 ? m.envelope : { ...m.envelope, eventId: `${String(m.envelope.eventId)}-${n + 1}` },
        ),
      });
  return { valid, mistakes: mistakes(made[0]!, topic) };
}
