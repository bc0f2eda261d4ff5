import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '@zhijian/access';
import { REFERRAL_DEFAULTS } from '@zhijian/config';
import {
  caseClosed,
  caseFiled,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * The staff console in a real browser: Debian's Chromium driven by playwright-core, against a
 * hub on the real Kafka, PostgreSQL and Redis. Leads come through the pipeline (终本案件有财产可供执行
 * hits built from simulator envelopes); the 10,000-lead inbox is written straight into the table.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'reports', 'screenshots');
const TOKEN_KEY = 'zhijian.console.token';

/** What the callbacks run inside the page touch (specs are compiled without the DOM library). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
declare const document: {
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): { length: number };
};
declare const location: { hash: string };
declare const sessionStorage: {
  setItem(key: string, value: string): void;
  getItem(key: string): string | null;
};

const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };

/** A case closed as 终本 whose debtor then registers a flat: one zhongben_with_assets lead. */
function zhongben(court: string, n: number, category?: string): WireEnvelope[] {
  const county = `33${court.slice(1)}`;
  const caseNo = `（2024）${court}执${n}号`;
  const debtor: WireParty = {
    kind: 'person',
    name: `被执行人${n}`,
    idNo: idCardOf(county, '1980-01-01', n % 1000),
  };
  return [
    caseFiled({
      eventId: `filed-${n}`,
      courtCode: court,
      caseNo,
      filedOn: '2024-01-10',
      claimFen: 50_000_000 + n * 100_000,
      ...(category ? { category } : {}),
      applicants: [bank],
      respondents: [debtor],
    }),
    caseClosed({
      eventId: `closed-${n}`,
      courtCode: court,
      caseNo,
      closedOn: '2024-03-04',
      method: 'terminated_this_round',
    }),
    realEstateEvent({
      eventId: `re-${n}`,
      adminCode: county,
      unitNo: `${county}001001GB0${n}F0001`,
      event: 'first_registration',
      owners: [debtor],
      registeredOn: '2024-03-10',
    }),
  ];
}

const tick = realEstateEvent({
  eventId: 'tick-1',
  adminCode: '330802',
  unitNo: 'TICK-1',
  event: 'first_registration',
  owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
  registeredOn: '2024-06-01',
});

