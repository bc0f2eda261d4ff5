import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import {
  REASON_CODES,
  SchemaRegistry,
  physicalTopic,
  topicOfSchema,
  type FeedTopic,
} from '@zhijian/contracts';
import {
  DlqPublisher,
  EnvelopeDecoder,
  IngestService,
  ensureTopics,
  kafkaClient,
  type InboundMessage,
} from '@zhijian/ingest';
import {
  bankSnapshot,
  bankTransfer,
  caseClosed,
  caseFiled,
  caseRestored,
  equityChange,
  idCardOf,
  petition,
  realEstateEvent,
  taxRecord,
  usccOf,
  vehicleEvent,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { createTestEnv, type TestEnv } from '@zhijian/testing';
import type { Producer } from 'kafkajs';

/**
 * Fuzz of the ingest path: fast-check builds FUZZ_BATCHES (default 50) batches of 1,000 messages
 * across every feed schema — valid envelopes from the simulator's builders, and mutations of them:
 * bytes flipped, cut short, fields deleted or retyped, strings with NUL, control characters and
 * lone surrogates, bad dates and numbers, huge and deeply nested JSON, not JSON at all — and runs
 * each batch through the decoder and the real ingest transaction (`IngestService.ingestBatch`) on
 * this spec's own database. Every message must end in the raw log or in quarantine with a reason
 * code (counted by offset), every unmutated one in the raw log, and a valid message after each
 * batch must be accepted. FUZZ_SEED=<n> replays a run; FUZZ_SEED and FUZZ_PATH printed on a failure replay that batch.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
// 50 batches of 1,001: every mutation kind in every batch (the rarest, huge JSON, ~2 a batch; about
// a hundred a run), half the time of 100 in the test command; FUZZ_BATCHES=100 or more for a longer run.
const BATCHES = Number(process.env.FUZZ_BATCHES ?? 50);
/** fast-check's path of one failed batch (printed with its seed): replays that batch alone. */
const PATH = process.env.FUZZ_PATH;
const BATCH_SIZE = 1_000;

// ---------------------------------------------------------------- valid envelopes, from the simulator

const COURTS = ['浙0803', '浙0802', '浙0102', '浙08', '浙01'] as const;
const AREAS = ['330803', '330802', '330102', '330106'] as const;

const isoDay = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const day = isoDay('2016-01-01', '2025-12-31');
const fen = fc.integer({ min: 0, max: 5_000_000_000 });
const person: fc.Arbitrary<WireParty> = fc
  .record({
    area: fc.constantFrom(...AREAS),
    birth: isoDay('1950-01-01', '2000-12-31'),
    seq: fc.nat(999),
    n: fc.nat(9999),
  })
  .map(({ area, birth, seq, n }) => ({
    kind: 'person',
    name: `当事人${n}`,
    idNo: idCardOf(area, birth, seq),
  }));
const org: fc.Arbitrary<WireParty> = fc
  .record({ area: fc.constantFrom(...AREAS), serial: fc.integer({ min: 1, max: 9_999_999 }) })
  .map(({ area, serial }) => ({ kind: 'org', name: `某某有限公司${serial}`, uscc: usccOf(area, serial) }));
const party = fc.oneof(person, org);
const caseNo = fc
  .record({
    year: fc.integer({ min: 2016, max: 2025 }),
    court: fc.constantFrom(...COURTS),
    n: fc.integer({ min: 1, max: 99_999 }),
  })
  .map(({ year, court, n }) => ({ court, caseNo: `（${year}）${court}执${n}号` }));
const ID = 'placeholder';

const validEnvelope: fc.Arbitrary<WireEnvelope> = fc.oneof(
  fc
    .record({
      c: caseNo,
      filedOn: day,
      claimFen: fen,
      applicants: fc.array(party, { minLength: 1, maxLength: 3 }),
      respondents: fc.array(party, { minLength: 1, maxLength: 3 }),
    })
    .map(({ c, ...r }) => caseFiled({ eventId: ID, courtCode: c.court, caseNo: c.caseNo, ...r })),
  fc
    .record({
      c: caseNo,
      closedOn: day,
      method: fc.constantFrom('fully_performed', 'terminated_this_round', 'terminated', 'withdrawn'),
      recoveredFen: fen,
    })
    .map(({ c, ...r }) => caseClosed({ eventId: ID, courtCode: c.court, caseNo: c.caseNo, ...r })),
  fc
    .record({ c: caseNo, previous: fc.integer({ min: 1, max: 99_999 }), restoredOn: day })
    .map(({ c, previous, restoredOn }) =>
      caseRestored({
        eventId: ID,
        courtCode: c.court,
        caseNo: c.caseNo,
        previousCaseNo: `（2016）${c.court}执${previous}号`,
        restoredOn,
      }),
    ),
  fc
    .record({
      area: fc.constantFrom(...AREAS),
      unit: fc.nat(99_999),
      owners: fc.array(party, { minLength: 1, maxLength: 2 }),
      registeredOn: day,
      event: fc.constantFrom('first_registration', 'transfer'),
    })
    .map(({ area, unit, ...r }) =>
      realEstateEvent({
        eventId: ID,
        adminCode: area,
        unitNo: `${area}001001GB${String(unit).padStart(5, '0')}F0001`,
        ...r,
      }),
    ),
  fc
    .record({
      taxpayer: party,
      year: fc.integer({ min: 2016, max: 2025 }),
      q: fc.integer({ min: 1, max: 4 }),
      taxPaidFen: fen,
      recordedOn: day,
    })
    .map(({ year, q, ...r }) =>
      taxRecord({ eventId: ID, authority: '330803', period: `${year}-Q${q}`, ...r }),
    ),
  fc
    .record({ holder: party, account: fc.nat(99_999_999), openedOn: day, balanceFen: fen, asOf: day })
    .map(({ account, ...r }) =>
      bankSnapshot({
        eventId: ID,
        bankCode: '102',
        accountNo: `62220212${String(account).padStart(8, '0')}`,
        ...r,
      }),
    ),
  fc
    .record({
      from: party,
      to: party,
      a: fc.nat(99_999_999),
      b: fc.nat(99_999_999),
      amountFen: fc.integer({ min: 1, max: 500_000_000 }),
      on: day,
    })
    .map(({ a, b, ...r }) =>
      bankTransfer({
        eventId: ID,
        bankCode: '102',
        fromAccount: `6222${String(a).padStart(12, '0')}`,
        toAccount: `6217${String(b).padStart(12, '0')}`,
        ...r,
      }),
    ),
  fc
    .record({
      owner: party,
      n: fc.nat(999_999),
      event: fc.constantFrom('registration' as const, 'transfer' as const, 'deregistration' as const),
      on: day,
    })
    .map(({ n, ...r }) =>
      vehicleEvent({
        eventId: ID,
        adminCode: '330803',
        vin: `LSVAG2180E2${String(n).padStart(6, '0')}`,
        plate: `浙H${String(n % 100_000).padStart(5, '0')}`,
        ...r,
      }),
    ),
  fc
    .record({
      company: org,
      shareholder: party,
      event: fc.constantFrom('acquire' as const, 'transfer' as const),
      sharePct: fc.integer({ min: 1, max: 100 }),
      subscribedCapitalFen: fen,
      on: day,
    })
    // The registry of the company's own area sends it (source authorization: an agency's area).
    .map((r) => equityChange({ eventId: ID, adminCode: r.company.uscc!.slice(2, 8), ...r })),
  fc
    .record({
      kind: fc.constantFrom('application' as const, 'report' as const),
      c: caseNo,
      subject: party,
      receivedOn: day,
      channel: fc.constantFrom('counter' as const, 'hotline' as const, 'online' as const),
      n: fc.nat(999),
    })
    .map(({ c, n, ...r }) =>
      petition({ eventId: ID, unitCode: '330803', caseNo: c.caseNo, summary: `反映执行问题${n}`, ...r }),
    ),
);

// ---------------------------------------------------------------- mutations

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Mutation =
  | { kind: 'none' }
  | { kind: 'delete'; at: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'text'; at: number; value: string }
  | { kind: 'date'; at: number; value: string }
  | { kind: 'number'; at: number; value: Json }
  | { kind: 'flip'; flips: [number, number][] }
  | { kind: 'truncate'; at: number }
  | { kind: 'huge'; size: number }
  | { kind: 'deep'; depth: number; where: 'payload' | 'envelope' | 'field' }
  | { kind: 'bytes'; bytes: Uint8Array };

const NASTY = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udfff',
  '\u2028',
  '\ufeff',
  '\\',
  '"',
];
const nastyText = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...NASTY),
    fc.string({ unit: 'binary', maxLength: 12 }),
  )
  .map(([a, bad, b]) => `${a}${bad}${b}`);
