import { request, type IncomingHttpHeaders } from 'node:http';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { FeedKeyRepository } from '@zhijian/ingest/internal/repositories/feed-keys';
import {
  caseClosed,
  caseFiled,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

type Outcome =
  | { line: number; status: 'accepted' | 'duplicate'; eventId: string }
  | {
      line: number;
      status: 'rejected';
      reason: string;
      violations: { pointer: string; message: string; check?: string }[];
    };
interface Summary {
  accepted: number;
  duplicate: number;
  rejected: number;
  lines: number;
  uploadId: string;
}
interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  outcomes: Outcome[];
  summary?: Summary;
  error?: unknown;
  /** The JSON body of a non-200 answer. */
  json?: { statusCode: number; message: string };
}

const court = '浙0803';
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

const filed = (n: number, courtCode = court): WireEnvelope =>
  caseFiled({
    eventId: `u-filed-${n}`,
    courtCode,
    caseNo: `（2024）${courtCode}执${n}号`,
    filedOn: '2024-01-10',
    claimFen: 1_000_000,
    applicants: [bank],
    respondents: [{ kind: 'person', name: `被执行人${n}`, idNo: idCardOf('330803', '1980-01-01', n % 1000) }],
  });

/** A light court event (kept in the raw log, no projection): the large uploads are made of these. */
const notice = (n: number): WireEnvelope => ({
  schema: 'court.case-event/1',
  eventId: `u-notice-${n}`,
  source: `court:${court}`,
  occurredAt: '2024-02-01T02:00:00Z',
  payload: {
    type: 'notice.served',
    caseNo: `（2024）${court}执${n}号`,
    notice: 'execution_notice',
    servedOn: '2024-02-01',
  },
});

const line = (e: unknown) => JSON.stringify(e);

