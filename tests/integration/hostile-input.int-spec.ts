import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { caseFiled, idCardOf, realEstateEvent, usccOf, type WireEnvelope } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Hostile messages (spec §6) through the real Kafka consumer and the real upload endpoint: each
 * is quarantined with its reason and never stops the valid message behind it on the same
 * partition; the upload answers each line with the same reason the consumer gives.
 */

const court = '浙0803';
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

let serial = 0;
/** A valid court event of its own case, `tag` in its event id and case number. */
function filed(tag: string, over: (e: WireEnvelope) => void = () => undefined): WireEnvelope {
  const n = ++serial;
  const e = caseFiled({
    eventId: `h-${tag}-${n}`,
    courtCode: court,
    caseNo: `（2024）${court}执${9000 + n}号`,
    filedOn: '2024-01-10',
    claimFen: 1_000_000,
    applicants: [{ ...bank }], // a copy: hostile cases change it
    respondents: [{ kind: 'person', name: `被执行人${n}`, idNo: idCardOf('330803', '1980-01-01', n % 1000) }],
  });
  over(e);
  return e;
}

function flat(tag: string, source: string, adminCode: string): WireEnvelope {
  const n = ++serial;
  const e = realEstateEvent({
    eventId: `h-${tag}-${n}`,
    adminCode,
    unitNo: `${adminCode}001001GB0000${String(n).padStart(4, '0')}`,
    event: 'first_registration',
    owners: [{ ...bank }],
    registeredOn: '2024-03-10',
  });
  e.source = source;
  return e;
}

const json = (e: unknown) => JSON.stringify(e);

interface Hostile {
  name: string;
  topic: FeedTopic;
  value: Buffer | string;
  reason: string;
  /** Kafka key (default: the canary's case number or unit number); may hold NUL. */
  key?: string;
  headers?: Record<string, string>;
  /** Not sent by upload (a transport-level case: the key or headers). */
  kafkaOnly?: boolean;
}

const caseNoOf = (e: WireEnvelope) => String(e.payload.caseNo);
const deep = (levels: number) =>
  `{"schema":"court.case-event/1","eventId":"deep","source":"court:${court}","occurredAt":"2024-01-10T02:00:00Z","payload":${'['.repeat(levels)}${']'.repeat(levels)}}`;

const HOSTILE: Hostile[] = [
  {
    name: 'NUL in a payload string',
    topic: 'court.case-events',
    value: json(filed('nul-str', (e) => (e.payload.note = 'a\u0000b'))),
    reason: 'invalid_text',
  },
  {
    name: 'NUL in a name',
    topic: 'court.case-events',
    value: json(
      filed('nul-name', (e) => ((e.payload.applicants as { name: string }[])[0]!.name = '某\u0000银行')),
    ),
    reason: 'invalid_text',
  },
  {
    name: 'NUL in the eventId',
    topic: 'court.case-events',
    value: json(filed('nul-id', (e) => (e.eventId = 'h-nul\u0000-id'))),
    reason: 'invalid_text',
  },
  {
    name: 'NUL in a JSON key',
    topic: 'court.case-events',
    value: json(filed('nul-key', (e) => (e.payload['ke\u0000y'] = 1))),
    reason: 'invalid_text',
  },
  {
    name: 'a raw NUL byte',
    topic: 'court.case-events',
    value: Buffer.from(json(filed('raw-nul')).replace('"case.filed"', '"case.\u0000filed"'), 'utf8'),
    reason: 'invalid_text',
  },
  {
    name: 'NUL in the Kafka key and a header of a malformed message',
    topic: 'court.case-events',
    value: '{"schema":"court.case-event/1",',
    key: 'key\u0000with-nul',
    headers: { 'x-trace\u0000': 'a\u0000b', 'x-lone': '\ud800' },
    reason: 'malformed_json',
    kafkaOnly: true,
  },
  {
    name: 'a lone surrogate',
    topic: 'court.case-events',
    value: json(filed('lone', (e) => (e.payload.note = 'x\ud800y'))),
    reason: 'invalid_text',
  },
  {
    name: 'occurredAt 0000-01-01T00:00:00Z',
    topic: 'court.case-events',
    value: json(filed('year0', (e) => (e.occurredAt = '0000-01-01T00:00:00Z'))),
    reason: 'date_out_of_range',
  },
  {
    name: 'filedOn 1900-01-01',
    topic: 'court.case-events',
    value: json(filed('y1900', (e) => (e.payload.filedOn = '1900-01-01'))),
    reason: 'date_out_of_range',
  },
  { name: 'nesting 5,000', topic: 'court.case-events', value: deep(5_000), reason: 'too_deep' },
  { name: 'nesting 100,000', topic: 'court.case-events', value: deep(100_000), reason: 'too_deep' },
  {
    name: 'over the size limit',
    topic: 'court.case-events',
    value: json(filed('big', (e) => (e.payload.note = 'x'.repeat(950 * 1024)))),
    reason: 'too_large',
  },
  {
    name: 'invalid UTF-8',
    topic: 'court.case-events',
    value: Buffer.concat([Buffer.from(json(filed('utf8')).slice(0, 30)), Buffer.from([0xc3, 0x28, 0xff])]),
    reason: 'malformed_json',
  },
  {
    name: 'occurredAt 5 years ahead',
    topic: 'court.case-events',
    value: json(
      filed('ahead', (e) => (e.occurredAt = new Date(Date.now() + 5 * 365 * 86_400_000).toISOString())),
    ),
    reason: 'future_dated',
  },
  {
    name: 'filedOn 5 years ahead',
    topic: 'court.case-events',
    value: json(
      filed(
        'ahead-on',
        (e) => (e.payload.filedOn = new Date(Date.now() + 5 * 365 * 86_400_000).toISOString().slice(0, 10)),
      ),
    ),
    reason: 'future_dated',
  },
  {
    name: "a court writing another court's case",
    topic: 'court.case-events',
    value: json(filed('other-court', (e) => (e.source = 'court:浙0802'))),
    reason: 'source_not_authorized',
  },
  {
    name: 'money over 10^15 fen',
    topic: 'court.case-events',
    value: json(filed('money', (e) => (e.payload.claimAmount = '99999999999999.00'))),
    reason: 'schema_violation',
  },
  {
    name: 'a leap second the Date type cannot hold',
    topic: 'court.case-events',
    value: json(filed('leap', (e) => (e.occurredAt = '2016-12-31T23:59:60Z'))),
    reason: 'schema_violation',
  },
  {
    name: 'an agency outside its area',
    topic: 'registry.realestate',
    value: json(flat('area', 'agency:realestate:330803', '330802')),
    reason: 'source_not_authorized',
  },
  {
    name: 'an agency of another kind',
    topic: 'registry.realestate',
    value: json(flat('kind', 'agency:tax:330803', '330803')),
    reason: 'source_not_authorized',
  },
];