const badDate = fc.constantFrom(
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2024-02-30',
  '2024-13-01',
  '1900-01-01',
  '1949-09-30',
  '2999-01-01T00:00:00+08:00',
  '2024-01-01T24:00:00Z',
  '20240101',
  '',
);
const badNumber = fc.constantFrom<Json>(
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '-1',
  '99999999999999999999.99',
  '0.001',
  '１２３４.５',
  1e21,
  -1,
  0.1,
  Number.MAX_SAFE_INTEGER + 2,
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 300, arbitrary: fc.constant<Mutation>({ kind: 'none' }) },
  { weight: 100, arbitrary: fc.nat().map<Mutation>((at) => ({ kind: 'delete', at })) },
  {
    weight: 100,
    arbitrary: fc
      .record({ at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> })
      .map<Mutation>((r) => ({ kind: 'retype', ...r })),
  },
  {
    weight: 120,
    arbitrary: fc.record({ at: fc.nat(), value: nastyText }).map<Mutation>((r) => ({ kind: 'text', ...r })),
  },
  {
    weight: 20,
    arbitrary: fc.record({ at: fc.nat(), value: badDate }).map<Mutation>((r) => ({ kind: 'date', ...r })),
  },
  {
    weight: 60,
    arbitrary: fc.record({ at: fc.nat(), value: badNumber }).map<Mutation>((r) => ({ kind: 'number', ...r })),
  },
  {
    weight: 100,
    arbitrary: fc
      .array(fc.tuple(fc.nat(), fc.nat(7)), { minLength: 1, maxLength: 4 })
      .map<Mutation>((flips) => ({ kind: 'flip', flips })),
  },
  { weight: 50, arbitrary: fc.nat().map<Mutation>((at) => ({ kind: 'truncate', at })) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 50_000, max: 150_000 }).map<Mutation>((size) => ({ kind: 'huge', size })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        depth: fc.constantFrom(1_000, 10_000, 100_000),
        where: fc.constantFrom('payload' as const, 'envelope' as const, 'field' as const),
      })
      .map<Mutation>((r) => ({ kind: 'deep', ...r })),
  },
  {
    weight: 30,
    arbitrary: fc.uint8Array({ maxLength: 64 }).map<Mutation>((bytes) => ({ kind: 'bytes', bytes })),
  },
);

