import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AUTH_FAILURE_MESSAGES, SYSTEM_SIGN_IN_MESSAGE } from '@zhijian/access';
import { ACCESS_DEFAULTS } from '@zhijian/config';
import { addDays, cstDateOf, cstStartOfDay } from '@zhijian/domain';
import { createTestEnv, type TestEnv } from '@zhijian/testing';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

interface Answer {
  status: number;
  body: Record<string, unknown> & { message?: string; fields?: Record<string, string> };
  headers: Headers;
}

async function call(
  env: TestEnv,
  token: string | null,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${env.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = (
    text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}
  ) as Answer['body'];
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The CLI as an operator runs it, on this env's database; its output. */
async function cli(env: TestEnv, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', 'principal', ...args],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: env.config.databaseUrl, TS_NODE_TRANSPILE_ONLY: '1' } },
  );
  return stdout;
}

/** The token a CLI command printed (its last line). */
const printedToken = (stdout: string) => stdout.trim().split('\n').at(-1)!;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('access: sessions, token expiry and rotation, headers, entries, throttling', () => {
  let env: TestEnv;
  const rowsOf = <T>(sql: string, params: unknown[] = []): Promise<T[]> => env.db.query(sql, params);
  const get = (token: string | null, path: string) => call(env, token, 'GET', path);
  const post = (token: string | null, path: string, body?: unknown) => call(env, token, 'POST', path, body);

  beforeAll(async () => {
    env = await createTestEnv();
    await env.startHub({ ingest: false, screening: false, relay: false, api: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('people sign in to sessions', () => {
    it('exchanges a person’s own token for a new session token on every sign-in; the own token does not call the API', async () => {
      const person = await env.principal('staff', '330803', '钱受理');
      const first = await post(person.principalToken, '/v1/session');
      const second = await post(person.principalToken, '/v1/session');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        tokenType: 'Bearer',
        idleHours: ACCESS_DEFAULTS.sessionIdleHours,
        principal: { id: person.id, name: '钱受理', role: 'staff', unitCode: '330803' },
      });
      const [a, b] = [first.body.token as string, second.body.token as string];
      expect(a).toMatch(/^zjs_[\w-]{43}$/);
      expect(b).not.toBe(a);
      const days = (Date.parse(first.body.expiresAt as string) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(ACCESS_DEFAULTS.sessionMaxDays - 0.01);
      expect(days).toBeLessThanOrEqual(ACCESS_DEFAULTS.sessionMaxDays);
      for (const session of [a, b]) expect((await get(session, '/v1/me')).body.name).toBe('钱受理');

      const own = await get(person.principalToken, '/v1/me');
      expect([own.status, own.body.message]).toEqual([401, AUTH_FAILURE_MESSAGES.person_token]);
      expect((await post(a, '/v1/session')).body.message).toBe(AUTH_FAILURE_MESSAGES.sign_in_token);
      const system = await env.principal('system', '330000');
      expect([
        (await post(system.token, '/v1/session')).status,
        (await post(system.token, '/v1/session')).body.message,
      ]).toEqual([403, SYSTEM_SIGN_IN_MESSAGE]);

      // Only hashes are stored.
      const rows: { token_hash: string }[] = await env.db.query(
        `select token_hash from principal_sessions where principal_id = $1 order by created_at`,
        [person.id],
      );
      expect(rows.map((r) => r.token_hash)).toEqual(expect.arrayContaining([sha256(a), sha256(b)]));
      const everything = JSON.stringify([
        await env.db.query(`select * from principal_sessions`),
        await env.db.query(`select * from principals`),
      ]);
      for (const t of [a, b, person.principalToken]) expect(everything).not.toContain(t);
    });

    it('ends a session unused for SESSION_IDLE_HOURS, and any SESSION_MAX_DAYS after its sign-in', async () => {
      const idle = await env.principal('staff', '330803');
      const old = await env.principal('staff', '330803');
      const fresh = await env.principal('staff', '330803');
      const set = (id: string, column: string, interval: string) =>
        env.db.query(
          `update principal_sessions set ${column} = now() - interval '${interval}' where principal_id = $1`,
          [id],
        );

      await set(fresh.id, 'last_used_at', '7 hours 59 minutes');
      await set(idle.id, 'last_used_at', '8 hours 1 minute');
      await set(old.id, 'created_at', '7 days 1 minute'); // used a moment ago, but signed in too long ago
      expect((await get(fresh.token, '/v1/me')).status).toBe(200);
      for (const p of [idle, old]) {
        const r = await get(p.token, '/v1/inbox');
        expect([r.status, r.body.message]).toEqual([401, AUTH_FAILURE_MESSAGES.session_expired]);
        expect(r.headers.get('www-authenticate')).toContain('Bearer');
      }
      // A use moves the idle limit on.
      const [touched] = await rowsOf<{ recent: boolean }>(
        `select last_used_at > now() - interval '1 minute' as recent from principal_sessions where principal_id = $1`,
        [fresh.id],
      );
      expect(touched!.recent).toBe(true);
      // Signing in again gives a working session.
      const again = await post(idle.principalToken, '/v1/session');
      expect((await get(again.body.token as string, '/v1/me')).status).toBe(200);
    });

    it('signs out, revokes with `principal revoke-sessions`, and ends sessions when the principal is disabled', async () => {
      const person = await env.principal('leader', '330800');
      const other = (await post(person.principalToken, '/v1/session')).body.token as string;
      const out = await call(env, person.token, 'DELETE', '/v1/session');
      expect(out.status).toBe(204);
      const after = await get(person.token, '/v1/me');
      expect([after.status, after.body.message]).toEqual([401, AUTH_FAILURE_MESSAGES.session_revoked]);
      expect((await get(other, '/v1/me')).status).toBe(200); // another sign-in stays

      expect(await cli(env, 'revoke-sessions', person.id)).toContain('1 session(s) revoked');
      expect((await get(other, '/v1/me')).body.message).toBe(AUTH_FAILURE_MESSAGES.session_revoked);

      const disabled = await env.principal('staff', '330803');
      expect(await cli(env, 'disable', disabled.id)).toContain('sessions are revoked');
      const r = await get(disabled.token, '/v1/me');
      expect([r.status, r.body.message]).toEqual([401, AUTH_FAILURE_MESSAGES.unknown]);
      expect((await post(disabled.principalToken, '/v1/session')).status).toBe(401);
    });
  });

  describe('system tokens', () => {
    it('expire on their date (`--expires`, else a year), and a rotated one works through its grace period only', async () => {
      const through = addDays(cstDateOf(new Date()), 30);
      const created = await cli(
        env,
        'create',
        '--name',
        '案管系统',
        '--role',
        'system',
        '--unit',
        '330000',
        '--system',
        '--expires',
        through,
      );
      const id = /id ([0-9a-f-]{36})/.exec(created)![1]!;
      const oldToken = printedToken(created);
      const [row] = await rowsOf<{
        expiresAt: Date;
      }>(`select token_expires_at as "expiresAt" from principals where id = $1`, [id]);
      expect(row!.expiresAt.toISOString()).toBe(cstStartOfDay(addDays(through, 1)).toISOString());
      expect((await get(oldToken, '/v1/leads')).status).toBe(200);

      const rotated = await cli(env, 'rotate', id, '--grace-hours', '24');
      const newToken = printedToken(rotated);
      expect(newToken).not.toBe(oldToken);
      expect((await get(oldToken, '/v1/leads')).status).toBe(200); // within the grace period
      expect((await get(newToken, '/v1/leads')).status).toBe(200);
      const [after] = await rowsOf<{ left: { days?: number }; grace: { hours?: number; minutes?: number } }>(
        `select token_expires_at - now() as "left", previous_token_valid_until - now() as grace from principals where id = $1`,
        [id],
      );
      expect(after!.left.days).toBe(364); // a new year from now (the interval rounds down)
      expect(after!.grace.hours).toBe(23);

      await env.db.query(
        `update principals set previous_token_valid_until = now() - interval '1 second' where id = $1`,
        [id],
      );
      const late = await get(oldToken, '/v1/leads');
      expect([late.status, late.body.message]).toEqual([401, AUTH_FAILURE_MESSAGES.token_rotated]);
      expect((await get(newToken, '/v1/leads')).status).toBe(200);

      await env.db.query(
        `update principals set token_expires_at = now() - interval '1 second' where id = $1`,
        [id],
      );
      const expired = await get(newToken, '/v1/leads');
      expect([expired.status, expired.body.message]).toEqual([401, AUTH_FAILURE_MESSAGES.token_expired]);

      const system = await env.principal('system', '330000');
      const [fresh] = await rowsOf<{ left: { days?: number } }>(
        `select token_expires_at - now() as "left" from principals where id = $1`,
        [system.id],
      );
      expect(fresh!.left.days).toBe(364);
    });
  });

  describe('headers', () => {
    it('sends helmet’s headers, no X-Powered-By, and no-store on every /v1 answer', async () => {
      const staff = await env.token('staff', '330803');
      for (const r of [
        await get(staff, '/v1/me'),
        await get(null, '/v1/me'),
        await get(null, '/v1/status'),
      ]) {
        expect(r.headers.get('cache-control')).toBe('no-store');
        expect(r.headers.get('x-powered-by')).toBeNull();
        expect(r.headers.get('x-content-type-options')).toBe('nosniff');
        expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(r.headers.get('referrer-policy')).toBe('no-referrer');
        expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
      }
      const page = await fetch(`${env.baseUrl}/console/`);
      expect(page.headers.get('x-powered-by')).toBeNull();
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests'); // the console is served over plain HTTP locally
      expect(page.headers.get('cache-control')).not.toBe('no-store');
      const docs = await fetch(`${env.baseUrl}/docs`);
      expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    });
  });

  describe('lifecycle entries that make sense', () => {
    let staff: string;
    /** A lead at 330803 whose facts end on 2024-03-10, claim 1,000 yuan. */
    async function insertLead(): Promise<string> {
      const id = randomUUID();
      await env.db.query(
        `insert into leads (id, model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                            legal_basis, statement, evidence, as_of, claim_fen)
         values ($1, 'entry_model', 1, $2, null, '330803', 'county', 'high', 15, '测试线索', '测试依据', '测试陈述', $3,
                 '2024-03-15T10:00:00+08:00', 100000)`,
        [
          id,
          `test:${id}`,
          {
            items: [
              { kind: 'event', source: 'court:浙0803', eventId: 'f1', on: '2024-01-10', summary: '立案' },
              { kind: 'event', source: 'court:浙0803', eventId: 'f2', on: '2024-03-10', summary: '登记' },
              {
                kind: 'event',
                source: 'court:浙0803',
                eventId: 'f3',
                on: '2024-06-03',
                summary: '恢复',
                context: true,
              },
            ],
            parties: [],
            facts: {},
          },
        ],
      );
      return id;
    }

    beforeAll(async () => {
      staff = await env.token('staff', '330803');
    });

    it('refuses a service date in the future or before the lead’s facts, per field in Chinese', async () => {
      const id = await insertLead();
      for (const action of ['claim', 'accept'])
        expect((await post(staff, `/v1/leads/${id}/${action}`)).status).toBe(200);
      const future = await post(staff, `/v1/leads/${id}/suggestion`, {
        number: '衢江检民建〔2031〕1号',
        servedOn: '2031-03-01',
      });
      expect(future.status).toBe(400);
      expect(future.body.fields).toEqual({
        servedOn: `送达日期 servedOn不能晚于今天（北京时间 ${cstDateOf(new Date())}），收到“2031-03-01”`,
      });
      const early = await post(staff, `/v1/leads/${id}/suggestion`, {
        number: '衢江检民建〔2024〕1号',
        servedOn: '2024-03-09',
      });
      expect([early.status, early.body.fields]).toEqual([
        400,
        { servedOn: '送达日期 servedOn不能早于线索所依据事实的最后日期 2024-03-10，收到“2024-03-09”' },
      ]);
      // The restoration shown for context (2024-06-03) does not count.
      const served = await post(staff, `/v1/leads/${id}/suggestion`, {
        number: '衢江检民建〔2024〕1号',
        servedOn: '2024-03-10',
      });
      expect(served.status).toBe(200);
      const late = await post(staff, `/v1/leads/${id}/court-reply`, {
        reply: 'adopted',
        repliedOn: '2031-01-01',
      });
      expect([late.status, Object.keys(late.body.fields ?? {})]).toEqual([400, ['repliedOn']]);
      expect(
        (await post(staff, `/v1/leads/${id}/court-reply`, { reply: 'adopted', repliedOn: '2024-05-01' }))
          .status,
      ).toBe(200);

      // Over the claim (1,000 yuan) only with a reason.
      const over = await post(staff, `/v1/leads/${id}/rectification`, { recoveredAmount: '1500.00' });
      expect([over.status, over.body.fields]).toEqual([
        400,
        {
          overClaimReason:
            '追回金额 1500.00 元超过申请执行标的 1000.00 元：如确有超出（如迟延履行利息、执行费用），请在 overClaimReason 中说明理由',
        },
      ]);
      expect(over.body.message).toMatch(/^请求有误：追回金额/);
      const explained = await post(staff, `/v1/leads/${id}/rectification`, {
        recoveredAmount: '1500.00',
        overClaimReason: '含迟延履行期间的债务利息 500 元',
      });
      expect([explained.status, explained.body.recoveredAmount]).toEqual([200, '1500.00']);
      const [t] = await rowsOf<{ data: Record<string, unknown> }>(
        `select data from lead_transitions where lead_id = $1 and action = 'record_rectification'`,
        [id],
      );
      expect(t!.data).toEqual({
        recoveredFen: 150000,
        claimFen: 100000,
        overClaimReason: '含迟延履行期间的债务利息 500 元',
      });
    });

    it('answers 400 naming the field, never 500, to NUL, other control characters and lone surrogates', async () => {
      const id = await insertLead();
      expect((await post(staff, `/v1/leads/${id}/claim`)).status).toBe(200);
      const nul = await post(staff, `/v1/leads/${id}/reject`, { reason: '不属实\u0000' });
      expect([nul.status, nul.body.fields]).toEqual([
        400,
        { reason: '不予受理的理由 reason含有不可见的控制字符（U+0000，第 4 个字符），请删除后重新提交' },
      ]);
      const surrogate = await post(staff, `/v1/leads/${id}/reject`, { reason: '理由\ud800' });
      expect([surrogate.status, surrogate.body.fields?.reason]).toEqual([
        400,
        '不予受理的理由 reason含有无效的字符编码（不成对的代理项），请删除后重新提交',
      ]);
      const bell = await post(staff, `/v1/leads/${id}/reject`, { reason: '理由\u0007' });
      expect(bell.status).toBe(400);
      // A read's reason is recorded, not refused: what cannot be stored is dropped.
      expect((await get(staff, `/v1/leads/${id}?reason=%00${encodeURIComponent('复核')}`)).status).toBe(200);
      const [read] = await rowsOf<{ reason: string }>(
        `select reason from audit_log where subject = $1 and action = 'lead.read' order by id desc limit 1`,
        [id],
      );
      expect(read!.reason).toBe('复核');
      const query = await get(staff, '/v1/leads?caseNo=%00');
      expect([query.status, Object.keys(query.body.fields ?? {})]).toEqual([400, ['caseNo']]);
      const long = await post(staff, `/v1/leads/${id}/reject`, { reason: '长'.repeat(1001) });
      expect([long.status, long.body.fields]).toEqual([
        400,
        { reason: '不予受理的理由 reason不能超过 1000 字' },
      ]);
      // Nothing was recorded; a sound reason with line breaks goes through.
      const ok = await post(staff, `/v1/leads/${id}/reject`, { reason: '一、财产已处置；\n二、不属实' });
      expect([ok.status, ok.body.status]).toEqual([200, 'rejected']);
    });
  });

  // Last: it blocks this client's authentication on this hub.
  describe('failed authentication', () => {
    it('throttles 1,000 bad tokens from one client: 429 in Chinese after RATE_LIMIT_AUTH_FAILURES, good tokens too', async () => {
      const good = await env.token('staff', '330803');
      const statuses: number[] = [];
      let last: Answer | null = null;
      for (let i = 0; i < 1000; i++) {
        last = await get(`zjt_guess-${i}-${randomUUID()}`, '/v1/me');
        statuses.push(last.status);
      }
      // The earlier specs' refusals (expired, revoked, …) count in the same window: at most
      // RATE_LIMIT_AUTH_FAILURES answers 401, then 429 only.
      const refused = statuses.indexOf(429);
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThanOrEqual(ACCESS_DEFAULTS.authFailures);
      expect(statuses.slice(0, refused).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(refused).every((s) => s === 429)).toBe(true);
      expect(last!.body.message).toMatch(/^认证失败次数过多，请在 \d+ 秒后重试$/);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      // While blocked, even a good token is not looked at.
      expect((await get(good, '/v1/me')).status).toBe(429);
      // Requests without a token are no guesses: still 401.
      expect((await get(null, '/v1/me')).status).toBe(401);
      // The feed upload shares the count: even a valid feed key is refused while blocked.
      const key = await env.createFeedKey(['court:浙0803'], ['court.case-events']);
      const upload = await fetch(`${env.baseUrl}/v1/feeds/court.case-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: '{}\n',
      });
      expect(upload.status).toBe(429);
      expect(((await upload.json()) as { message: string }).message).toMatch(/^认证失败次数过多/);
    });
  });
});

describe('the general rate limit', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv({ access: { ...ACCESS_DEFAULTS, apiRequests: 5, apiWindowSeconds: 600 } });
    await env.startHub({ ingest: false, screening: false, relay: false, api: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('answers 429 in Chinese past RATE_LIMIT_API_REQUESTS per window on /v1, and leaves the console’s files alone', async () => {
    const token = await env.token('staff', '330803');
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 7; i++) {
      last = await fetch(`${env.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(((await last!.json()) as { message: string }).message).toBe('请求过于频繁，请稍后再试');
    expect(last!.headers.get('retry-after')).not.toBeNull();
    expect((await fetch(`${env.baseUrl}/console/app.css`)).status).toBe(200);
    expect((await fetch(`${env.baseUrl}/health`)).status).toBe(200);
  });
});
