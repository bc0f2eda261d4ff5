import { CASE_MODEL_DEFINITIONS } from '@zhijian/catalogue';
import { backtest } from '@zhijian/screening';
import { cstDateOf } from '@zhijian/domain';
import { idCardOf, usccOf, zhongbenWithFlat } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

const LIVE_VERSION = CASE_MODEL_DEFINITIONS.find((d) => d.meta.id === 'zhongben_with_assets')!.meta.version;
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

function scenario(n: number, flatOn: string) {
  const debtor = { kind: 'person' as const, name: `被执行人${n}`, idNo: idCardOf('330803', '1980-01-01', n) };
  const { filed, closed, flat } = zhongbenWithFlat({
    n,
    debtor,
    bank,
    idPrefix: 'bt-',
    flatOn,
    applicantNotifiedOn: '2024-03-04',
  });
  return [filed, closed, flat];
}

describe('backtest: a model version or thresholds over stored history, emitting nothing', () => {
  let env: TestEnv;
  const first = '（2024）浙0803执901号';
  const second = '（2024）浙0803执902号';
  const writes = async () =>
    (await countOf(env.db, `select count(*)::int as n from leads`)) +
    (await countOf(env.db, `select count(*)::int as n from outbox`)) +
    (await countOf(env.db, `select count(*)::int as n from deadline_timers`)) +
    (await countOf(env.db, `select count(*)::int as n from audit_log`));

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
    await env.publishAndWait([...scenario(901, '2024-03-10'), ...scenario(902, '2024-04-20')]);
    await waitFor(
      'both live leads',
      async () =>
        (await countOf(env.db, `select count(*)::int as n from leads where kind = 'individual'`)) === 2,
    );
  });

  afterAll(async () => {
    await env?.close();
  });

  const run = (options: Omit<Parameters<typeof backtest>[1], 'modelId'>) =>
    env.db.transaction('REPEATABLE READ', (m) =>
      backtest(m, { modelId: 'zhongben_with_assets', ...options }),
    );

  it('the live version today raises what the live hub raised', async () => {
    // Live business time is now (the history is past and the feeds idle): the live leads are as of today.
    const r = await run({ asOf: cstDateOf(new Date()) });
    expect(r.liveRaised).toEqual([first, second]);
    expect(r.wouldRaise).toEqual([first, second]);
    expect(r).toMatchObject({ added: [], removed: [], version: LIVE_VERSION });
  });

  it('runs an archived version: version 1 reads real estate only', async () => {
    const r = await run({ asOf: cstDateOf(new Date()), version: 1 });
    expect(r.version).toBe(1);
    expect(r.wouldRaise).toEqual([first, second]);
  });

  it('a longer restore period removes leads whose deadline it moves past the date', async () => {
    const before = await writes();
    const r = await run({ asOf: '2024-05-01', thresholds: { restoreWithinDays: 60 } });
    // As of 2024-05-01 only the first flat (2024-03-10) is known; with 60 days it is not yet overdue.
    expect(r.wouldRaise).toEqual([]);
    expect(r.thresholds).toMatchObject({ restoreWithinDays: 60 });
    expect(await writes()).toBe(before);
  });

  it('as of a past date, sees only the facts known then', async () => {
    const r = await run({ asOf: '2024-04-15' });
    expect(r.wouldRaise).toEqual([first]);
    // The live leads were raised later in business time than that date.
    expect(r.liveRaised).toEqual([]);
    expect(r.added).toEqual([first]);
    expect(r.statements[first]).toContain('终结本次执行程序');
  });

  it('names an unknown threshold, model or version', async () => {
    await expect(run({ asOf: '2024-04-15', thresholds: { restoreWithin: 3 } })).rejects.toThrow(
      /restoreWithin: no such threshold/,
    );
    await expect(run({ asOf: '2024-04-15', version: 7 })).rejects.toThrow(/has no version 7/);
    await expect(
      env.db.transaction((m) => backtest(m, { modelId: 'no_such_model', asOf: '2024-04-15' })),
    ).rejects.toThrow(/no such case model/);
  });
});