/** Every path into the envelope (objects' keys, arrays' indexes), root excluded. */
function pathsOf(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  for (const [k, v] of children) {
    out.push([...prefix, k]);
    pathsOf(v, [...prefix, k], out);
  }
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): void {
  let node = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value !== undefined) node[last] = value;
  else if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
}

/** Applies one mutation to an envelope; returns the bytes a producer would send. */
function bytesOf(envelope: WireEnvelope, m: Mutation): Buffer {
  const doc = structuredClone(envelope) as unknown as Json;
  const paths = pathsOf(doc);
  const pick = (at: number, filter: (v: Json) => boolean = () => true) => {
    const candidates = paths.filter((p) =>
      filter(p.reduce<Json>((n, k) => (n as Record<string, Json>)[k]!, doc)),
    );
    return candidates.length ? candidates[at % candidates.length] : undefined;
  };
  const text = () => JSON.stringify(doc);
  switch (m.kind) {
    case 'none':
      return Buffer.from(text());
    case 'delete':
    case 'retype': {
      const p = pick(m.at);
      if (p) setAt(doc, p, m.kind === 'delete' ? undefined : m.value);
      return Buffer.from(text());
    }
    case 'text': {
      const p = pick(m.at, (v) => typeof v === 'string');
      if (p) setAt(doc, p, m.value);
      return Buffer.from(text());
    }
    case 'date': {
      const p = pick(m.at, (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v));
      if (p) setAt(doc, p, m.value);
      return Buffer.from(text());
    }
    case 'number': {
      const p = pick(
        m.at,
        (v) => typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)),
      );
      if (p) setAt(doc, p, m.value);
      return Buffer.from(text());
    }
    case 'flip': {
      const b = Buffer.from(text());
      for (const [at, bit] of m.flips) b[at % b.length]! ^= 1 << bit;
      return b;
    }
    case 'truncate': {
      const b = Buffer.from(text());
      return b.subarray(0, m.at % b.length);
    }
    case 'huge':
      (doc as { payload: Record<string, Json> }).payload.note = '长'.repeat(m.size);
      return Buffer.from(text());
    case 'deep': {
      // Built as text: JSON.stringify of such a value would itself overflow the stack.
      const deep = `${'['.repeat(m.depth)}${']'.repeat(m.depth)}`;
      const t = text();
      if (m.where === 'envelope') return Buffer.from(`{"deep":${deep},${t.slice(1)}`);
      if (m.where === 'payload') return Buffer.from(t.replace('"payload":{', `"payload":{"deep":${deep},`));
      return Buffer.from(t.replace('"payload":{', `"payload":{"applicants":${deep},`));
    }
    case 'bytes':
      return Buffer.from(m.bytes);
  }
}

