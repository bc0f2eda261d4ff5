import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CASE_MODEL_DEFINITIONS } from '@zhijian/catalogue';
import {
  addDays,
  cstDateOf,
  cstStartOfDay,
  factsAsOf,
  factsByCase,
  ModelRefusal,
  type LeadDraft,
} from '@zhijian/domain';
import { dataSourceOptions } from '@zhijian/persistence';
import { backtestDeclarative, compileDeclarativeModel, type DeclarativeModel } from '@zhijian/screening';
import { ScreeningRepository } from '@zhijian/screening/internal/repositories/screening.repository';
import { DeclarativeRepository } from '@zhijian/screening/internal/repositories/declarative.repository';
import { generateCatalogueProvince, toFeedMessages } from '@zhijian/simulator';
import { countOf, createTestEnv, type TestEnv } from '@zhijian/testing';

/**
 * Declarative models (issue 18) over the stored facts of a catalogue province: the three
 * catalogue models re-expressed as files raise exactly the built-in models' leads (dedup key,
 * statement, evidence, parties, facts) and set the same timers, as of several business dates;
 * predicates run as the reader role of the hub's own database role, read-only, bounded.
 */
const MODELS = ['rights_notice_late', 'service_overdue', 'objection_review_overdue'];
const DIR = join(__dirname, '..', '..', 'libs', 'catalogue', 'declarative');

const byKey = (a: LeadDraft, b: LeadDraft) =>
  a.caseNo < b.caseNo
    ? -1
    : a.caseNo > b.caseNo
      ? 1
      : a.dedupKey < b.dedupKey
        ? -1
        : a.dedupKey > b.dedupKey
          ? 1
          : 0;

