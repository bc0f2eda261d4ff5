import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CASE_MODEL_DEFINITIONS, createCaseModels, declaredOverrides } from '@zhijian/catalogue';
import {
  addDays,
  cstDateOf,
  cstStartOfDay,
  factsAsOf,
  factsByCase,
  ModelRefusal,
  type LeadDraft,
} from '@zhijian/domain';
import { dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from '@zhijian/persistence';
import {
  backtestDeclarative,
  compileDeclarativeModel,
  exportModelPackage,
  generateOfficeKeys,
  importModelPackage,
  ModelRegistry,
  signModelPackage,
  verifyModelPackage,
  type DeclarativeModel,
  type OfficeKeys,
  type ModelPackage,
} from '@zhijian/screening';
import { ScreeningRepository } from '@zhijian/screening/internal/repositories/screening.repository';
import { DeclarativeRepository } from '@zhijian/screening/internal/repositories/declarative.repository';
import { generateCatalogueProvince, toFeedMessages } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';
import { vehiclePurchase } from './vehicle-purchase.fixture';

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

  /** The key pair of the province's office, this hub's signing key (MODEL_SIGNING_KEY_FILE). */
  let signing: OfficeKeys;

  beforeAll(async () => {
    signing = generateOfficeKeys('330000');
    const keyFile = join(tmpdir(), `zhijian-model-key-${process.pid}.json`);
    writeFileSync(keyFile, JSON.stringify(signing), { mode: 0o600 });
    env = await createTestEnv({ enabledModels: MODELS, modelSigningKeyFile: keyFile });
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
      expect(asOfs.length).toBeGreaterThanOrEqual(10);
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
    // ID numbers are not in the views.
    await expect(raw(`select case_no, id_no from parties`)).rejects.toMatchObject({ code: 'columns' });
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
  describe('a collision model written, reviewed, listed, then raising leads on fresh events', () => {
    const COURT = '浙0803';
    const UNIT = '330803';
    const MODEL = 'vehicle_bought_uncontrolled';
    const source = readFileSync(join(DIR, 'examples', `${MODEL}.model.yaml`), 'utf8');
    const t: Record<string, string> = {};
    const today = cstDateOf(new Date());
    const day = (n: number) => addDays(today, n);

    beforeAll(async () => {
      await env.startHub();
      t.prosecutor = await env.token('prosecutor', UNIT, '承办检察官');
      t.county = await env.token('leader', UNIT, '院领导');
      t.province = await env.token('leader', '330000', '省院审查人员');
      t.operator = await env.token('operator', '330000', '运维值班员');
    });

    async function post<T>(
      token: string,
      path: string,
      body: unknown = {},
    ): Promise<{ status: number; body: T }> {
      const res = await fetch(`${env.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    }

    /** A case whose respondent is served the execution notice and then buys a car (`bought` days from today). */
    const scenario = (n: number, o: { bought: number; controlled?: number }) =>
      vehiclePurchase(n, o, { court: COURT, unit: UNIT });

    it('validated, backtested, submitted, approved and listed, then live: the hit raises, the near misses do not', async () => {
      const checked = await post<{ id: string; views: string[] }>(t.prosecutor!, '/v1/models/validate', {
        source,
      });
      expect(checked.status).toBe(200);
      expect(checked.body.views).toEqual(['case_timeline', 'cases', 'parties', 'vehicle_holdings']);
      const bt = await post<{ cases: number; cost: { runs: number } }>(t.prosecutor!, '/v1/models/backtest', {
        source,
        asOf: day(-1),
      });
      expect(bt.status).toBe(200);
      expect(bt.body.cost.runs).toBeGreaterThan(0);

      // A re-expressed catalogue model backtested in the workbench: no difference from the built-in one.
      const same = await post<{ leads: unknown[]; comparedWith: unknown }>(
        t.prosecutor!,
        '/v1/models/backtest',
        {
          source: readFileSync(join(DIR, 'service_overdue.model.yaml'), 'utf8'),
          asOf: day(-1),
        },
      );
      expect(same.body.leads.length).toBeGreaterThan(0);
      expect(same.body.comparedWith).toEqual({ against: '内置模型', added: [], removed: [] });

      const refused = await post<{ message: string }>(t.prosecutor!, '/v1/models/validate', {
        source: source.replace('from notices n', 'from notices n join leads l on true'),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/只能读取公布的标准视图/);

      expect((await post(t.prosecutor!, '/v1/models', { source })).status).toBe(201);
      expect((await post(t.prosecutor!, '/v1/models', { source })).status).toBe(409);
      const early = await post<{ message: string }>(t.province!, `/v1/models/${MODEL}/versions/1/review`, {
        decision: 'approve',
      });
      expect(early.status).toBe(409);
      expect(early.body.message).toMatch(/草稿/);
      const submitted = await post<{ message: string }>(
        t.prosecutor!,
        `/v1/models/${MODEL}/versions/1/submit`,
      );
      expect(submitted).toMatchObject({ status: 200 });
      expect(
        (await post(t.county!, `/v1/models/${MODEL}/versions/1/review`, { decision: 'approve' })).status,
      ).toBe(403);
      const approved = await post<{ status: string; reviewComment: string }>(
        t.province!,
        `/v1/models/${MODEL}/versions/1/review`,
        { decision: 'approve', comment: '法律依据充分，同意上架' },
      );
      expect(approved.body).toMatchObject({ status: 'approved', reviewComment: '法律依据充分，同意上架' });
      expect((await post(t.province!, `/v1/models/${MODEL}/versions/1/list`)).body).toMatchObject({
        status: 'listed',
      });

      const hit = scenario(7101, { bought: -90 });
      const seizedInTime = scenario(7102, { bought: -90, controlled: -80 });
      const boughtBefore = scenario(7103, { bought: -115 });
      const stillRunning = scenario(7104, { bought: -5 });
      await env.publishAndWait([
        ...hit.events,
        ...seizedInTime.events,
        ...boughtBefore.events,
        ...stillRunning.events,
      ]);
      await waitFor('the lead of the listed declarative model', async () =>
        (await env.individualLeads([hit.caseNo])).some((l) => l.modelId === MODEL),
      );
      await env.settled();
      const leads = (await env.individualLeads()).filter((l) => l.modelId === MODEL);
      expect(leads.map((l) => ({ caseNo: l.caseNo, unitCode: l.unitCode }))).toEqual([
        { caseNo: hit.caseNo, unitCode: UNIT },
      ]);
      expect(leads[0]!.statement).toBe(
        `${hit.caseNo}的被执行人于${day(-110)}被送达执行通知书后，于${day(-90)}登记购置车辆（${hit.vin}），` +
          `执行法院至${leads[0]!.statement.match(/至(\d{4}-\d{2}-\d{2})仍未/)![1]}仍未查封、扣押该车辆。`,
      );
      // The purchase five days ago waits on a timer for its last day.
      expect(
        await countOf(
          env.db,
          `select count(*)::int as n from deadline_timers where model_id = $1 and case_no = $2`,
          [MODEL, stillRunning.caseNo],
        ),
      ).toBe(1);
      const actions: { action: string }[] = await env.db.query(
        `select action from audit_log where subject like 'model:%' order by id`,
      );
      expect(actions.map((a) => a.action)).toEqual([
        'model.draft',
        'model.submit',
        'model.approve',
        'model.list',
      ]);
      // The county office switches the model off: a new hit there raises nothing, its open lead stays.
      const off = await fetch(`${env.baseUrl}/v1/models/${MODEL}/switch-off`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.county!}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '本院暂停使用' }),
      });
      expect(off.status).toBe(204);
      expect(
        await countOf(env.db, `select count(*)::int as n from audit_log where action = 'model.switch_off'`),
      ).toBe(1);
      const afterOff = scenario(7105, { bought: -90 });
      await env.publishAndWait(afterOff.events);
      await env.settled();
      expect((await env.individualLeads()).filter((l) => l.modelId === MODEL).map((l) => l.caseNo)).toEqual([
        hit.caseNo,
      ]);
      // Results per model and version, as a reviewer sees them before promoting the model.
      const results = await fetch(`${env.baseUrl}/v1/models/results?modelId=${MODEL}`, {
        headers: { authorization: `Bearer ${t.province!}` },
      });
      expect(await results.json()).toEqual([
        {
          modelId: MODEL,
          modelVersion: 1,
          title: '执行通知后购置车辆未控制',
          declarative: true,
          raised: 1,
          accepted: 0,
          suggestionsIssued: 0,
          adopted: 0,
          rectified: 0,
          recoveredFen: 0,
        },
      ]);
    });

    it('MODEL_THRESHOLDS may name the stored model: checked at boot against its declared parameters', async () => {
      // What the screening module builds its models from at boot: the stored declarative models.
      const files = await new ModelRegistry().configurable(env.db.manager);
      expect(files.map((f) => f.id)).toContain(MODEL);
      expect(() => createCaseModels({ [MODEL]: { controlWithinDays: 'x' } }, [], files)).toThrow(
        `${MODEL}.controlWithinDays: expected an integer >= 1, got "x"`,
      );
      expect(() => createCaseModels({ [MODEL]: { controlWithin: 20 } }, [], files)).toThrow(
        `${MODEL}.controlWithin: no such parameter (has controlWithinDays)`,
      );
      const file = files.find((f) => f.id === MODEL)!;
      expect(createCaseModels({ [MODEL]: { controlWithinDays: 20 } }, [], files)).toEqual([]);
      expect(declaredOverrides({ [MODEL]: { controlWithinDays: 20 } }, file)).toEqual({
        controlWithinDays: 20,
      });
    });

    it('exported as a package signed with SM2, imported into another hub as a draft; a tampered package refused', async () => {
      const keys = generateOfficeKeys('330000');
      const pkg = await exportModelPackage(hubDb, MODEL, 1, keys);
      // The backtest is the model's over all stored facts (an office's switch-off is not the model's).
      expect(pkg.backtest).toMatchObject({
        leads: 2,
        caseNos: [`（2026）${COURT}执7101号`, `（2026）${COURT}执7105号`],
      });
      expect(pkg.tests).toHaveLength(2);
      // The other hub: a database of its own, migrated, written as its hub's role.
      const other = (url: string) => {
        const u = new URL(url);
        u.pathname = `${u.pathname}_b`;
        return u.toString();
      };
      await ensureDatabase(other(env.config.migrationDatabaseUrl));
      await runMigrations(other(env.config.migrationDatabaseUrl));
      const otherDb = new DataSource(dataSourceOptions(other(env.config.databaseUrl), 2));
      await otherDb.initialize();
      try {
        const trusted = { '330000': keys.publicKey };
        const actor = { id: 'prosecutor@320102', unitCode: '320102' };
        const wire = JSON.parse(JSON.stringify(pkg)) as ModelPackage;
        const tampered = {
          ...wire,
          model: { ...wire.model, source: wire.model.source.replace('default: 30', 'default: 300') },
        };
        await expect(
          otherDb.transaction((m) => importModelPackage(m, actor, tampered, trusted)),
        ).rejects.toThrow(/签名验证失败/);
        const imported = await otherDb.transaction((m) => importModelPackage(m, actor, wire, trusted));
        expect(imported).toMatchObject({ modelId: MODEL, version: 1, status: 'draft', unitCode: '320102' });
        const audit: { action: string }[] = await otherDb.query(
          `select action from audit_log where subject like 'model:%' order by id`,
        );
        expect(audit.map((a) => a.action)).toEqual(['model.draft', 'model.import']);
      } finally {
        await otherDb.destroy();
        await dropDatabase(other(env.config.migrationDatabaseUrl));
      }
    });

    it('through the API: exported signed by this office, imported as a draft once an operator trusts the signer; tampered or untrusted refused', async () => {
      const get = async <T>(token: string, path: string) => {
        const res = await fetch(`${env.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        return { status: res.status, body: (await res.json().catch(() => null)) as T };
      };
      const send = async <T>(token: string, method: string, path: string, body?: unknown) => {
        const res = await fetch(`${env.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, body: (await res.json().catch(() => null)) as T };
      };
      const path = `/v1/models/${MODEL}/versions/1/package`;
      // The county's leader may review but does not hold the province's signing key.
      expect((await get<{ message: string }>(t.county!, path)).body.message).toMatch(/只能由该院导出/);
      const exported = await get<ModelPackage>(t.province!, path);
      expect(exported.status).toBe(200);
      expect(verifyModelPackage(exported.body, { '330000': signing.publicKey }).model).toMatchObject({
        id: MODEL,
        version: 1,
      });

      // A second version, as another province would send it: signed with the same office key.
      const { signature: _s, ...unsigned } = exported.body;
      void _s;
      const v2 = signModelPackage(
        {
          ...unsigned,
          model: {
            ...unsigned.model,
            version: 2,
            source: unsigned.model.source.replace('version: 1', 'version: 2'),
          },
        },
        signing,
      );
      const untrusted = await send<{ message: string }>(t.prosecutor!, 'POST', '/v1/models/import', v2);
      expect([untrusted.status, untrusted.body.message]).toEqual([
        400,
        expect.stringMatching(/330000 的签名公钥未登记为可信/) as string,
      ]);

      expect(
        (await send(t.prosecutor!, 'PUT', '/v1/model-signers/330000', { publicKey: signing.publicKey }))
          .status,
      ).toBe(403);
      const bad = await send<{ message: string }>(t.operator!, 'PUT', '/v1/model-signers/330000', {
        publicKey: '04abc',
      });
      expect([bad.status, bad.body.message]).toEqual([
        400,
        expect.stringMatching(/不是有效的 SM2 公钥/) as string,
      ]);
      const trusted = await send(t.operator!, 'PUT', '/v1/model-signers/330000', {
        publicKey: signing.publicKey,
        note: '浙江省人民检察院',
      });
      expect(trusted).toMatchObject({ status: 200, body: { unitCode: '330000', note: '浙江省人民检察院' } });

      const tampered = {
        ...v2,
        model: { ...v2.model, source: v2.model.source.replace('default: 30', 'default: 3') },
      };
      const refused = await send<{ message: string }>(t.prosecutor!, 'POST', '/v1/models/import', tampered);
      expect([refused.status, refused.body.message]).toEqual([
        400,
        expect.stringMatching(/签名验证失败/) as string,
      ]);
      const imported = await send(t.prosecutor!, 'POST', '/v1/models/import', v2);
      expect(imported).toMatchObject({
        status: 201,
        body: { modelId: MODEL, version: 2, status: 'draft', unitCode: UNIT },
      });

      expect((await get<unknown[]>(t.operator!, '/v1/model-signers')).body).toHaveLength(1);
      expect(
        (await send(t.operator!, 'DELETE', '/v1/model-signers/330000?reason=%E5%88%B0%E6%9C%9F')).status,
      ).toBe(204);
      expect((await send(t.prosecutor!, 'POST', '/v1/models/import', v2)).status).toBe(400);
      const actions: { action: string; subject: string }[] = await env.db.query(
        `select action, subject from audit_log where action in ('model.export', 'model.trust', 'model.distrust', 'model.import') order by id`,
      );
      expect(actions).toEqual([
        { action: 'model.export', subject: `model:${MODEL}@1` },
        { action: 'model.trust', subject: 'signer:330000' },
        { action: 'model.import', subject: `model:${MODEL}@2` },
        { action: 'model.distrust', subject: 'signer:330000' },
      ]);
    });
  });
});