/** The valid message sent right behind a hostile one, on the same partition (same key). */
function canaryFor(h: Hostile, i: number, transport: 'kafka' | 'http'): WireEnvelope {
  return h.topic === 'registry.realestate'
    ? flat(`canary-${transport}-${i}`, 'agency:realestate:330803', '330803')
    : filed(`canary-${transport}-${i}`);
}

const keyOf = (e: WireEnvelope) => (e.schema.startsWith('court.') ? caseNoOf(e) : String(e.payload.unitNo));

describe('hostile input: quarantined with its reason, never stopping the feed (Kafka and upload)', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('Kafka: every hostile message is quarantined with its reason, every canary behind it is accepted', async () => {
    const sent: { h: Hostile; canary: WireEnvelope; topic: string; partition: number; offset: string }[] = [];
    for (const [i, h] of HOSTILE.entries()) {
      const canary = canaryFor(h, i, 'kafka');
      const key = h.key ?? keyOf(canary);
      const topic = physicalTopic(env.config.topicPrefix, h.topic);
      const [meta] = await (await env.producerOf(h.topic)).send({
        topic,
        messages: [
          { key, value: h.value, ...(h.headers ? { headers: h.headers } : {}) },
          { key, value: json(canary) },
        ],
      });
      sent.push({ h, canary, topic, partition: meta!.partition, offset: meta!.baseOffset! });
    }

    const canaryIds = sent.map((s) => s.canary.eventId);
    await waitFor(
      'every canary in the raw log',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events where event_id = any($1)`, [
          canaryIds,
        ])) === canaryIds.length,
      120_000,
    );
    const rows: {
      id: string;
      topic: string;
      partition: number;
      offset: string;
      reason: string;
      key: string | null;
      headers: Record<string, string>;
      raw: Buffer;
      violations: { pointer: string; message: string }[];
    }[] = await env.db.query(
      `select id::text, topic, kafka_partition as partition, kafka_offset::text as "offset", reason, message_key as key,
                headers, raw, violations
         from quarantine where kafka_partition >= 0`,
    );
    const at = new Map(rows.map((r) => [`${r.topic}/${r.partition}/${r.offset}`, r]));
    const got = sent.map((s) => [s.h.name, at.get(`${s.topic}/${s.partition}/${s.offset}`)?.reason]);
    expect(got).toEqual(sent.map((s) => [s.h.name, s.h.reason]));
    expect(rows).toHaveLength(HOSTILE.length);

    for (const s of sent) {
      const row = at.get(`${s.topic}/${s.partition}/${s.offset}`)!;
      // Kept whole: the bytes exactly as received, whatever they are.
      expect(Buffer.compare(row.raw, Buffer.from(s.h.value))).toBe(0);
      expect(JSON.stringify(row.violations)).not.toContain(String.fromCharCode(0));
    }
    const nulKey = sent.find((s) => s.h.key)!;
    const nulRow = at.get(`${nulKey.topic}/${nulKey.partition}/${nulKey.offset}`)!;
    expect(nulRow.key).toBe('key\\u0000with-nul');
    expect(nulRow.headers).toMatchObject({ 'x-trace\\u0000': 'a\\u0000b' });

    // The DLQ copy of each is made too (the relay copies what the consumer could not).
    await waitFor(
      'every quarantined message copied to its DLQ topic',
      async () =>
        (await countOf(
          env.db,
          `select count(*)::int as n from quarantine where dlq_published_at is null`,
        )) === 0,
      60_000,
    );

    // The quarantine API shows each with its reason in Chinese, and the NUL-keyed row reads back.
    const operator = await env.token('operator', '330000');
    const res = await fetch(`${env.baseUrl}/v1/quarantine?reason=too_deep&limit=10`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: { reason: string; messageZh: string }[] };
    expect(page.items).toHaveLength(2);
    for (const item of page.items) expect(item.messageZh).toBe('消息嵌套层数超过上限');
    const detail = await fetch(`${env.baseUrl}/v1/quarantine/${nulRow.id}`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ key: 'key\\u0000with-nul', reason: 'malformed_json' });

    const counts: { topic: string; n: number }[] = await env.db.query(
      `select topic, count(*)::int as n from raw_events where event_id = any($1) group by topic order by topic`,
      [canaryIds],
    );
    expect(counts).toEqual([
      { topic: 'court.case-events', n: HOSTILE.filter((h) => h.topic === 'court.case-events').length },
      { topic: 'registry.realestate', n: HOSTILE.filter((h) => h.topic === 'registry.realestate').length },
    ]);
  }, 180_000);

  it('upload: answers each hostile line with the reason the consumer gives, and accepts each canary', async () => {
    const key = await env.createFeedKey(
      ['court:*', 'agency:realestate:*', 'agency:tax:*'],
      ['court.case-events', 'registry.realestate'],
      '敌意输入测试',
    );
    const byTopic = new Map<FeedTopic, { h: Hostile; canary: WireEnvelope }[]>();
    HOSTILE.forEach((h, i) => {
      if (h.kafkaOnly) return;
      byTopic.set(h.topic, [...(byTopic.get(h.topic) ?? []), { h, canary: canaryFor(h, i, 'http') }]);
    });
    for (const [topic, items] of byTopic) {
      const body = Buffer.concat(
        items.flatMap(({ h, canary }) => [Buffer.from(h.value), Buffer.from(`\n${json(canary)}\n`)]),
      );
      const outcomes = await upload(topic, body, key);
      expect(outcomes).toHaveLength(items.length * 2);
      items.forEach(({ h, canary }, i) => {
        const hostile = outcomes[2 * i]!;
        const behind = outcomes[2 * i + 1]!;
        expect([h.name, hostile.status, hostile.reason]).toEqual([h.name, 'rejected', h.reason]);
        expect(hostile.messageZh).toMatch(/[\u4e00-\u9fff]/);
        expect([h.name, behind.status, behind.eventId]).toEqual([h.name, 'accepted', canary.eventId]);
      });
    }
    // The accepted lines went through Kafka into the raw log; the rejected ones (but the over-long) are quarantined.
    const canaryIds = [...byTopic.values()].flat().map((x) => x.canary.eventId);
    await waitFor(
      'every uploaded canary in the raw log',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events where event_id = any($1)`, [
          canaryIds,
        ])) === canaryIds.length,
      120_000,
    );
    const quarantined: { reason: string; n: number }[] = await env.db.query(
      `select reason, count(*)::int as n from quarantine where kafka_partition = -1 group by reason order by reason`,
    );
    const expected = new Map<string, number>();
    for (const h of HOSTILE) {
      if (h.kafkaOnly || h.reason === 'too_large') continue; // an over-long line's bytes are not kept
      expected.set(h.reason, (expected.get(h.reason) ?? 0) + 1);
    }
    expect(quarantined).toEqual(
      [...expected].map(([reason, n]) => ({ reason, n })).sort((a, b) => a.reason.localeCompare(b.reason)),
    );
  }, 180_000);

  /** Posts an NDJSON body and returns the per-line outcomes (not the summary). */
  function upload(
    topic: string,
    body: Buffer,
    key: string,
  ): Promise<{ line: number; status: string; reason?: string; messageZh?: string; eventId?: string }[]> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${env.baseUrl}/v1/feeds/${topic}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
        },
        (res) => {
          const outcomes: { line: number; status: string }[] = [];
          const lines = createInterface({ input: res, crlfDelay: Infinity });
          lines.on('line', (text) => {
            const o = JSON.parse(text) as Record<string, unknown>;
            if (res.statusCode !== 200) reject(new Error(`upload answered ${res.statusCode}: ${text}`));
            else if ('error' in o) reject(new Error(`upload failed: ${text}`));
            else if (!('summary' in o)) outcomes.push(o as { line: number; status: string });
          });
          lines.on('close', () => resolve(outcomes));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
});
