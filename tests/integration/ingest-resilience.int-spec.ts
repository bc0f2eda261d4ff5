import { mkdirSync } from 'node:fs';
import type { Consumer } from 'kafkajs';
import { chromium } from 'playwright-core';
import { physicalTopic } from '@zhijian/contracts';
import { IngestService, type InboundMessage } from '@zhijian/ingest';
import { caseFiled, usccOf, type WireEnvelope } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/** The browser's, in the page's init script. */
declare const sessionStorage: { setItem(key: string, value: string): void };

/**
 * No message can stop a feed, and a feed that cannot progress is visible. Failures PostgreSQL
 * raises are made with triggers on raw_events in this spec's own database, keyed on event ids:
 * `poison-*` fails as bad data would (SQLSTATE P0001), `flaky-*` fails its first three attempts
 * as a serialization failure (40001), `stuck-*` fails as an unavailable database (53300) for as
 * long as the spec wants.
 */
describe('ingest resilience: bisection, transient retries, stalled partitions', () => {
  let env: TestEnv;
  let crashes = 0;
  const applicant = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

  const filing = (eventId: string, n: number): WireEnvelope =>
    caseFiled({
      eventId,
      courtCode: '浙0803',
      caseNo: `（2024）浙0803执${n}号`,
      filedOn: '2024-01-10',
      claimFen: 5_000_000,
      applicants: [applicant],
      respondents: [{ kind: 'org', name: `被执行公司${n}`, uscc: usccOf('330803', 100 + n) }],
    });

  const get = async (path: string) => {
    const res = await fetch(`${env.baseUrl}${path}`);
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    env = await createTestEnv({ stallAfterMs: 3_000, enabledModels: [] });
    await env.db.query(`
      create sequence flaky_attempts;
      create table stuck_switch (on_ boolean not null);
      insert into stuck_switch values (true);
      create function spec_faults() returns trigger language plpgsql as $$
      begin
        if new.event_id like 'poison-%' then
          raise exception 'spec: % cannot be stored', new.event_id;
        end if;
        if new.event_id like 'flaky-%' and nextval('flaky_attempts') <= 3 then
          raise exception 'spec: could not serialize access' using errcode = '40001';
        end if;
        if new.event_id like 'stuck-%' and (select on_ from stuck_switch) then
          raise exception 'spec: too many connections' using errcode = '53300';
        end if;
        return new;
      end $$;
      create trigger spec_faults before insert on raw_events for each row execute function spec_faults();
      -- Quarantine refuses a key with a tab as it came, to make the escaped fallback store it.
      create function spec_quarantine_faults() returns trigger language plpgsql as $$
      begin
        if position(E'\t' in coalesce(new.message_key, '')) > 0 then
          raise exception 'spec: key refused';
        end if;
        return new;
      end $$;
      create trigger spec_quarantine_faults before insert on quarantine
        for each row execute function spec_quarantine_faults();
    `);
    await env.startHub();
    const consumer = env.app!.getMicroservices()[0]!.unwrap<Consumer>();
    consumer.on(consumer.events.CRASH, () => crashes++);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('answers /health ok while every partition keeps up', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', stalled: [] });
  });

  it('quarantines a message PostgreSQL refuses as unprocessable, applying its batch neighbours', async () => {
    const ingest = env.app!.get(IngestService);
    const topic = physicalTopic(env.config.topicPrefix, 'court.case-events');
    const ids = ['direct-1', 'direct-2', 'poison-direct', 'direct-3', 'direct-4', 'direct-5'];
    const messages: InboundMessage[] = ids.map((id, i) => ({
      topic: 'court.case-events',
      physicalTopic: topic,
      // A partition of its own, beyond the topic's three: nothing else writes there.
      partition: 7,
      offset: String(100 + i),
      // The poisoned message's key holds a tab, which makes its first quarantine insert fail (a
      // trigger): the fallback stores it escaped. Its header holds a NUL, which jsonb refuses:
      // escaped from the start.
      key: id === 'poison-direct' ? 'ke\ty' : `key-${i}`,
      value: Buffer.from(JSON.stringify(filing(id, 900 + i))),
      headers: { 'x-spec': 'direct', ...(id === 'poison-direct' ? { 'x-note': 'a\u0000b' } : {}) },
    }));
    const outcome = await ingest.ingestBatch(messages, {
      physicalTopic: topic,
      partition: 7,
      caughtUp: true,
    });
    expect(outcome).toMatchObject({ accepted: 5, duplicates: 0, rejected: 1 });
    expect(outcome.unprocessable).toEqual([
      { offset: '102', error: expect.stringContaining('spec: poison-direct cannot be stored') as unknown },
    ]);
    const stored: { eventId: string }[] = await env.db.query(
      `select event_id as "eventId" from raw_events where kafka_partition = 7 order by kafka_offset`,
    );
    expect(stored.map((r) => r.eventId)).toEqual(ids.filter((id) => id !== 'poison-direct'));
    const [row] = await env.db.query<
      {
        reason: string;
        violations: { pointer: string; message: string }[];
        key: string;
        headers: Record<string, string>;
        raw: Buffer;
      }[]
    >(
      `select reason, violations, message_key as key, headers, raw from quarantine where kafka_partition = 7`,
    );
    expect(row).toMatchObject({
      reason: 'unprocessable',
      key: 'ke\\u0009y',
      headers: { 'x-spec': 'direct', 'x-note': 'a\\u0000b' },
    });
    expect(row!.violations).toEqual([
      {
        pointer: '/',
        message: expect.stringMatching(
          /^入库失败：QueryFailedError \[P0001\]: spec: poison-direct/,
        ) as unknown,
      },
    ]);
    expect(row!.raw.equals(messages[2]!.value!)).toBe(true);
    // The neighbours were projected, not only logged.
    expect(
      await countOf(
        env.db,
        `select count(*)::int as n from cases where case_no like '（2024）浙0803执90_号'`,
      ),
    ).toBe(5);

    // Replaying the same batch changes nothing (the raw log's key and the quarantine's position absorb it).
    const again = await ingest.ingestBatch(messages, { physicalTopic: topic, partition: 7, caughtUp: true });
    expect(again).toMatchObject({ accepted: 0, duplicates: 5 });
    expect(await countOf(env.db, `select count(*)::int as n from quarantine where kafka_partition = 7`)).toBe(
      1,
    );
  });

  it('on Kafka: the poisoned message is quarantined, the rest applied, the consumer never restarts', async () => {
    const events = [1, 2, 3, 4, 5].map((n) => filing(`good-${n}`, n));
    const poison = filing('poison-1', 6);
    const after = [7, 8, 9].map((n) => filing(`good-${n}`, n));
    // One key: one partition, one send, so that they come as one batch.
    await env.publish(
      'court.case-events',
      [...events, poison, ...after].map((e) => ({ key: 'same-case', value: JSON.stringify(e) })),
    );
    await waitFor(
      'the batch stored',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events where event_id like 'good-%'`)) ===
          8 &&
        (await countOf(
          env.db,
          `select count(*)::int as n from quarantine where reason = 'unprocessable' and kafka_partition < 7`,
        )) === 1,
    );
    const [q] = await env.db.query<{ violations: { message: string }[] }[]>(
      `select violations from quarantine where reason = 'unprocessable' and kafka_partition < 7`,
    );
    expect(q!.violations[0]!.message).toContain('spec: poison-1 cannot be stored');

    // A message after them is accepted: the feed goes on.
    await env.publishAndWait([filing('good-10', 10)]);
    expect(crashes).toBe(0);
    const metrics = await waitFor(
      'the metrics to count it',
      async () => {
        const text = (await get('/metrics')).text;
        return /zhijian_events_rejected_total\{topic="[^"]+court\.case-events",reason="unprocessable"\} 2/.test(
          text,
        )
          ? text
          : undefined;
      },
      20_000,
      1_000,
    );
    expect(metrics).toMatch(/zhijian_consumer_lag\{topic="[^"]+court\.case-events",partition="\d"\} 0/);
  });

  it('retries a transient failure without quarantining anything', async () => {
    await env.publishAndWait([filing('flaky-1', 20)]);
    const attempts = await countOf(env.db, `select last_value::int as n from flaky_attempts`);
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect(
      await countOf(
        env.db,
        `select count(*)::int as n from quarantine where convert_from(raw, 'UTF8') like '%flaky-1%'`,
      ),
    ).toBe(0);
    expect(crashes).toBe(0);
  });

  it('reports a partition that cannot progress as degraded, and ok again once it moves', async () => {
    await env.publish('court.case-events', [{ key: 'stuck', value: JSON.stringify(filing('stuck-1', 30)) }]);
    const degraded = await waitFor(
      '/health degraded',
      async () => {
        const h = await get('/health');
        return h.status === 503 ? h.json() : undefined;
      },
      30_000,
      500,
    );
    expect(degraded).toMatchObject({ status: 'degraded' });
    const stalled = degraded.stalled as {
      topic: string;
      partition: number;
      lag: number;
      retrying: boolean;
    }[];
    expect(stalled).toEqual([
      expect.objectContaining({
        topic: physicalTopic(env.config.topicPrefix, 'court.case-events'),
        lag: 1,
        retrying: true,
      }),
    ]);
    const status = (await get('/v1/status')).json();
    expect(status.health).toBe('degraded');
    const partitions = status.partitions as {
      topic: string;
      partition: number;
      stalled: boolean;
      lag: number;
      lastError: string | null;
      oldestUnprocessedAgeSeconds: number;
    }[];
    const stuck = partitions.find((p) => p.stalled)!;
    expect(stuck).toMatchObject({
      partition: stalled[0]!.partition,
      lag: 1,
      lastError: 'QueryFailedError 53300',
    });
    expect(stuck.oldestUnprocessedAgeSeconds).toBeGreaterThanOrEqual(3);
    expect(partitions.filter((p) => p.stalled)).toHaveLength(1);
    const metrics = await waitFor(
      'the metrics to show the stall',
      async () => {
        const text = (await get('/metrics')).text;
        return text.includes(
          `zhijian_partition_stalled{topic="${stuck.topic}",partition="${stuck.partition}"} 1`,
        )
          ? text
          : undefined;
      },
      20_000,
      1_000,
    );
    expect(metrics).toContain(
      `zhijian_consumer_lag{topic="${stuck.topic}",partition="${stuck.partition}"} 1`,
    );
    expect(metrics).toMatch(
      new RegExp(
        `zhijian_oldest_unprocessed_age_seconds\\{topic="${stuck.topic.replace(/\./g, '\\.')}",partition="${stuck.partition}"\\} [1-9]`,
      ),
    );
    expect(
      await countOf(
        env.db,
        `select count(*)::int as n from quarantine where convert_from(raw, 'UTF8') like '%stuck-1%'`,
      ),
    ).toBe(0);

    // The operators' console shows it on the quarantine page, in Chinese.
    const operator = await env.token('operator', '330000');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox'],
    });
    try {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } });
      await context.addInitScript(
        ([k, v]) => sessionStorage.setItem(k!, v!),
        ['zhijian.console.token', operator],
      );
      const page = await context.newPage();
      await page.goto(`${env.baseUrl}/console/#/quarantine`);
      await page.waitForSelector('[data-testid="feed-status"]');
      expect(await page.getAttribute('[data-health]', 'data-health')).toBe('degraded');
      expect(await page.textContent('[data-testid="feed-status"] [data-health]')).toContain(
        '1 个分区消费停滞',
      );
      const row = await page.textContent(`[data-partition="${stuck.topic}[${stuck.partition}]"]`);
      expect(row).toContain('停滞');
      expect(row).toContain('QueryFailedError 53300');
      expect(await page.textContent('[data-reason="unprocessable"]')).toBe(
        '无法处理（解码或入库异常）：2 条',
      );
      mkdirSync('reports/screenshots', { recursive: true });
      await page.screenshot({ path: 'reports/screenshots/quarantine-feed-status.png', fullPage: true });
    } finally {
      await browser.close();
    }

    // The database takes it again: the retried batch goes in, the partition catches up.
    await env.db.query(`update stuck_switch set on_ = false`);
    await waitFor(
      'stuck-1 stored',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from raw_events where event_id = 'stuck-1'`)) === 1,
    );
    const healthy = await waitFor(
      '/health ok',
      async () => {
        const h = await get('/health');
        return h.status === 200 ? h.json() : undefined;
      },
      30_000,
      500,
    );
    expect(healthy).toEqual({ status: 'ok', stalled: [] });
    expect(crashes).toBe(0);
  });
});