// ---------------------------------------------------------------- the run

describe('ingest fuzz: no message stops the feed', () => {
  let env: TestEnv;
  let ingest: IngestService;
  let dlqProducer: Producer | undefined;
  const decoder = new EnvelopeDecoder(SchemaRegistry.load());
  let nextOffset = 0;
  const reasons = new Map<string, number>();
  let total = 0;
  let accepted = 0;
  let ingestMs = 0;

  beforeAll(async () => {
    // Thousands of expected failures (quarantined, bisected, failed statements) would each be logged.
    Logger.overrideLogger(['fatal']);
    env = await createTestEnv();
    await ensureTopics(env.kafka, env.config.topicPrefix, 1);
    // The hub's own principal copies rejections to the DLQ topics (producers may not write them).
    dlqProducer = kafkaClient(env.config, 'fuzz-dlq').producer();
    await dlqProducer.connect();
    ingest = new IngestService(env.db, decoder, new DlqPublisher(env.db, dlqProducer));
  });

  afterAll(async () => {
    await dlqProducer?.disconnect();
    await env?.close();
  });

  it(`sends ${BATCHES} batches of ${BATCH_SIZE} generated messages through decoder and ingest transaction`, async () => {
    const started = Date.now();
    const message = (
      envelope: WireEnvelope,
      value: Buffer,
      offset: number,
      key: string | null = null,
    ): InboundMessage => {
      const topic = topicOfSchema(envelope.schema) as FeedTopic;
      return {
        topic,
        physicalTopic: physicalTopic(env.config.topicPrefix, topic),
        partition: 0,
        offset: String(offset),
        key,
        value,
        headers: {},
      };
    };
    let batchNo = 0;
    const property = fc.asyncProperty(
      fc.array(fc.tuple(validEnvelope, mutation, fc.option(nastyText, { freq: 20 })), {
        minLength: BATCH_SIZE,
        maxLength: BATCH_SIZE,
      }),
      validEnvelope,
      async (generated, after) => {
        const batch = ++batchNo;
        const first = nextOffset;
        const valid = new Set<string>();
        const messages = generated.map(([base, m, key], i) => {
          // Unique ids (a flipped bit in one cannot make another): every message must end at its own offset.
          const eventId = `fz-${batch}-${i}-${randomBytes(4).toString('hex')}`;
          const e = { ...base, eventId };
          if (m.kind === 'none' && key === null) valid.add(eventId);
          return message(e, bytesOf(e, m), nextOffset++, key);
        });
        const lastId = `fz-${batch}-after`;
        const afterEnvelope = { ...after, eventId: lastId };
        messages.push(message(afterEnvelope, Buffer.from(JSON.stringify(afterEnvelope)), nextOffset++));
        const last = nextOffset - 1;

        const t0 = Date.now();
        const outcome = await ingest.ingestBatch(messages, {
          physicalTopic: messages[0]!.physicalTopic,
          partition: 0,
          caughtUp: false,
        });
        ingestMs += Date.now() - t0;
        expect(outcome.accepted + outcome.duplicates + outcome.rejected).toBe(messages.length);

        // Counted by offset: each message in the raw log or in quarantine, never both, never neither.
        const rows: { offset: string; raw: boolean; reason: string | null; eventId: string | null }[] =
          await env.db.query(
            `select o::text as offset, r.event_id is not null as raw, q.reason, r.event_id as "eventId"
             from generate_series($1::bigint, $2::bigint) o
             left join raw_events r on r.kafka_partition = 0 and r.kafka_offset = o
             left join quarantine q on q.kafka_partition = 0 and q.kafka_offset = o`,
            [first, last],
          );
        expect(rows).toHaveLength(messages.length);
        expect(rows.filter((r) => r.raw && r.reason !== null)).toEqual([]);
        // Neither: only a true duplicate, an envelope whose (source, eventId) the raw log already
        // holds (a mutation can make one: an eventId retyped to a short string seen before).
        const absent = rows.filter((r) => !r.raw && r.reason === null);
        expect(absent).toHaveLength(outcome.duplicates);
        for (const r of absent) {
          const m = messages[Number(r.offset) - first]!;
          const again = decoder.decode(m.value!, m.topic);
          expect(again.ok).toBe(true);
          if (!again.ok) continue;
          const known = await env.db.query<unknown[]>(
            `select 1 from raw_events where source = $1 and event_id = $2 and kafka_offset < $3`,
            [again.envelope.source, again.envelope.eventId, r.offset],
          );
          expect(known).toHaveLength(1);
        }
        for (const r of rows) {
          if (r.reason !== null) {
            expect(REASON_CODES).toContain(r.reason);
            reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
          }
        }
        const stored = new Set(rows.flatMap((r) => (r.eventId ? [r.eventId] : [])));
        expect([...valid].filter((id) => !stored.has(id))).toEqual([]);
        // The valid message after them is accepted: the feed goes on.
        expect(stored.has(lastId)).toBe(true);
        total += messages.length;
        accepted += outcome.accepted;
      },
    );
    const details = await fc.check(property, {
      seed: SEED,
      numRuns: BATCHES,
      endOnFailure: true,
      ...(PATH ? { path: PATH } : {}),
    });
    if (details.failed) {
      // The counterexample (a thousand messages) is left out: the seed and path rebuild it.
      const cause = details.errorInstance;
      throw new Error(
        `ingest fuzz failed at batch ${details.numRuns}; replay it alone with FUZZ_SEED=${SEED} FUZZ_PATH=${details.counterexamplePath ?? ''}\n` +
          (cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)),
      );
    }
    console.log(
      `ingest fuzz (FUZZ_SEED=${SEED}): ${total} messages in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${(ingestMs / 1000).toFixed(1)} s of it in ingestBatch; accepted ${accepted}; quarantined ${JSON.stringify(Object.fromEntries([...reasons].sort()))}`,
    );
    expect(total).toBe(BATCHES * (BATCH_SIZE + 1));
  }, 600_000);
});