describe('HTTP feed upload: POST /v1/feeds/:topic', () => {
  let env: TestEnv;
  let courtKey: string;

  beforeAll(async () => {
    // Written for zhongben_with_assets; the rest of the catalogue has its own specs.
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
    courtKey = await env.createFeedKey([`court:${court}`], ['court.case-events'], '柯城区法院');
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Posts a body (a string, or a stream sent as it is generated) and reads the answer as it streams. */
  function upload(
    topic: string,
    body: string | Readable,
    headers: Record<string, string> = {},
    onOutcome?: (o: Outcome) => void,
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${env.baseUrl}/v1/feeds/${topic}`,
        { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...headers } },
        (res) => {
          const answer: Answer = { status: res.statusCode ?? 0, headers: res.headers, outcomes: [] };
          const lines = createInterface({ input: res, crlfDelay: Infinity });
          lines.on('line', (text) => {
            const o = JSON.parse(text) as Record<string, unknown>;
            if (answer.status !== 200) answer.json = o as Answer['json'];
            else if ('summary' in o) answer.summary = o.summary as Summary;
            else if ('error' in o) answer.error = o.error;
            else if (onOutcome) onOutcome(o as Outcome);
            else answer.outcomes.push(o as Outcome);
          });
          lines.on('close', () => resolve(answer));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (typeof body === 'string') req.end(body);
      else body.pipe(req);
    });
  }

  const rawEventCount = (eventIds: string[]) =>
    countOf(env.db, `select count(*)::int as n from raw_events where event_id = any($1)`, [eventIds]);

  const waitForRawEvents = (eventIds: string[], timeoutMs?: number) =>
    waitFor(
      `${eventIds.length} event(s) in raw_events`,
      async () => (await rawEventCount(eventIds)) === eventIds.length,
      timeoutMs,
    );

  it('answers every line in order, sends the good ones through Kafka and quarantines the bad ones', async () => {
    const a = filed(1);
    const b = caseClosed({
      eventId: 'u-closed-1',
      courtCode: court,
      caseNo: '(2024)浙0803执 1号', // sloppy but valid: normalized by the consumer as by the upload
      closedOn: '2024-03-04',
      method: 'terminated_this_round',
    });
    const badId = filed(2);
    (badId.payload.respondents as { idNo: string }[])[0]!.idNo = '110105194912310021'; // check char must be X
    const violation = filed(3);
    violation.payload.claimAmount = 1234.5; // money must be a string
    const otherCourt = filed(4, '浙0802');
    const wrongTopic = realEstateEvent({
      eventId: 'u-re-1',
      adminCode: '330803',
      unitNo: '330803001001GB00001F0001',
      event: 'first_registration',
      owners: [bank],
      registeredOn: '2024-03-10',
    });
    wrongTopic.source = `court:${court}`; // its own source would be refused before its schema is looked at
    const malformed = '{"schema": "court.case-event/1", "eventId": ';
    const body = [
      line(a),
      malformed,
      '',
      line(b),
      JSON.stringify(a, null, 0).replace('"eventId"', ' "eventId"'), // same (source, eventId), other bytes
      line(violation),
      line(badId),
      line(otherCourt),
      line(wrongTopic),
    ].join('\r\n');

    const uploadId = `spec-mixed-${env.id}`;
    const answer = await upload('court.case-events', body, {
      authorization: `Bearer ${courtKey}`,
      'idempotency-key': uploadId,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(answer.headers['x-upload-id']).toBe(uploadId);
    expect(
      answer.outcomes.map((o) => [o.line, o.status, o.status === 'rejected' ? o.reason : o.eventId]),
    ).toEqual([
      [1, 'accepted', 'u-filed-1'],
      [2, 'rejected', 'malformed_json'],
      [4, 'accepted', 'u-closed-1'],
      [5, 'duplicate', 'u-filed-1'],
      [6, 'rejected', 'schema_violation'],
      [7, 'rejected', 'invalid_identifier'],
      [8, 'rejected', 'source_not_allowed'],
      [9, 'rejected', 'unknown_schema'],
    ]);
    const byLine = new Map(answer.outcomes.map((o) => [o.line, o]));
    const pointersOf = (n: number) => {
      const o = byLine.get(n);
      return o?.status === 'rejected' ? o.violations.map((v) => v.pointer) : [];
    };
    expect(pointersOf(6)).toContain('/payload/claimAmount');
    expect(byLine.get(7)).toMatchObject({
      violations: [expect.objectContaining({ pointer: '/payload/respondents/0/idNo', check: 'check_char' })],
    });
    expect(byLine.get(8)).toMatchObject({ violations: [expect.objectContaining({ pointer: '/source' })] });
    expect(JSON.stringify(answer.outcomes)).not.toContain('110105194912310021'); // no identifier echoed
    expect(answer.summary).toEqual({ accepted: 2, duplicate: 1, rejected: 5, lines: 8, uploadId });

    // The accepted lines reach the raw log through Kafka, as the producer wrote them.
    await waitForRawEvents(['u-filed-1', 'u-closed-1']);
    const stored: { eventId: string; partition: number; envelope: { payload: { caseNo: string } } }[] =
      await env.db.query(
        `select event_id as "eventId", kafka_partition as partition, envelope from raw_events
         where event_id = any($1) order by event_id`,
        [['u-filed-1', 'u-closed-1']],
      );
    expect(stored.map((s) => s.partition >= 0)).toEqual([true, true]);
    expect(stored[0]!.envelope.payload.caseNo).toBe('(2024)浙0803执 1号'); // the original, not the normalized form
    await waitFor('the case projected', async () => {
      const rows: unknown[] = await env.db.query(
        `select 1 from cases where case_no = '（2024）浙0803执1号' and filed_on is not null and closed_on is not null`,
      );
      return rows.length > 0;
    });

    // The rejected ones are in quarantine, whole, under (upload id, line); not the unauthorized one.
    const quarantined: {
      line: number;
      partition: number;
      reason: string;
      violations: { pointer: string }[];
      raw: Buffer;
      topic: string;
    }[] = await env.db.query(
      `select upload_line as line, kafka_partition as partition, reason, violations, raw, topic from quarantine
       where upload_id = $1 order by upload_line`,
      [uploadId],
    );
    expect(quarantined.map((q) => [q.line, q.reason])).toEqual([
      [2, 'malformed_json'],
      [6, 'schema_violation'],
      [7, 'invalid_identifier'],
      [9, 'unknown_schema'],
    ]);
    expect(
      quarantined.every(
        (q) => q.partition === -1 && q.topic === `${env.config.topicPrefix}.court.case-events`,
      ),
    ).toBe(true);
    expect(quarantined[0]!.raw.toString('utf8')).toBe(malformed);
    expect(quarantined[2]!.raw.toString('utf8')).toBe(line(badId));
    expect(quarantined[1]!.violations.map((v) => v.pointer)).toContain('/payload/claimAmount');
    await waitFor(
      'rejected upload lines copied to the DLQ topic',
      async () =>
        (await countOf(
          env.db,
          `select count(*)::int as n from quarantine where upload_id = $1 and dlq_published_at is not null`,
          [uploadId],
        )) === 4,
    );

    // A retried body (same Idempotency-Key) gets the same answers and changes nothing.
    const quarantineBefore = await countOf(env.db, `select count(*)::int as n from quarantine`);
    const again = await upload('court.case-events', body, {
      'x-api-key': courtKey,
      'idempotency-key': uploadId,
    });
    expect(again.outcomes).toEqual(answer.outcomes);
    expect(again.summary).toEqual(answer.summary);
    expect(await countOf(env.db, `select count(*)::int as n from quarantine`)).toBe(quarantineBefore);

    // The same events in a new upload are duplicates.
    const other = await upload('court.case-events', [line(a), line(b)].join('\n'), {
      authorization: `Bearer ${courtKey}`,
    });
    expect(other.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
    expect(other.summary).toMatchObject({ accepted: 0, duplicate: 2, rejected: 0, lines: 2 });
    expect(await rawEventCount(['u-filed-1', 'u-closed-1'])).toBe(2);
  });

  it('applies an event once whether it came by Kafka or by HTTP first', async () => {
    // Kafka first: the upload finds it in the raw log.
    const viaKafka = filed(11);
    await env.publish('court.case-events', [{ key: '（2024）浙0803执11号', value: line(viaKafka) }]);
    await waitForRawEvents([viaKafka.eventId]);
    const answer = await upload('court.case-events', line(viaKafka), { authorization: `Bearer ${courtKey}` });
    expect(answer.outcomes).toEqual([{ line: 1, status: 'duplicate', eventId: viaKafka.eventId }]);

    // HTTP first: the producer's later copy is absorbed by the raw log's key.
    const viaHttp = filed(12);
    viaHttp.payload.note = 'sent by HTTP';
    const first = await upload('court.case-events', line(viaHttp), { authorization: `Bearer ${courtKey}` });
    expect(first.outcomes).toEqual([{ line: 1, status: 'accepted', eventId: viaHttp.eventId }]);
    const resent = { ...viaHttp, payload: { ...viaHttp.payload, note: 'sent by Kafka' } };
    const marker = caseClosed({
      eventId: 'u-closed-12',
      courtCode: court,
      caseNo: '（2024）浙0803执12号',
      closedOn: '2024-03-04',
      method: 'fully_performed',
    });
    // Same key, so the marker lands on the partition after the resent copy.
    await env.publish('court.case-events', [
      { key: '（2024）浙0803执12号', value: line(resent) },
      { key: '（2024）浙0803执12号', value: line(marker) },
    ]);
    await waitForRawEvents([viaHttp.eventId, marker.eventId]);
    expect(await rawEventCount([viaHttp.eventId])).toBe(1);
    const [row]: { envelope: { payload: { note: string } } }[] = await env.db.query(
      `select envelope from raw_events where event_id = $1`,
      [viaHttp.eventId],
    );
    expect(row!.envelope.payload.note).toBe('sent by HTTP');
  });

  it('decides atomically between two concurrent uploads of the same events', async () => {
    const shared = Array.from({ length: 1200 }, (_, i) => line(notice(20_000 + i)));
    const onlyA = Array.from({ length: 300 }, (_, i) => line(notice(30_000 + i)));
    const onlyB = Array.from({ length: 300 }, (_, i) => line(notice(40_000 + i)));
    const headers = { authorization: `Bearer ${courtKey}` };
    const [a, b] = await Promise.all([
      upload('court.case-events', [...shared, ...onlyA].join('\n'), headers),
      upload('court.case-events', [...onlyB, ...shared.slice().reverse()].join('\n'), headers),
    ]);
    const acceptedShared = [...a.outcomes, ...b.outcomes].filter(
      (o) => o.status === 'accepted' && Number(o.eventId.slice('u-notice-'.length)) < 30_000,
    );
    expect(acceptedShared).toHaveLength(1200);
    expect(new Set(acceptedShared.map((o) => o.status === 'accepted' && o.eventId)).size).toBe(1200);
    expect(a.summary!.accepted + b.summary!.accepted).toBe(1800);
    expect(a.summary!.duplicate + b.summary!.duplicate).toBe(1200);
  });

  it('binds a key to its sources and topics', async () => {
    // A court key on a registry topic: refused as a whole.
    const re = realEstateEvent({
      eventId: 'u-re-2',
      adminCode: '330803',
      unitNo: '330803001001GB00002F0001',
      event: 'first_registration',
      owners: [bank],
      registeredOn: '2024-03-10',
    });
    const forbidden = await upload('registry.realestate', line(re), { authorization: `Bearer ${courtKey}` });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json!.message).toContain('registry.realestate');

    // A court key publishing another court's source: refused per line, its neighbours taken.
    const mixed = await upload('court.case-events', [line(filed(31, '浙0802')), line(filed(32))].join('\n'), {
      authorization: `Bearer ${courtKey}`,
    });
    expect(mixed.outcomes.map((o) => [o.status, o.status === 'rejected' && o.reason])).toEqual([
      ['rejected', 'source_not_allowed'],
      ['accepted', false],
    ]);
    // Even when the line is otherwise invalid too: refused as unauthorized, not quarantined under this key.
    const badAndForeign = filed(33, '浙0802');
    badAndForeign.payload.claimAmount = 1;
    const refused = await upload('court.case-events', line(badAndForeign), {
      authorization: `Bearer ${courtKey}`,
      'idempotency-key': `spec-foreign-${env.id}`,
    });
    expect(refused.outcomes).toMatchObject([{ status: 'rejected', reason: 'source_not_allowed' }]);
    expect(
      await countOf(env.db, `select count(*)::int as n from quarantine where upload_id = $1`, [
        `spec-foreign-${env.id}`,
      ]),
    ).toBe(0);

    // A registry key with a prefix pattern: any real-estate registry, nothing else.
    const registryKey = await env.createFeedKey(
      ['agency:realestate:*'],
      ['registry.realestate'],
      '不动产登记',
    );
    const courtSourced = { ...re, eventId: 'u-re-3', source: `court:${court}` };
    const registry = await upload('registry.realestate', [line(re), line(courtSourced)].join('\n'), {
      authorization: `Bearer ${registryKey}`,
    });
    expect(registry.outcomes.map((o) => [o.status, o.status === 'rejected' && o.reason])).toEqual([
      ['accepted', false],
      ['rejected', 'source_not_allowed'],
    ]);
    // An upload id is its first key's: another key cannot continue it.
    const stolen = await upload('registry.realestate', line(re), {
      authorization: `Bearer ${registryKey}`,
      'idempotency-key': `spec-foreign-${env.id}`,
    });
    expect(stolen.status).toBe(409);
  });

  it('refuses requests without a valid key, on an unknown topic or of another type', async () => {
    const body = line(filed(41));
    const none = await upload('court.case-events', body);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await upload('court.case-events', body, { authorization: 'Bearer zjk_nope' })).status).toBe(401);
    expect((await upload('court.case-events', body, { 'x-api-key': 'zjk_nope' })).status).toBe(401);

    const keys = new FeedKeyRepository();
    const revoked = await keys.create(env.db.manager, 'revoked', [`court:${court}`], ['court.case-events']);
    expect((await upload('court.case-events', '', { authorization: `Bearer ${revoked.key}` })).status).toBe(
      200,
    );
    expect(await keys.revoke(env.db.manager, revoked.id)).toBe(true);
    expect((await upload('court.case-events', body, { authorization: `Bearer ${revoked.key}` })).status).toBe(
      401,
    );

    const unknown = await upload('court.cases', body, { authorization: `Bearer ${courtKey}` });
    expect(unknown.status).toBe(404);
    expect(unknown.json!.message).toContain('court.case-events');

    const json = await upload('court.case-events', body, {
      authorization: `Bearer ${courtKey}`,
      'content-type': 'application/json',
    });
    expect(json.status).toBe(415);
    expect(await rawEventCount(['u-filed-41'])).toBe(0);
  });

  it('lets a client that went away mid-upload retry with the same Idempotency-Key, losing and doubling nothing', async () => {
    const total = 3000;
    const lines = Array.from({ length: total }, (_, i) => line(notice(200_000 + i)));
    const headers = {
      'content-type': 'application/x-ndjson',
      authorization: `Bearer ${courtKey}`,
      'idempotency-key': `spec-retry-${env.id}`,
    };
    // First attempt: 2000 lines sent, the body never finished, the connection dropped after 600 answers.
    await new Promise<void>((resolve) => {
      const req = request(`${env.baseUrl}/v1/feeds/court.case-events`, { method: 'POST', headers }, (res) => {
        let answered = 0;
        createInterface({ input: res })
          .on('line', () => {
            if (++answered === 600) {
              req.destroy();
              resolve();
            }
          })
          .on('error', () => undefined); // the abort
        res.on('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.write(lines.slice(0, 2000).join('\n') + '\n');
    });
    const ids = Array.from({ length: total }, (_, i) => notice(200_000 + i).eventId);
    const receipts = () =>
      countOf(env.db, `select count(*)::int as n from upload_receipts where event_id = any($1)`, [ids]);
    const before = await receipts();
    expect(before).toBeGreaterThanOrEqual(500); // answered chunks are committed (and on Kafka)
    expect(before).toBeLessThan(total);
    // The retry (possibly while the first attempt's last chunk is still being written): as if uninterrupted.
    const retry = await upload('court.case-events', lines.join('\n'), headers);
    expect(retry.outcomes.map((o) => o.status)).toEqual(Array(total).fill('accepted'));
    expect(retry.summary).toMatchObject({ accepted: total, duplicate: 0, rejected: 0, lines: total });
    await waitForRawEvents(ids);
    expect(await receipts()).toBe(total);
  });

  it('streams a large upload through in order, with the right counts', async () => {
    const total = 50_000;
    // Every 1000th line is malformed, every 250th repeats the line before it, and blank lines are skipped.
    function* generate(): Generator<string> {
      for (let i = 1; i <= total; i++) {
        if (i % 1000 === 0) yield '{"schema": "court.case-event/1"\n';
        else if (i % 250 === 0) yield line(notice(100_000 + i - 1)) + '\n';
        else yield line(notice(100_000 + i)) + '\n';
        if (i % 10_000 === 0) yield '\n';
      }
    }
    const body = Readable.from(generate(), { objectMode: false });
    let lastLine = 0;
    let inOrder = true;
    const seen = { accepted: 0, duplicate: 0, rejected: 0 };
    const answer = await upload('court.case-events', body, { authorization: `Bearer ${courtKey}` }, (o) => {
      if (o.line <= lastLine) inOrder = false;
      lastLine = o.line;
      seen[o.status]++;
    });
    expect(answer.status).toBe(200);
    expect(inOrder).toBe(true);
    const malformed = total / 1000;
    const duplicates = total / 250 - malformed;
    const expected = { accepted: total - malformed - duplicates, duplicate: duplicates, rejected: malformed };
    expect(seen).toEqual(expected);
    expect(answer.summary).toMatchObject({ ...expected, lines: total });
    expect(lastLine).toBe(total + total / 10_000 - 1); // blank lines count, the last one is not answered

    await waitFor(
      'the upload in the raw log',
      async () =>
        (await countOf(
          env.db,
          `select count(*)::int as n from raw_events where event_id like 'u-notice-1%' and event_id >= 'u-notice-100000'`,
        )) === expected.accepted,
      180_000,
      1000,
    );
  }, 300_000);
});
