import { caseFiled, idCardOf, usccOf, type WireEnvelope } from '@zhijian/simulator';
import { startHub } from '@zhijian/hub';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

const court = '浙0803';
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

function filing(n: number, idNo: string): WireEnvelope {
  return caseFiled({
    eventId: `q-filed-${n}`,
    courtCode: court,
    caseNo: `（2024）浙0803执${n}号`,
    filedOn: '2024-01-10',
    claimFen: 50_000_000,
    applicants: [bank],
    respondents: [{ kind: 'person', name: `被执行人${n}`, idNo }],
  });
}

/** An ID number whose check character is wrong (the right one is X). */
const WRONG_CHECK = '110105194912310021';

interface Summary {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  violations: { pointer: string; message: string; check?: string }[];
  status: string;
  replayOutcome: string | null;
}
interface Detail extends Summary {
  headers: Record<string, string>;
  raw: { encoding: string; text: string; bytes: number };
  correction: { encoding: string; text: string } | null;
  correctedBy: string | null;
  discardReason: string | null;
}

describe('quarantine operations: list, inspect, correct, replay, discard', () => {
  let env: TestEnv;
  /** The operator the spec acts as: its token, and how it is recorded. */
  let operator: { token: string; actor: string };

  beforeAll(async () => {
    // Written for zhongben_with_assets; the rest of the catalogue has its own specs.
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
    const p = await env.principal('operator', '330000', 'spec-operator');
    operator = { token: p.token, actor: `spec-operator [${p.id}]` };
  });

  afterAll(async () => {
    await env?.close();
  });

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${operator.token}`,
        ...(body !== undefined ? { 'content-type': contentType } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  const facts = async () => ({
    raw: await countOf(env.db, `select count(*)::int as n from raw_events`),
    cases: await countOf(env.db, `select count(*)::int as n from cases`),
    parties: await countOf(env.db, `select count(*)::int as n from case_parties`),
    subjects: await countOf(env.db, `select count(*)::int as n from subjects`),
    quarantine: await countOf(env.db, `select count(*)::int as n from quarantine`),
  });

  let firstId = '';
  let secondId = '';
  const first = filing(301, WRONG_CHECK);
  const second = filing(302, WRONG_CHECK);

  it('lists a message rejected for a wrong ID check digit, with its reason and pointer', async () => {
    await env.publish('court.case-events', [{ key: 'case-301', value: JSON.stringify(first) }]);
    const page = await waitFor('the rejection listed', async () => {
      const r = await call<{ items: Summary[]; total: number }>(
        'GET',
        '/v1/quarantine?reason=invalid_identifier&topic=court.case-events&status=open',
      );
      return r.body.items.length ? r.body : undefined;
    });
    expect(page.total).toBe(1);
    const [item] = page.items;
    expect(item).toMatchObject({
      topic: `${env.config.topicPrefix}.court.case-events`,
      key: 'case-301',
      reason: 'invalid_identifier',
      status: 'open',
      replayOutcome: null,
    });
    expect(item!.violations).toEqual([
      expect.objectContaining({ pointer: '/payload/respondents/0/idNo', check: 'check_char' }),
    ]);
    expect(item!.partition).toBeGreaterThanOrEqual(0);
    firstId = item!.id;

    const detail = await call<Detail>('GET', `/v1/quarantine/${firstId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.raw).toMatchObject({ encoding: 'utf8', text: JSON.stringify(first) });
    expect(detail.body.correction).toBeNull();

    const none = await call<{ items: Summary[] }>('GET', '/v1/quarantine?reason=malformed_json');
    expect(none.body.items).toHaveLength(0);
  });

  it('is served by the API-only process too (apps/api)', async () => {
    const api = await startHub(env.config, { ingest: false, screening: false, relay: false, api: true });
    try {
      const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
      const res = await fetch(`${url}/v1/quarantine/${firstId}`, {
        headers: { authorization: `Bearer ${operator.token}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Detail).reason).toBe('invalid_identifier');
    } finally {
      await api.close();
    }
  });

  it('answers only an operator with a token: none or an unknown one 401, intake staff 403', async () => {
    const anonymous = await fetch(`${env.baseUrl}/v1/quarantine`, { headers: { 'x-actor': 'someone' } });
    expect(anonymous.status).toBe(401);
    const unknown = await fetch(`${env.baseUrl}/v1/quarantine`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(unknown.status).toBe(401);
    const staff = await env.token('staff', '330803');
    const forbidden = await fetch(`${env.baseUrl}/v1/quarantine/${firstId}/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(forbidden.status).toBe(403);
  });

  it('answers clear errors in Chinese', async () => {
    const missing = await call<{ message: string }>('GET', '/v1/quarantine/987654');
    expect(missing).toMatchObject({
      status: 404,
      body: { message: '隔离消息 987654 不存在' },
    });
    const badId = await call<{ message: string }>('GET', '/v1/quarantine/abc');
    expect(badId.status).toBe(400);
    expect(badId.body.message).toContain('隔离消息编号');
    const badStatus = await call<{ message: string }>('GET', '/v1/quarantine?status=lost');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toContain('status 只能是');
    const badTime = await call<{ message: string }>('GET', '/v1/quarantine?from=yesterday');
    expect(badTime.status).toBe(400);
    const replayMissing = await call<{ message: string }>('POST', '/v1/quarantine/987654/replay');
    expect(replayMissing.status).toBe(404);
    // Declared JSON that is not JSON: the platform's parser refuses it (text/plain takes anything).
    const notJson = await call<{ message: string }>(
      'PUT',
      `/v1/quarantine/${firstId}/correction`,
      '{"schema": ',
    );
    expect(notJson.status).toBe(400);
    const empty = await call<{ message: string }>(
      'PUT',
      `/v1/quarantine/${firstId}/correction`,
      '',
      'text/plain',
    );
    expect(empty).toMatchObject({ status: 400, body: { message: '请求体为空：请提交更正后的完整消息' } });
  });

  it('stores a correction beside the original and validates it without applying it', async () => {
    const fixed = structuredClone(first);
    (fixed.payload.respondents as { idNo: string }[])[0]!.idNo = '11010519491231002X';
    const before = await facts();
    const put = await call<{ status: string; validation: Record<string, unknown> }>(
      'PUT',
      `/v1/quarantine/${firstId}/correction`,
      fixed,
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      status: 'corrected',
      validation: { valid: true, eventId: 'q-filed-301', source: 'court:浙0803', alreadyInRawLog: false },
    });
    expect(await facts()).toEqual(before); // validated, not applied

    const rows: { raw: Buffer; corrected_raw: Buffer; corrected_by: string }[] = await env.db.query(
      `select raw, corrected_raw, corrected_by from quarantine where id = $1`,
      [firstId],
    );
    expect(rows[0]!.raw.toString('utf8')).toBe(JSON.stringify(first)); // the original is untouched
    expect(JSON.parse(rows[0]!.corrected_raw.toString('utf8'))).toEqual(fixed);
    expect(rows[0]!.corrected_by).toBe(operator.actor);
  });

  it('replays the correction through ingest: accepted, in the raw log and the projections', async () => {
    const before = await facts();
    const replay = await call<{ outcome: string; status: string; corrected: boolean }>(
      'POST',
      `/v1/quarantine/${firstId}/replay`,
    );
    expect(replay).toMatchObject({
      status: 200,
      body: { outcome: 'accepted', status: 'replayed', corrected: true },
    });
    const raw: { kafka_partition: number; topic: string }[] = await env.db.query(
      `select topic, kafka_partition from raw_events where event_id = 'q-filed-301'`,
    );
    expect(raw).toHaveLength(1);
    expect(raw[0]!.topic).toBe('court.case-events');
    expect(raw[0]!.kafka_partition).toBeGreaterThanOrEqual(0); // where the bytes first arrived
    const cases: { filed_on: string | null }[] = await env.db.query(
      `select filed_on::text from cases where case_no = '（2024）浙0803执301号'`,
    );
    expect(cases).toEqual([{ filed_on: '2024-01-10' }]);
    const respondent: { id_no: string }[] = await env.db.query(
      `select s.id_no from case_parties p join subjects s on s.id = p.subject_id
       where p.case_no = '（2024）浙0803执301号' and p.role = 'respondent'`,
    );
    expect(respondent).toEqual([{ id_no: '11010519491231002X' }]);
    const after = await facts();
    expect(after).toEqual({
      ...before,
      raw: before.raw + 1,
      cases: before.cases + 1,
      parties: before.parties + 2,
      subjects: before.subjects + 2,
    });
    // A replay is no position in a partition: the business clock's progress is not touched by it.
    expect(
      await countOf(env.db, `select count(*)::int as n from partition_progress where kafka_partition < 0`),
    ).toBe(0);
    const detail = await call<Detail>('GET', `/v1/quarantine/${firstId}`);
    expect(detail.body).toMatchObject({ status: 'replayed', replayOutcome: 'accepted' });
  });

  it('replays again as a duplicate and applies nothing twice', async () => {
    const before = await facts();
    const again = await call<{ outcome: string; status: string }>('POST', `/v1/quarantine/${firstId}/replay`);
    expect(again.body).toMatchObject({ outcome: 'duplicate', status: 'replayed' });
    expect(await facts()).toEqual(before);
    const detail = await call<Detail>('GET', `/v1/quarantine/${firstId}`);
    expect(detail.body.replayOutcome).toBe('accepted'); // the replay that applied it
    const late = await call<{ message: string }>('PUT', `/v1/quarantine/${firstId}/correction`, first);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('已重放');
  });

  it('rejects a correction that is still invalid again, with the new reason, and keeps the row', async () => {
    await env.publish('court.case-events', [{ key: 'case-302', value: JSON.stringify(second) }]);
    secondId = await waitFor('second rejection', async () => {
      const r = await call<{ items: Summary[] }>('GET', '/v1/quarantine?status=open');
      return r.body.items.find((i) => i.key === 'case-302')?.id;
    });
    // The ID is fixed now, but the case number is broken: sent as text, as an operator may paste it.
    const fixedId = structuredClone(second);
    (fixedId.payload.respondents as { idNo: string }[])[0]!.idNo = idCardOf('330803', '1980-01-01', 302);
    fixedId.payload.caseNo = '浙0803执302号';
    const put = await call<{
      validation: { valid: boolean; reason: string; violations: { pointer: string }[] };
    }>('PUT', `/v1/quarantine/${secondId}/correction`, JSON.stringify(fixedId), 'text/plain');
    expect(put.status).toBe(200);
    expect(put.body.validation).toMatchObject({ valid: false, reason: 'invalid_case_number' });
    expect(put.body.validation.violations.map((v) => v.pointer)).toContain('/payload/caseNo');

    const before = await facts();
    const replay = await call<{ outcome: string; reason: string; status: string }>(
      'POST',
      `/v1/quarantine/${secondId}/replay`,
    );
    expect(replay.body).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_case_number',
      status: 'corrected',
    });
    expect(await facts()).toEqual(before); // no new quarantine row, nothing stored
    const detail = await call<Detail>('GET', `/v1/quarantine/${secondId}`);
    expect(detail.body).toMatchObject({
      reason: 'invalid_case_number',
      status: 'corrected',
      replayOutcome: 'rejected',
      raw: { text: JSON.stringify(second) },
    });
    expect(detail.body.violations[0]!.pointer).toBe('/payload/caseNo');
  });

  it('discards with a reason; a discarded message is not replayed', async () => {
    const noReason = await call<{ message: string }>('POST', `/v1/quarantine/${secondId}/discard`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('丢弃原因');
    const discarded = await call<Detail>('POST', `/v1/quarantine/${secondId}/discard`, {
      reason: '法院已重新报送正确数据',
    });
    expect(discarded).toMatchObject({
      status: 200,
      body: { status: 'discarded', discardReason: '法院已重新报送正确数据' },
    });
    const replay = await call<{ message: string }>('POST', `/v1/quarantine/${secondId}/replay`);
    expect(replay.status).toBe(409);
    expect(replay.body.message).toBe(`隔离消息 ${secondId} 已丢弃，不能重放`);
    const listed = await call<{ items: Summary[] }>('GET', '/v1/quarantine?status=discarded');
    expect(listed.body.items.map((i) => i.id)).toEqual([secondId]);
  });

  it('keeps a copy of each rejection on <topic>.dlq with the x-reason header', async () => {
    const dlq = `${env.config.topicPrefix}.court.case-events.dlq`;
    const consumer = env.kafka.consumer({
      groupId: `${env.config.consumerGroup}-dlq-reader`,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    const seen = new Map<string, { reason: string; value: string; topic: string }>();
    await consumer.run({
      eachMessage: async ({ message }) => {
        const h = (k: string) => message.headers?.[k]?.toString() ?? '';
        seen.set(h('x-quarantine-id'), {
          reason: h('x-reason'),
          topic: h('x-original-topic'),
          value: message.value?.toString('utf8') ?? '',
        });
      },
    });
    try {
      await waitFor('both rejections on the DLQ', async () => seen.has(firstId) && seen.has(secondId));
    } finally {
      await consumer.disconnect();
    }
    // The copy is of the message as received, with the reason it was first rejected for.
    expect(seen.get(firstId)).toEqual({
      reason: 'invalid_identifier',
      topic: `${env.config.topicPrefix}.court.case-events`,
      value: JSON.stringify(first),
    });
    expect(seen.get(secondId)).toMatchObject({ reason: 'invalid_identifier', value: JSON.stringify(second) });
  });
});