describe('console in headless Chromium', () => {
  let env: TestEnv;
  let browser: Browser;
  const tokens = {} as Record<
    | 'staff0803'
    | 'staff0802'
    | 'prosecutor0803'
    | 'leaderQz'
    | 'leaderHz'
    | 'leaderProvince'
    | 'operator'
    | 'staff0881',
    string
  >;
  const signInTokens = {} as Record<keyof typeof tokens, string>;
  /** Leads by office, as the pipeline raised them. */
  let byUnit: Record<string, { id: string; kind: string; caseNo: string | null; claimFen: string | null }[]>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await createTestEnv({
      // Written for zhongben_with_assets leads; the rest of the catalogue has its own specs.
      enabledModels: ['zhongben_with_assets'],
      // Three cases of one court in one period make a class lead, so the lead page has links to show.
      referral: { ...REFERRAL_DEFAULTS, classLeadMinCases: 3 },
    });
    await env.startHub();
    const make: [keyof typeof tokens, Role, string, string][] = [
      ['staff0803', 'staff', '330803', '王受理'],
      ['staff0802', 'staff', '330802', '李受理'],
      ['prosecutor0803', 'prosecutor', '330803', '赵检察官'],
      ['leaderQz', 'leader', '330800', '衢州市院领导'],
      ['leaderHz', 'leader', '330100', '杭州市院领导'],
      ['leaderProvince', 'leader', '330000', '省院领导'],
      ['operator', 'operator', '330000', '运维值班员'],
      ['staff0881', 'staff', '330881', '江山受理员'],
    ];
    for (const [key, role, unit, name] of make) {
      // `token`: a session, as signing in gives; `principalToken`: the person's own, which signs in.
      const p = await env.principal(role, unit, name);
      tokens[key] = p.token;
      signInTokens[key] = p.principalToken;
    }

    await env.publishAndWait([
      ...zhongben('浙0803', 101, 'sme_debt'),
      ...zhongben('浙0803', 102),
      ...zhongben('浙0803', 103),
      ...zhongben('浙0802', 201),
      ...zhongben('浙0802', 202),
      ...zhongben('浙0106', 301),
    ]);
    await env.publishAndWait([tick]);
    await waitFor('six individual leads and the class lead of 浙0803', async () => {
      const kinds: { kind: string; n: number }[] = await env.db.query(
        `select kind, count(*)::int as n from leads group by kind order by kind`,
      );
      const seen = kinds.map((k) => `${k.kind}:${k.n}`).join(',');
      if (seen !== 'class:1,individual:6') throw new Error(seen || 'no leads');
      return seen;
    });
    const rows: {
      id: string;
      unitCode: string;
      kind: string;
      caseNo: string | null;
      claimFen: string | null;
    }[] = await env.db.query(
      `select id, unit_code as "unitCode", kind, case_no as "caseNo", claim_fen::text as "claimFen" from leads order by case_no nulls last`,
    );
    byUnit = {};
    for (const r of rows) (byUnit[r.unitCode] ??= []).push(r);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await env?.close();
  });

  /** A browser tab signed in with this token (kept in sessionStorage, as the login page does). */
  async function pageAs(token: string | null): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    contexts.push(context);
    if (token) await context.addInitScript(([k, v]) => sessionStorage.setItem(k!, v!), [TOKEN_KEY, token]);
    return context.newPage();
  }

  const consoleUrl = (hash: string) => `${env.baseUrl}/console/#${hash}`;

  async function openInbox(page: Page, query = ''): Promise<void> {
    await page.goto(consoleUrl(`/inbox${query}`));
    await page.waitForSelector('#results[data-state="ready"]');
  }

  const rowUnits = (page: Page) =>
    page.$$eval('#results tbody tr[data-lead-id]', (trs: El[]) =>
      trs.map((tr) => tr.getAttribute('data-unit')),
    );
  const total = async (page: Page) => Number(await page.getAttribute('[data-testid="total"]', 'data-total'));

  it('serves the console at /console/ with the chart library, no CDN', async () => {
    const res = await fetch(`${env.baseUrl}/console`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([301, '/console/']);
    const html = await (await fetch(`${env.baseUrl}/console/`)).text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).not.toMatch(/https?:\/\//);
    const chart = await fetch(`${env.baseUrl}/console/vendor/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect((await fetch(`${env.baseUrl}/console/js/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  describe('a county office', () => {
    it('signs in with its token and sees its own office’s leads only', async () => {
      const page = await pageAs(null);
      await page.goto(consoleUrl('/inbox'));
      await page.waitForSelector('#login-form');
      // A wrong token is refused in Chinese, and nothing is shown.
      await page.fill('#token', 'zjt_not-a-token');
      await page.keyboard.press('Enter');
      await expect(page.locator('#login-form .error').textContent()).resolves.toContain('令牌无效或已停用');
      await page.fill('#token', signInTokens.staff0803);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#results[data-state="ready"]');
      expect(await page.textContent('[data-testid="who"]')).toContain(
        '王受理 · 受理、办案人员 · 衢州市衢江区人民检察院',
      );
      // The tab keeps the session the sign-in issued, not the person's own token.
      const kept = await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY);
      expect(kept).toMatch(/^zjs_/);
      expect(kept).not.toBe(signInTokens.staff0803);

      const own = byUnit['330803']!;
      expect(own).toHaveLength(4); // three cases and their class lead
      expect(await total(page)).toBe(own.length);
      expect(new Set(await rowUnits(page))).toEqual(new Set(['330803']));
      const ids = await page.$$eval('#results tbody tr[data-lead-id]', (trs: El[]) =>
        trs.map((tr) => tr.getAttribute('data-lead-id')),
      );
      expect(ids.sort()).toEqual(own.map((l) => l.id).sort());
      // Livelihood badge on the sme_debt case; no filter shows another office.
      await expect(
        page.locator('tr', { hasText: '浙0803执101号' }).locator('.badge.livelihood').count(),
      ).resolves.toBe(1);
      expect(await page.$$('select[name="unit"]')).toHaveLength(0);
      await page.screenshot({ path: join(SHOTS, 'inbox.png'), fullPage: true });

      // Filters are applied on the server: only livelihood cases.
      await page.check('input[name="livelihood"]');
      await page.click('#filters button[type="submit"]');
      await page.waitForFunction(() => location.hash.includes('livelihood=true'));
      await page.waitForSelector('#results[data-state="ready"]');
      const livelihood = await countOf(
        env.db,
        `select count(*)::int as n from leads where unit_code = '330803' and livelihood`,
      );
      expect(livelihood).toBeGreaterThanOrEqual(1); // the case and, with it, its class
      await waitFor('the livelihood leads', async () => (await total(page)) === livelihood);
      expect(new Set(await rowUnits(page))).toEqual(new Set(['330803']));

      // Another office's lead is answered as if it did not exist.
      await page.goto(consoleUrl(`/leads/${byUnit['330802']![0]!.id}`));
      await expect(page.locator('main .error').textContent()).resolves.toContain(
        '不存在或不在本院管辖范围内',
      );
      // Pages for other roles are refused.
      await page.goto(consoleUrl('/dashboard'));
      await expect(page.locator('main .error').textContent()).resolves.toContain('无权限');
      expect(await page.$$eval('#nav a', (as: El[]) => as.map((a) => a.textContent))).toEqual([
        '收件箱',
        '办案',
        '控申登记',
      ]);
    });
  });

  describe('lifecycle and dashboard', () => {
    const leadA = () => byUnit['330803']!.find((l) => l.caseNo?.includes('执102号'))!;
    const leadB = () => byUnit['330803']!.find((l) => l.caseNo?.includes('执103号'))!;
    /** The city of Quzhou's leads: 浙0803's three and their class lead, 浙0802's two, and any follow-up. */
    const quzhou = () => [...byUnit['330803']!, ...byUnit['330802']!, ...(byUnit['330800'] ?? [])];

    async function dashboard(page: Page): Promise<Record<string, string>> {
      await page.goto(consoleUrl('/dashboard'));
      await page.waitForSelector('[data-testid="rates-model"]');
      await page.waitForFunction(() => document.querySelectorAll('canvas').length === 3);
      return page.$$eval('[data-testid="rates-model"] tfoot td[data-rate]', (tds: El[]) =>
        Object.fromEntries(
          tds.map((td) => [
            td.getAttribute('data-rate')!,
            td.getAttribute('data-rate') === 'leads'
              ? td.textContent!
              : `${td.getAttribute('data-numerator')}/${td.getAttribute('data-denominator')}`,
          ]),
        ),
      );
    }

    it('goes back to sign-in when the session expires, and signs out for good', async () => {
      const person = await env.principal('staff', '330803', '周受理');
      const page = await pageAs(person.token);
      await openInbox(page);
      // Unused for longer than SESSION_IDLE_HOURS: the next answer is 401, and the tab signs out.
      await env.db.query(
        `update principal_sessions set last_used_at = now() - interval '9 hours' where principal_id = $1`,
        [person.id],
      );
      await page.click('#filters button[type="submit"]');
      await page.waitForSelector('#login-form');
      await expect(page.locator('#login-form .error').first().textContent()).resolves.toContain('登录已过期');
      expect(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY)).toBeNull();

      await page.fill('#token', person.principalToken);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#results[data-state="ready"]');
      const session = (await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY))!;
      const me = () => fetch(`${env.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${session}` } });
      expect((await me()).status).toBe(200);
      await page.click('#who button');
      await page.waitForSelector('#login-form');
      expect((await me()).status).toBe(401);
    });

    it('shows the city’s rates before anything is handled', async () => {
      const page = await pageAs(tokens.leaderQz);
      expect(await dashboard(page)).toEqual({
        leads: String(quzhou().length),
        conversion: `0/${quzhou().length}`,
        adoption: '0/0',
        rectification: '0/0',
        recovery: '0/0',
      });
    });

    it('claims a lead in the inbox and takes it through its lifecycle with the forms', async () => {
      const page = await pageAs(tokens.staff0803);
      await openInbox(page);
      const a = leadA();
      await page.click(`tr[data-lead-id="${a.id}"] button`);
      await page.waitForSelector(`tr[data-lead-id="${a.id}"][data-status="claimed"]`);

      await page.click(`tr[data-lead-id="${a.id}"] a`);
      await page.waitForSelector('[data-testid="actions"]');
      expect(await page.textContent('[data-testid="lead-status"]')).toBe('已认领');
      expect(await page.textContent('[data-testid="statement"]')).toContain('终结本次执行程序');
      expect(await page.textContent('[data-testid="legal-basis"]')).toContain('第');
      // Staff read the parties masked; the evidence is a timeline in date order with its sources.
      const parties = await page.textContent('[data-testid="parties"]');
      expect(parties).toMatch(/330803\*{8}\w{4}/);
      expect(parties).not.toContain('被执行人102');
      const dates = await page.$$eval('[data-testid="timeline"] li', (lis: El[]) =>
        lis.map((li) => li.getAttribute('data-on')!),
      );
      expect(dates).toEqual([...dates].sort());
      expect(dates.length).toBeGreaterThanOrEqual(3);
      // Courts and agencies by name, the code in a tooltip.
      expect(await page.textContent('[data-testid="timeline"]')).toContain('来源：衢州市衢江区人民法院');
      expect(
        await page.getAttribute(
          '[data-testid="timeline"] .agency[data-source="court:浙0803"] >> nth=0',
          'title',
        ),
      ).toBe('court:浙0803');
      expect(await page.textContent('[data-testid="linked"]')).toContain('所属类案');

      const act = async (action: string, fill: () => Promise<void>, status: string) => {
        await page.waitForSelector(`form[data-action="${action}"]`);
        await fill();
        await page.click(`form[data-action="${action}"] button[type="submit"]`);
        await page.waitForFunction(
          (s) => document.querySelector('[data-testid="lead-status"]')?.textContent === s,
          status,
        );
      };
      await act('accept', async () => undefined, '已受理（立案审查）');
      await act(
        'issue_suggestion',
        async () => {
          // Keyboard only: tab from the number to the date.
          await page.focus('form[data-action="issue_suggestion"] input[name="number"]');
          await page.keyboard.type('衢江检民建〔2024〕7号');
          await page.keyboard.press('Tab');
          await page.fill('form[data-action="issue_suggestion"] input[name="servedOn"]', '2024-04-01');
        },
        '已发出检察建议',
      );
      // A reply dated before the service is refused with the API's message next to the field.
      await page.check('form[data-action="record_reply"] input[value="adopted"]');
      await page.fill('form[data-action="record_reply"] input[name="repliedOn"]', '2024-03-01');
      await page.click('form[data-action="record_reply"] button[type="submit"]');
      await expect(page.locator('form[data-action="record_reply"] .field-error').textContent()).resolves.toBe(
        '回复日期不能早于检察建议送达日期 2024-04-01',
      );
      await act(
        'record_reply',
        () => page.fill('form[data-action="record_reply"] input[name="repliedOn"]', '2024-06-20'),
        '法院已回复',
      );
      await page.fill('form[data-action="record_rectification"] input[name="recoveredAmount"]', '12.345');
      await page.click('form[data-action="record_rectification"] button[type="submit"]');
      await expect(
        page.locator('form[data-action="record_rectification"] .field-error').textContent(),
      ).resolves.toContain('追回金额');
      await act(
        'record_rectification',
        () => page.fill('form[data-action="record_rectification"] input[name="recoveredAmount"]', '1234.50'),
        '已整改',
      );
      await page.screenshot({ path: join(SHOTS, 'lead.png'), fullPage: true });
      await act('close', () => page.fill('form[data-action="close"] textarea', '整改到位'), '已办结');
      const actions = await page.$$eval('[data-testid="transitions"] tbody tr', (trs: El[]) =>
        trs.map((tr) => tr.getAttribute('data-action')),
      );
      expect(actions).toEqual([
        'claim',
        'accept',
        'issue_suggestion',
        'record_reply',
        'record_rectification',
        'close',
      ]);
      expect(await page.textContent('[data-fact="追回金额"]')).toBe('1,234.50 元');

      // A second lead: claimed and not accepted, with the reason required.
      await page.goto(consoleUrl(`/leads/${leadB().id}`));
      await act('claim', async () => undefined, '已认领');
      await act(
        'reject',
        () => page.fill('form[data-action="reject"] textarea', '财产已于终本前处置'),
        '不予受理',
      );
    });

    it('shows the dashboard’s rates changed, equal to the rates computed by hand, and exports them', async () => {
      // Lead A's court adopted the 检察建议 on 2024-06-20 and the case was not restored within 30
      // days: the follow-up model raises a follow-up lead for the city (one level up).
      const [followup] = await waitFor('the follow-up lead of lead A', async () => {
        const rows: {
          id: string;
          unitCode: string;
          kind: string;
          caseNo: string | null;
          claimFen: string | null;
        }[] = await env.db.query(
          `select id, unit_code as "unitCode", kind, case_no as "caseNo", claim_fen::text as "claimFen"
             from leads where source_lead_id = $1`,
          [leadA().id],
        );
        return rows.length ? rows : undefined;
      });
      expect(followup).toMatchObject({ unitCode: '330800', kind: 'followup' });
      byUnit['330800'] = [followup!];
      const page = await pageAs(tokens.leaderQz);
      const claimA = Number(leadA().claimFen);
      // By hand: of the city's leads, one accepted (B was rejected), one 检察建议, adopted,
      // rectified, 1234.50 yuan recovered of lead A's claim.
      expect(await dashboard(page)).toEqual({
        leads: String(quzhou().length),
        conversion: `1/${quzhou().length}`,
        adoption: '1/1',
        rectification: '1/1',
        recovery: `123450/${claimA}`,
      });
      expect(await page.textContent('[data-kpi="conversion"]')).toBe(
        `${((1 / quzhou().length) * 100).toFixed(1)}%`,
      );
      expect(await page.textContent('[data-kpi="adoption"]')).toBe('100.0%');
      expect(await page.textContent('[data-kpi="recovery"]')).toBe(
        `${((123450 / claimA) * 100).toFixed(1)}%`,
      );
      const units = await page.$$eval('[data-testid="rates-unit"] tbody tr', (trs: El[]) =>
        trs.map((tr) => tr.getAttribute('data-key')),
      );
      expect(units).toEqual(['330800', '330802', '330803']);
      // Per model and version (issue 18): the individual leads (浙0803's three, 浙0802's two) and
      // what became of them, counts beside rates, by name; a bar only where five cases or more.
      const row = '[data-testid="model-results"] tr[data-model="zhongben_with_assets"][data-version="2"]';
      expect(await page.textContent(`${row} td:first-child`)).toBe('终本案件有财产可供执行');
      expect(
        await page.$$eval(`${row} td[data-step]`, (tds: El[]) =>
          tds.map((td) => `${td.getAttribute('data-step')}:${td.textContent}`),
        ),
      ).toEqual([
        'raised:5',
        'accepted:1 / 5 20.0%',
        'suggestionsIssued:1 / 1 100.0%',
        'adopted:1 / 1 100.0%',
        'rectified:1 / 1 100.0%',
        'recovered:1,234.50',
      ]);
      expect(await page.$$eval(`${row} meter`, (m: El[]) => m.length)).toBe(1);
      expect(await page.getAttribute(`${row} td[data-step="accepted"] meter`, 'value')).toBe('0.2');
      // The follow-up lead is listed among the overdue follow-ups.
      expect(await page.textContent('[data-testid="followups"]')).toContain('检察建议回复超期、整改未落实');
      await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid="csv"]'),
      ]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain('维度,分组,线索数,受理数,转化率');
      expect(csv).toContain(
        `监督模型,合计,${quzhou().length},1,${((1 / quzhou().length) * 100).toFixed(1)}%,1,1,100.0%,1,100.0%,1234.50`,
      );
      expect(csv).toContain('承办检察院,衢州市衢江区人民检察院,4,1');
      expect(csv).toContain('终本案件有财产可供执行,2,5,1,20.0%,1,100.0%,1,100.0%,1,100.0%,1234.50');
    });
  });

  describe('cities and triage', () => {
    it('shows a city its own counties’ leads and not another city’s', async () => {
      const qz = await pageAs(tokens.leaderQz);
      await openInbox(qz, '?status=all');
      expect(await total(qz)).toBe(byUnit['330803']!.length + byUnit['330802']!.length + 1);
      expect(new Set(await rowUnits(qz))).toEqual(new Set(['330800', '330803', '330802']));
      const hz = await pageAs(tokens.leaderHz);
      await openInbox(hz, '?status=all');
      expect(await total(hz)).toBe(1);
      expect(await rowUnits(hz)).toEqual(['330106']);
      // A Quzhou lead is not there for Hangzhou, even by its address.
      await hz.goto(consoleUrl(`/leads/${byUnit['330803']![0]!.id}`));
      await expect(hz.locator('main .error').textContent()).resolves.toContain('不存在或不在本院管辖范围内');
    });

    it('lets the city distribute a new lead to one of its counties, with the reason recorded', async () => {
      const lead = byUnit['330802']!.find((l) => l.kind === 'individual')!;
      const page = await pageAs(tokens.leaderQz);
      await page.goto(consoleUrl('/triage?unit=330802'));
      await page.waitForSelector('#results[data-state="ready"]');
      const form = `#reassign-${lead.id}`;
      const targets = await page.$$eval(`${form} select option`, (os: El[]) =>
        os.map((o) => o.getAttribute('value') ?? ''),
      );
      expect(targets).toContain('330803');
      expect(targets.every((t) => t === '' || t.startsWith('3308'))).toBe(true);
      await page.click(`${form} button`);
      // The reason is required: the browser keeps the form.
      expect(
        await page.$eval(
          `${form} input[name="reason"]`,
          (i: { validity: { valid: boolean } }) => i.validity.valid,
        ),
      ).toBe(false);
      await page.selectOption(`${form} select`, '330803');
      await page.fill(`${form} input[name="reason"]`, '被执行人住所地在衢江区');
      await page.click(`${form} button`);
      await page.waitForSelector(`${form}`, { state: 'detached' });
      const row: { unitCode: string }[] = await env.db.query(
        `select unit_code as "unitCode" from leads where id = $1`,
        [lead.id],
      );
      expect(row[0]!.unitCode).toBe('330803');

      await page.goto(consoleUrl(`/leads/${lead.id}`));
      await page.waitForSelector('[data-testid="assignments"]');
      const assignment = await page.textContent('[data-testid="assignments"] tbody tr');
      expect(assignment).toContain('被执行人住所地在衢江区');
      expect(assignment).toContain('衢州市柯城区人民检察院');
      expect(assignment).toContain('衢州市院领导');
      byUnit['330803']!.push(lead);
      byUnit['330802'] = byUnit['330802']!.filter((l) => l.id !== lead.id);
    });
  });

  describe('an inbox of 10,000 leads', () => {
    beforeAll(async () => {
      await env.db.query(
        `insert into leads (id, model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                            legal_basis, statement, evidence, as_of, claim_fen, livelihood)
         select gen_random_uuid(), 'zhongben_with_assets', 1, 'bulk:' || g, '（2024）浙0881执' || (20000 + g) || '号',
                '330881', 'county', (array['high', 'medium', 'low'])[1 + g % 3],
                10 * (1 + g % 3) + case when g % 7 = 0 then 0 else 5 end,
                '终本案件有财产可供执行：（2024）浙0881执' || (20000 + g) || '号', '依据', '陈述',
                '{"items": [], "parties": [], "facts": {}}'::jsonb,
                timestamptz '2024-01-01 00:00+08' + g * interval '1 hour', 100000 * g, g % 7 = 0
         from generate_series(1, 10000) g`,
      );
      await env.db.query('analyze leads');
    });

    it('pages on the server: the browser fetches one page of leads, not 10,000', async () => {
      // What the console asks the API for, and how many leads come back each time. Speed is the
      // benchmarks' business (timed assertions flake on a loaded machine); paging is behaviour.
      const page = await pageAs(tokens.staff0881);
      const fetched: { url: URL; items: number }[] = [];
      page.on('response', (res) => {
        const url = new URL(res.url());
        if (url.pathname !== '/v1/worklist') return;
        void res
          .json()
          .then((body: { items?: unknown[] }) => fetched.push({ url, items: body.items?.length ?? -1 }))
          .catch(() => undefined);
      });
      const t0 = Date.now();
      await openInbox(page);
      const opened = Date.now() - t0;
      expect(await total(page)).toBe(10_000);
      expect(await page.$$('#results tbody tr')).toHaveLength(20);
      // The most urgent first: high livelihood leads (priority 10).
      expect(await page.$$eval('#results tbody tr .badge.livelihood', (b: El[]) => b.length)).toBe(20);
      await page.click('nav.pager button:has-text("下一页")');
      await page.waitForFunction(() => location.hash.includes('offset=20'));
      await page.waitForSelector('#results[data-state="ready"]:not([aria-busy])');
      for (let i = 0; i < 100 && fetched.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(fetched.length).toBeGreaterThanOrEqual(2);
      for (const f of fetched) {
        expect(Number(f.url.searchParams.get('limit'))).toBeLessThanOrEqual(50);
        expect(f.items).toBeLessThanOrEqual(50);
      }
      expect(fetched.map((f) => f.url.searchParams.get('offset') ?? '0')).toEqual(
        expect.arrayContaining(['20']),
      );
      const api = await fetch(`${env.baseUrl}/v1/worklist?status=new,claimed&sort=priority&limit=20`, {
        headers: { authorization: `Bearer ${tokens.staff0881}` },
      });
      expect(((await api.json()) as { total: number }).total).toBe(10_000);
      console.log(`console inbox with 10,000 leads: opened in ${opened} ms (informational, not asserted)`);
    });
  });

  describe('operators', () => {
    it('correct a quarantined message and replay it from the quarantine view', async () => {
      const [filed] = zhongben('浙0803', 401);
      const bad = JSON.parse(JSON.stringify(filed)) as WireEnvelope & {
        payload: { respondents: { idNo: string }[] };
      };
      const good = bad.payload.respondents[0]!.idNo;
      bad.payload.respondents[0]!.idNo = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
      await env.publishEnvelopes([bad]);
      const [q] = await waitFor('the message quarantined', async () => {
        const rows: { id: string }[] = await env.db.query(
          `select id::text from quarantine where status = 'open'`,
        );
        return rows.length ? rows : undefined;
      });

      // Staff have no quarantine page, and the API refuses their token.
      const staff = await pageAs(tokens.staff0803);
      await staff.goto(consoleUrl('/quarantine'));
      await expect(staff.locator('main .error').textContent()).resolves.toContain('无权限');
      const refused = await fetch(`${env.baseUrl}/v1/quarantine`, {
        headers: { authorization: `Bearer ${tokens.staff0803}` },
      });
      expect(refused.status).toBe(403);

      const page = await pageAs(tokens.operator);
      await page.goto(consoleUrl('/quarantine'));
      await page.waitForSelector('[data-testid="quarantine"]');
      const row = await page.textContent(`tr[data-id="${q!.id}"]`);
      expect(row).toContain('证件号码或统一社会信用代码无效');
      expect(row).toContain('/payload/respondents/0/idNo');
      await page.click(`tr[data-id="${q!.id}"] a`);
      await page.waitForSelector('textarea[name="correction"]');
      const text = await page.inputValue('textarea[name="correction"]');
      await page.fill('textarea[name="correction"]', text.replace(bad.payload.respondents[0]!.idNo, good));
      await page.click('button:has-text("保存更正")');
      await expect(
        page.locator('[data-testid="quarantine-result"] .notice').textContent(),
      ).resolves.toContain('校验通过');
      await page.click('button:has-text("重放更正后的消息")');
      await page.waitForFunction(
        () => document.querySelector('[data-fact="状态"]')?.textContent === '已重放',
      );
      expect(await page.textContent('[data-fact="重放结果"]')).toBe('已接收入库');
      const recorded: { correctedBy: string }[] = await env.db.query(
        `select corrected_by as "correctedBy" from quarantine where id = $1`,
        [q!.id],
      );
      expect(recorded[0]!.correctedBy).toMatch(/^运维值班员 \[/);
    });

    it('a correction whose event is stored already: the console says a replay stores nothing', async () => {
      // The API reports it (validation.alreadyInRawLog); the console's own copy of the answer's
      // type did not have the field, and told the operator that the replay would store it.
      const [filed] = zhongben('浙0803', 402);
      await env.publishEnvelopes([filed!]);
      await waitFor(
        'the case stored',
        async () =>
          (await countOf(env.db, `select count(*) as n from raw_events where event_id = 'filed-402'`)) > 0,
      );
      const bad = JSON.parse(JSON.stringify(filed)) as WireEnvelope & {
        payload: { respondents: { idNo: string }[] };
      };
      const good = bad.payload.respondents[0]!.idNo;
      bad.payload.respondents[0]!.idNo = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
      await env.publishEnvelopes([bad]);
      const [q] = await waitFor('the message quarantined', async () => {
        const rows: { id: string }[] = await env.db.query(
          `select id::text from quarantine where status = 'open' and position(convert_to('filed-402', 'UTF8') in raw) > 0`,
        );
        return rows.length ? rows : undefined;
      });

      const page = await pageAs(tokens.operator);
      await page.goto(consoleUrl(`/quarantine/${q!.id}`));
      await page.waitForSelector('textarea[name="correction"]');
      const text = await page.inputValue('textarea[name="correction"]');
      await page.fill('textarea[name="correction"]', text.replace(bad.payload.respondents[0]!.idNo, good));
      await page.click('button:has-text("保存更正")');
      const notice = page.locator('[data-testid="quarantine-result"] .notice');
      await expect(notice.textContent()).resolves.toContain('事件编号 filed-402 已入库');
      await expect(notice.textContent()).resolves.toContain('不会再次入库');
      await page.click('button:has-text("重放更正后的消息")');
      await page.waitForFunction(
        () => document.querySelector('[data-fact="状态"]')?.textContent === '已重放',
      );
      expect(await page.textContent('[data-fact="重放结果"]')).toBe('重复消息（已入库，未重复处理）');
    });

    it('数据源 lists every source with its daily sparkline and flags (operators only)', async () => {
      const staff = await pageAs(tokens.staff0803);
      await staff.goto(consoleUrl('/sources'));
      await expect(staff.locator('main .error').textContent()).resolves.toContain('无权限');

      const page = await pageAs(tokens.operator);
      await page.goto(consoleUrl('/sources'));
      await page.waitForSelector('[data-testid="sources"]');
      const row = page.locator('tr[data-source="court:浙0803"]');
      await expect(row.locator('td.sparkline').textContent()).resolves.toMatch(/^[▁▂▃▄▅▆▇█]{14}$/);
      // Its events are of past years, sent today: late.
      await expect(row.getAttribute('data-late')).resolves.toBe('true');
      await expect(row.locator('[data-flag="late"]').textContent()).resolves.toBe('迟报');
      // By name, the code in a tooltip.
      await expect(row.locator('strong.agency').textContent()).resolves.toBe('衢州市衢江区人民法院');
      await expect(row.locator('strong.agency').getAttribute('title')).resolves.toBe('court:浙0803');
    });
  });
});