describe('declarative models', () => {
  let env: TestEnv;
  /** The hub's own role (DATABASE_URL), as screening runs predicates. */
  let hubDb: DataSource;
  let lastDate: string;
  const models = new Map<string, DeclarativeModel>();

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: MODELS });
    lastDate = addDays(cstDateOf(new Date()), -1);
    const province = generateCatalogueProvince({
      seed: 1818,
      cases: 40,
      plantedShare: 0.8,
      lastDate,
      models: MODELS,
    });
    await env.startHub({ ingest: true, screening: false, relay: false, api: false });
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const m of toFeedMessages(province.events))
      byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
    for (const [topic, batch] of byTopic) await env.publish(topic as never, batch);
    await env.stored();
    expect(await countOf(env.db, `select count(*)::int as n from quarantine`)).toBe(0);
    await env.stopHub();
    hubDb = new DataSource(dataSourceOptions(env.config.databaseUrl, 2));
    await hubDb.initialize();
    for (const id of MODELS) {
      models.set(id, compileDeclarativeModel(readFileSync(join(DIR, `${id}.model.yaml`), 'utf8')));
    }
  });

  afterAll(async () => {
    await hubDb?.destroy();
    await env?.close();
  });

  /** What the built-in model raises and when it wakes, over all stored cases as of the end of `asOf`. */
  async function builtIn(modelId: string, asOf: string) {
    const definition = CASE_MODEL_DEFINITIONS.find((d) => d.meta.id === modelId)!;
    const model = definition.create(definition.defaults);
    const instant = cstStartOfDay(addDays(asOf, 1));
    return env.db.transaction('REPEATABLE READ', async (m) => {
      const repo = new ScreeningRepository();
      const all = (await repo.allCases(m)).map((c) => c.caseNo);
      const leads: LeadDraft[] = [];
      const timers: { caseNo: string; dueAt: Date }[] = [];
      for (const f of factsByCase(factsAsOf(await repo.loadCaseFacts(m, all), asOf))) {
        const e = model.evaluate(f, instant);
        leads.push(...e.leads);
        if (e.wakeAt) timers.push({ caseNo: f.case.caseNo, dueAt: e.wakeAt });
      }
      return { leads, timers };
    });
  }

  it.each(MODELS)(
    '%s: the declarative file raises exactly the built-in leads and timers',
    async (modelId) => {
      let raised = 0;
      let timers = 0;
      // Business dates inside the periods (a few days after events of the province) and today's.
      const dates: { d: string }[] = await env.db.query(
        `select distinct to_char(on_date + 3, 'YYYY-MM-DD') as d from case_events order by 1`,
      );
      const step = Math.max(1, Math.floor(dates.length / 12));
      const asOfs = [...dates.filter((_, i) => i % step === 0).map((r) => r.d), lastDate];
      for (const asOf of asOfs) {
        const expected = await builtIn(modelId, asOf);
        const actual = await backtestDeclarative(hubDb, models.get(modelId)!, { asOf });
        expect({ asOf, leads: [...actual.leads].sort(byKey) }).toEqual({
          asOf,
          leads: [...expected.leads].sort(byKey),
        });
        const order = (t: { caseNo: string }[]) => [...t].sort((a, b) => (a.caseNo < b.caseNo ? -1 : 1));
        expect({ asOf, timers: order(actual.timers) }).toEqual({ asOf, timers: order(expected.timers) });
        expect(actual.cost.runs).toBeGreaterThan(0);
        raised += expected.leads.length;
        timers += expected.timers.length;
      }
      // Not a vacuous comparison: the province plants hits of each model.
      expect(raised).toBeGreaterThan(0);
      // Deadlines still running on some of those dates: the timers were compared too (权利告知不及时
      // has no period: it is due once the closing day is over, and never waits).
      if (modelId !== 'rights_notice_late') expect(timers).toBeGreaterThan(0);
    },
  );

  it('stops a predicate that runs too long, with a Chinese error', async () => {
    const slow = compileDeclarativeModel(
      readFileSync(join(DIR, 'rights_notice_late.model.yaml'), 'utf8').replace(
        /^predicate: \|[\s\S]*?^statement:/m,
        `predicate: |
  select c.case_no from cases c cross join case_timeline a cross join case_timeline b cross join case_timeline d
  where c.case_no = any(:cases) and length(a.type || b.type || d.type) < 0
statement:`,
      ),
    );
    const run = backtestDeclarative(hubDb, slow, {
      asOf: lastDate,
      limits: { timeoutMs: 100, maxRows: 100 },
    });
    const error = await run.catch((e: unknown) => e as ModelRefusal);
    expect(error).toBeInstanceOf(ModelRefusal);
    expect((error as ModelRefusal).code).toBe('timeout');
    expect((error as ModelRefusal).message).toMatch(/超过 100 毫秒/);
  });

  it('stops at the row limit', async () => {
    const many = compileDeclarativeModel(
      readFileSync(join(DIR, 'rights_notice_late.model.yaml'), 'utf8').replace(
        /^predicate: \|[\s\S]*?^statement:/m,
        `predicate: |
  select c.case_no from cases c cross join case_timeline t where c.case_no = any(:cases)
statement:`,
      ),
    );
    const error = await backtestDeclarative(hubDb, many, {
      asOf: lastDate,
      limits: { timeoutMs: 5_000, maxRows: 5 },
    }).catch((e: unknown) => e as ModelRefusal);
    expect(error).toBeInstanceOf(ModelRefusal);
    expect((error as ModelRefusal).code).toBe('row_limit');
    expect((error as ModelRefusal).message).toMatch(/超过上限 5 行/);
  });

  it('the reader role reads the views only and writes nothing, even past acceptance', async () => {
    const repo = new DeclarativeRepository();
    const raw = (sql: string) =>
      repo.run(
        hubDb,
        { sql, parameters: [], views: [], functions: [] },
        {},
        {
          cutoff: lastDate,
          timeoutMs: 2_000,
          maxRows: 10,
        },
      );
    await expect(raw(`select case_no from public.leads`)).rejects.toMatchObject({ code: 'permission' });
    await expect(raw(`select case_no from public.cases`)).rejects.toMatchObject({ code: 'permission' });
    await expect(raw(`select nextval('public.outbox_id_seq')::text as case_no`)).rejects.toBeInstanceOf(
      ModelRefusal,
    );
    const ok = await raw(`select case_no from cases limit 3`);
    expect(ok.rows).toHaveLength(3);
  });

  it('refuses before running: a write, a table outside the views, a forbidden function', () => {
    const text = readFileSync(join(DIR, 'service_overdue.model.yaml'), 'utf8');
    const withPredicate = (sql: string) =>
      text.replace(/^predicate: \|[\s\S]*?^statement:/m, `predicate: |\n  ${sql}\nstatement:`);
    const refused = (sql: string) => {
      try {
        compileDeclarativeModel(withPredicate(sql));
      } catch (e) {
        return e as ModelRefusal;
      }
      throw new Error('accepted');
    };
    expect(refused(`update cases set closed_on = null where case_no = any(:cases)`).code).toBe('write');
    expect(refused(`select case_no from leads where case_no = any(:cases)`).message).toMatch(/标准视图/);
    expect(refused(`select case_no, pg_sleep(60) from cases where case_no = any(:cases)`).message).toMatch(
      /不允许的函数 pg_sleep/,
    );
  });
});
