import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { SchemaRegistry, type SourceReport } from '@zhijian/contracts';
import { checkFeed, EnvelopeDecoder, feedSamples, type LineOutcome } from '@zhijian/ingest';
import { createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';
// The CLI is an app with no @zhijian alias; its program is parsed here in process (no 7 s ts-node start per command).
// eslint-disable-next-line no-restricted-imports
import { buildProgram } from '../../apps/cli/src/program';

/**
 * Issue 16: a producer's mixed file gets the same outcomes line for line from the offline
 * `feed validate` check, a dry-run upload and a real upload; the dry run stores nothing; the
 * conformance report sees the source; `--help` on every CLI command runs nothing.
 */
describe('producer tools', () => {
  let env: TestEnv;
  let key: string;
  const registry = SchemaRegistry.load();
  const { valid, mistakes } = feedSamples(registry, 'court.case-events');
  // Good lines, every typical mistake, and a duplicate of the first line.
  const body =
    [...valid.slice(0, 5).map((s) => s.line), ...mistakes.map((m) => m.line), valid[0]!.line].join('\n') +
    '\n';

  beforeAll(async () => {
    env = await createTestEnv();
    await env.startHub();
    key = await env.createFeedKey(['court:浙0803'], ['court.case-events'], '南湖区法院');
  });
  afterAll(async () => {
    await env?.close();
  });

  /** The CLI's program, in process (its database from process.env). */
  const program = (...args: string[]) =>
    buildProgram()
      .exitOverride()
      .parseAsync(['node', 'zhijian', ...args]);

  function post(path: string, text: string, contentType = 'application/x-ndjson') {
    return new Promise<{ status: number; lines: Record<string, unknown>[] }>((resolve, reject) => {
      const req = request(
        `${env.baseUrl}${path}`,
        { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${key}` } },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              lines: data
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l) as Record<string, unknown>),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  const comparable = (o: Record<string, unknown>) =>
    o.status === 'rejected'
      ? {
          line: o.line,
          status: o.status,
          reason: o.reason,
          // future_dated quotes "now": the three runs are a few milliseconds apart.
          violations: JSON.parse(
            JSON.stringify(o.violations).replace(/\d{2}:\d{2}\.\d{3}Z/g, 'hh:mm.sssZ'),
          ) as unknown,
        }
      : { line: o.line, status: o.status, eventId: o.eventId };

  it('validate, dry run and upload answer the same file the same, line by line, with Chinese messages', async () => {
    const decoder = new EnvelopeDecoder(registry);
    const offline: LineOutcome[] = [];
    for await (const o of checkFeed(Readable.from([body]), decoder, { topic: 'court.case-events' }))
      offline.push(o);

    const dry = await post('/v1/feeds/court.case-events?dryRun=true', body);
    expect(dry.status).toBe(200);
    const dryOutcomes = dry.lines.filter((l) => 'line' in l);
    expect(dry.lines.at(-1)).toMatchObject({ summary: { dryRun: true } });
    const stored = async () =>
      (
        await env.db.query<{ n: number }[]>(
          `select (select count(*) from quarantine)::int + (select count(*) from upload_receipts)::int
                + (select count(*) from feed_uploads)::int as n`,
        )
      )[0]!.n;
    expect(await stored()).toBe(0);

    const real = await post('/v1/feeds/court.case-events', body);
    const realOutcomes = real.lines.filter((l) => 'line' in l);

    const expected = offline.map((o) => comparable(o as unknown as Record<string, unknown>));
    expect(dryOutcomes.map(comparable)).toEqual(expected);
    expect(realOutcomes.map(comparable)).toEqual(expected);
    expect(expected.filter((o) => o.status === 'accepted')).toHaveLength(5);
    expect(expected.at(-1)).toMatchObject({ status: 'duplicate' });
    // Each rejection gets the reason its sample says, with messages that name the field and the rule.
    const rejected = offline.filter((o) => o.status === 'rejected');
    expect(rejected.map((o) => o.reason)).toEqual(mistakes.map((m) => m.expect));
    for (const o of rejected)
      for (const v of o.violations) {
        expect(v.message).toMatch(/[\u4e00-\u9fff]/);
        if (v.rule) expect(v.message).toContain(`规则 ${v.rule}`);
      }
    expect(await stored()).toBeGreaterThan(0);

    // The operator's report sees the source, its rejections and the future-dated line.
    await waitFor('the accepted lines ingested', async () => {
      const [r] = await env.db.query<{ n: number }[]>(`select count(*)::int as n from raw_events`);
      return r!.n >= 5;
    });
    const token = await env.token('operator', '330000');
    const res = await fetch(`${env.baseUrl}/v1/sources/${encodeURIComponent('court:浙0803')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as SourceReport;
    expect(report).toMatchObject({
      source: 'court:浙0803',
      events: 5,
      futureDated: 1,
      silent: false,
      duplicates: 1,
    });
    expect(report.rejections.map((r) => r.reason)).toContain('invalid_identifier');
    expect(report.lateness!.maxSeconds).toBeGreaterThan(86_400);
    expect(report.late).toBe(true);
  });

  it('the operator list flags the late, the future-dated and the silent source', async () => {
    // A registry that delivered on time (business time = now) and then went quiet.
    const registryKey = await env.createFeedKey(
      ['agency:realestate:330803'],
      ['registry.realestate'],
      '南湖区不动产登记中心',
    );
    const now = new Date().toISOString();
    const lines = feedSamples(registry, 'registry.realestate', 2).valid.map((v) =>
      JSON.stringify({ ...(JSON.parse(v.line) as object), occurredAt: now }),
    );
    const res = await fetch(`${env.baseUrl}/v1/feeds/registry.realestate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${registryKey}` },
      body: lines.join('\n') + '\n',
    });
    expect(res.status).toBe(200);
    await waitFor('the registry events ingested', async () => {
      const [r] = await env.db.query<{ n: number }[]>(
        `select count(*)::int as n from source_progress where source = 'agency:realestate:330803'`,
      );
      return r!.n > 0;
    });
    // The court sends one event older than those it sent before: out of order.
    const older = JSON.stringify({
      ...(JSON.parse(valid[5]!.line) as object),
      occurredAt: '2024-01-01T09:00:00+08:00',
    });
    expect((await post('/v1/feeds/court.case-events', older + '\n')).lines[0]).toMatchObject({
      status: 'accepted',
    });
    await waitFor('the older court event ingested', async () => {
      const [r] = await env.db.query<{ n: number }[]>(
        `select count(*)::int as n from raw_events where source = 'court:浙0803'`,
      );
      return r!.n >= 6;
    });
    // Its last delivery three days ago: over SOURCE_SILENT_HOURS (48).
    await env.db.query(
      `update source_progress set last_arrival_at = now() - interval '3 days' where source = 'agency:realestate:330803'`,
    );
    const token = await env.token('operator', '330000');
    const list = (await (
      await fetch(`${env.baseUrl}/v1/sources`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { silentAfterHours: number; sources: SourceReport[] };
    expect(list.silentAfterHours).toBe(48);
    const bySource = Object.fromEntries(list.sources.map((x) => [x.source, x]));
    expect(bySource['court:浙0803']).toMatchObject({
      late: true,
      silent: false,
      futureDated: 1,
      outOfOrder: 1,
    });
    expect(bySource['agency:realestate:330803']).toMatchObject({
      late: false,
      silent: true,
      futureDated: 0,
      events: 2,
    });
    expect(bySource['court:浙0803']!.daily.at(-1)!.events).toBe(6);
    // Every read is audited.
    const audited = await env.db.query<{ action: string; subject: string }[]>(
      `select action, subject from audit_log where action like 'source.%' order by id`,
    );
    expect(audited).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'source.report', subject: 'source court:浙0803' }),
        expect.objectContaining({ action: 'source.list' }),
      ]),
    );
    // Staff may not read it.
    const staff = await env.token('staff', '330803');
    expect(
      (await fetch(`${env.baseUrl}/v1/sources`, { headers: { authorization: `Bearer ${staff}` } })).status,
    ).toBe(403);
  });

  it('answers 415 with Chinese to JSON on the upload, and 400 with Chinese to a malformed JSON body', async () => {
    const wrong = await post('/v1/feeds/court.case-events', body, 'application/json');
    expect(wrong.status).toBe(415);
    expect(String(wrong.lines[0]!.message)).toContain('application/x-ndjson');
    const malformed = await fetch(`${env.baseUrl}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"token": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toContain('不是合法的 JSON');
  });

  it('feed-key create, list, rotate and disable: keys shown once, stored hashed, working as told', async () => {
    const saved = process.env;
    process.env = env.cliEnv();
    const out: string[] = [];
    const log = jest
      .spyOn(console, 'log')
      .mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const lastKey = () => out.filter((l) => l.startsWith('zjk_')).at(-1)!;
    const upload = (k: string) =>
      fetch(`${env.baseUrl}/v1/feeds/procuratorate.petitions?dryRun=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${k}` },
        body: feedSamples(registry, 'procuratorate.petitions').valid[0]!.line + '\n',
      });
    try {
      await program('feed-key', 'create', '--name', '南湖区检察院', '--source', 'procuratorate:330803');
      const first = lastKey();
      const id = /#(\d+)/.exec(out.find((l) => l.startsWith('created feed key'))!)![1]!;
      expect(out.join('\n')).toContain('procuratorate.petitions'); // the topic follows from the source
      const [stored] = await env.db.query<{ h: string }[]>(
        `select key_hash as h from feed_keys where id = $1`,
        [id],
      );
      expect(stored!.h).not.toContain(first.slice(4, 20));
      expect((await upload(first)).status).toBe(200);

      await program('feed-key', 'rotate', id);
      const second = lastKey();
      expect(second).not.toBe(first);
      expect((await upload(first)).status).toBe(401);
      expect((await upload(second)).status).toBe(200);

      out.length = 0;
      await program('feed-key', 'list', '--source', 'procuratorate:330803');
      expect(out.join('\n')).toMatch(/disabled/);
      expect(out.join('\n')).not.toContain('zjk_');
      const newId = /#(\d+)\s+active/.exec(out.join('\n'))![1]!;
      await program('feed-key', 'disable', newId);
      expect((await upload(second)).status).toBe(401);
    } finally {
      log.mockRestore();
      process.env = saved;
    }
  });

  it('feed report prints the report the API answers', async () => {
    const saved = process.env;
    process.env = env.cliEnv();
    const out: string[] = [];
    const log = jest
      .spyOn(console, 'log')
      .mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      await program('feed', 'report', '--source', 'court:浙0803', '--json');
      const cli = JSON.parse(out.join('\n')) as SourceReport;
      const token = await env.token('operator', '330000');
      const api = (await (
        await fetch(`${env.baseUrl}/v1/sources/${encodeURIComponent('court:浙0803')}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as SourceReport;
      const stable = (r: SourceReport) => ({ ...r, lagSeconds: null, silent: null });
      expect(stable(cli)).toEqual(stable(api));
      out.length = 0;
      await program('feed', 'report', '--source', 'court:浙0803');
      const text = out.join('\n');
      expect(text).toContain('来源 court:浙0803');
      expect(text).toMatch(/每日 [▁▂▃▄▅▆▇█]+/);
      expect(text).toContain('future_dated');
    } finally {
      log.mockRestore();
      process.env = saved;
    }
  });

  it('--help on every command prints help and runs nothing: a database that does not exist stays so', async () => {
    const missing = `zhijian_help_${Date.now()}`;
    const url = new URL(env.config.migrationDatabaseUrl);
    url.pathname = `/${missing}`;
    const saved = { ...process.env };
    process.env.MIGRATION_DATABASE_URL = url.toString();
    process.env.DATABASE_URL = url.toString();
    const commands: string[][] = [];
    const walk = (cmd: Command, path: string[]) => {
      for (const sub of cmd.commands) {
        commands.push([...path, sub.name()]);
        walk(sub, [...path, sub.name()]);
      }
    };
    walk(buildProgram(), []);
    expect(commands.length).toBeGreaterThanOrEqual(20);
    try {
      for (const args of commands) {
        let out = '';
        const program = buildProgram();
        const configure = (c: Command) => {
          c.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
          c.commands.forEach(configure);
        };
        configure(program);
        await expect(program.parseAsync(['node', 'zhijian', ...args, '--help'])).rejects.toMatchObject({
          code: 'commander.helpDisplayed',
        });
        expect(out).toContain('Usage: zhijian');
      }
    } finally {
      process.env = saved;
    }
    const [exists] = await env.db.query<{ n: number }[]>(
      `select count(*)::int as n from pg_database where datname = $1`,
      [missing],
    );
    expect(exists!.n).toBe(0);
  });
});
