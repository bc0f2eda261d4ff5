import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '@zhijian/access';
import {
  caseClosed,
  caseFiled,
  idCardOf,
  petition,
  realEstateEvent,
  usccOf,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Personal data by role, over every read endpoint and the console's pages. The fixture's free
 * text carries ID numbers, phones, an account and persons' names: a petition joined to a 终本
 * lead names the debtor and the applicant (the applicant is known only as a party of the case),
 * a petition without a case becomes a lead whose statement quotes it and names a third person
 * after a role word, an outsider's objection left undecided makes a lead whose statement names
 * the objector (known only from the event the evidence cites), a staff member writes a name and a
 * phone into a claim's reason, and a
 * message with an ID number is quarantined. Staff and leaders must never receive one of those
 * values unmasked; prosecutors and systems see them; operators see quarantined messages whole and
 * no lead. Every read is an audit row, refusals too.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TOKEN_KEY = 'zhijian.console.token';
declare const sessionStorage: { setItem(key: string, value: string): void };

const court = '浙0803';
const caseNo = `（2024）${court}执8101号`;
const debtorId = idCardOf('330803', '1975-06-15', 123);
const applicantId = idCardOf('330802', '1968-09-09', 456);
const reporterId = idCardOf('330803', '1990-01-20', 789);
const thirdId = idCardOf('330881', '1955-12-01', 321);
const objectorId = idCardOf('330803', '1982-07-07', 654);
const objectionCase = `（2024）${court}执8103号`;
const badId = `${debtorId.slice(0, 17)}${debtorId.endsWith('0') ? '1' : '0'}`;
const account = '6222021234567890123';
const mobile = '13957012345';
const landline = '0570-8123456';
const debtor: WireParty = { kind: 'person', name: '郭秀华', idNo: debtorId };
const applicant: WireParty = { kind: 'person', name: '钱文斌', idNo: applicantId };
const reporter: WireParty = { kind: 'person', name: '孙丽萍', idNo: reporterId };
const SHOP = '衢州某某五金店';

const NAMES = ['郭秀华', '钱文斌', '孙丽萍', '周建华', '冯淑珍'];
const SECRETS = [
  debtorId,
  applicantId,
  reporterId,
  thirdId,
  objectorId,
  badId,
  account,
  mobile,
  landline,
  ...NAMES,
];

describe('personal data by role: every endpoint and console page', () => {
  let env: TestEnv;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const tokens = {} as Record<
    'staff' | 'leader' | 'prosecutor' | 'system' | 'operator' | 'otherStaff',
    { id: string; token: string; name: string }
  >;
  let zhongbenLead: string;
  let petitionLead: string;
  let objectionLead: string;
  let quarantineId: string;

  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets', 'objection_review_overdue'] });
    await env.startHub();
    const make: [keyof typeof tokens, Role, string, string][] = [
      ['staff', 'staff', '330803', '王受理'],
      ['leader', 'leader', '330800', '衢州市院领导'],
      ['prosecutor', 'prosecutor', '330803', '赵检察官'],
      ['system', 'system', '330000', '办案系统'],
      ['operator', 'operator', '330000', '运维值班员'],
      ['otherStaff', 'staff', '330802', '李受理'],
    ];
    for (const [key, role, unit, name] of make)
      tokens[key] = { ...(await env.principal(role, unit, name)), name };

    await env.publishAndWait([
      caseFiled({
        eventId: 'pd-filed',
        courtCode: court,
        caseNo,
        filedOn: '2024-01-10',
        claimFen: 80_000_000,
        applicants: [applicant],
        respondents: [debtor],
      }),
      caseClosed({
        eventId: 'pd-closed',
        courtCode: court,
        caseNo,
        closedOn: '2024-03-04',
        method: 'terminated_this_round',
      }),
      realEstateEvent({
        eventId: 'pd-flat',
        adminCode: '330803',
        unitNo: '330803001001GB08101F0001',
        event: 'first_registration',
        owners: [debtor],
        registeredOn: '2024-03-10',
      }),
      caseFiled({
        eventId: 'pd-filed-2',
        courtCode: court,
        caseNo: objectionCase,
        filedOn: '2024-01-12',
        claimFen: 2_000_000,
        applicants: [{ kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) }],
        respondents: [debtor],
      }),
      {
        schema: 'court.case-event/1',
        eventId: 'pd-objection',
        source: `court:${court}`,
        occurredAt: '2024-01-22T02:00:00Z',
        payload: {
          type: 'objection.filed',
          caseNo: objectionCase,
          objectionId: 'OBJ-1',
          filedOn: '2024-01-22',
          by: { kind: 'person', name: '冯淑珍', idNo: objectorId },
        },
      },
    ]);
    await env.publishAndWait([
      realEstateEvent({
        eventId: 'pd-tick',
        adminCode: '330802',
        unitNo: 'TICK-PD',
        event: 'first_registration',
        owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
        registeredOn: '2024-06-01',
      }),
    ]);
    objectionLead = await waitFor('the objection lead', async () => {
      const rows: { id: string }[] = await env.db.query(
        `select id from leads where model_id = 'objection_review_overdue' and case_no = $1`,
        [objectionCase],
      );
      return rows[0]?.id;
    });
    zhongbenLead = await waitFor('the 终本 lead', async () => {
      const rows: { id: string }[] = await env.db.query(
        `select id from leads where model_id = 'zhongben_with_assets' and case_no = $1`,
        [caseNo],
      );
      return rows[0]?.id;
    });

    await env.publishAndWait([
      petition({
        eventId: 'pd-petition-1',
        unitCode: '330803',
        kind: 'application',
        caseNo,
        subject: applicant,
        receivedOn: '2024-06-02',
        channel: 'counter',
        summary: `钱文斌（电话${mobile}）反映郭秀华（身份证${debtorId}）名下账户${account}有存款，法院未恢复执行`,
      }),
      petition({
        eventId: 'pd-petition-2',
        unitCode: '330803',
        kind: 'report',
        subject: reporter,
        receivedOn: '2024-06-03',
        channel: 'hotline',
        summary: `举报人孙丽萍，电话${landline}，反映被执行人周建华（身份证${thirdId}）将房产转移给其子，${SHOP}代收租金`,
      }),
    ]);
    petitionLead = await waitFor('the petition lead, and the petition joined to the 终本 lead', async () => {
      const rows: { id: string }[] = await env.db.query(
        `select id from leads where model_id = 'petition_report'`,
      );
      const joined = await countOf(
        env.db,
        `select count(*)::int as n from leads where id = $1 and evidence::text like '%pd-petition-1%'`,
        [zhongbenLead],
      );
      return joined === 1 ? rows[0]?.id : undefined;
    });

    // A message rejected for its ID number, naming a person.
    await env.publish('court.case-events', [
      {
        key: `（2024）${court}执8102号`,
        value: JSON.stringify(
          caseFiled({
            eventId: 'pd-bad',
            courtCode: court,
            caseNo: `（2024）${court}执8102号`,
            filedOn: '2024-01-11',
            claimFen: 1_000_000,
            applicants: [applicant],
            respondents: [{ kind: 'person', name: '周建华', idNo: badId }],
          }),
        ),
      },
    ]);
    quarantineId = await waitFor('the message quarantined', async () => {
      const rows: { id: string }[] = await env.db.query(`select id::text from quarantine limit 1`);
      return rows[0]?.id;
    });

    // Staff write names and numbers into what they record.
    const claimed = await fetch(`${env.baseUrl}/v1/leads/${zhongbenLead}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.staff.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: `已电话联系申请人钱文斌${mobile}` }),
    });
    expect(claimed.status).toBe(200);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await env?.close();
  });

  const READ_REASON = encodeURIComponent('个人信息检查');

  /** Every read endpoint as this principal: path → status and body text. */
  async function walk(token: string): Promise<Map<string, { status: number; body: string }>> {
    const paths = [
      '/v1/me',
      '/v1/leads',
      '/v1/leads?limit=1000',
      `/v1/leads?caseNo=${encodeURIComponent(caseNo)}`,
      '/v1/inbox',
      '/v1/worklist',
      '/v1/worklist?limit=200&sort=newest',
      '/v1/rates',
      '/v1/rates?groupBy=unit',
      '/v1/followups/overdue',
      '/v1/quarantine',
      `/v1/quarantine/${quarantineId}`,
      '/v1/audit/verify',
      ...[zhongbenLead, petitionLead, objectionLead].flatMap((id) => [
        `/v1/leads/${id}`,
        `/v1/leads/${id}/history`,
        `/v1/leads/${id}/context`,
      ]),
    ];
    const answers = new Map<string, { status: number; body: string }>();
    for (const path of paths) {
      const res = await fetch(`${env.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'x-read-reason': READ_REASON },
      });
      answers.set(path, { status: res.status, body: await res.text() });
    }
    return answers;
  }

  const leaked = (text: string) => SECRETS.filter((s) => text.includes(s));

  it.each(['staff', 'leader'] as const)('%s: no endpoint answers a personal value unmasked', async (who) => {
    const answers = await walk(tokens[who].token);
    const detail = answers.get(`/v1/leads/${zhongbenLead}`)!;
    expect(detail.status).toBe(200);
    expect(answers.get(`/v1/leads/${petitionLead}`)!.status).toBe(200);
    expect(answers.get('/v1/quarantine')!.status).toBe(403);
    for (const [path, a] of answers) expect({ path, leaked: leaked(a.body) }).toEqual({ path, leaked: [] });

    // Masked, not dropped: the reader still sees who and what, and organisations whole.
    const lead = JSON.parse(detail.body) as {
      evidence: { parties: { name: string; idNo?: string }[]; items: { summary: string }[] };
    };
    expect(lead.evidence.parties[0]).toMatchObject({
      name: '郭**',
      idNo: `330803********${debtorId.slice(-4)}`,
    });
    const petitionText = lead.evidence.items.find((i) => i.summary.includes('反映'))!.summary;
    expect(petitionText).toContain('钱**（电话139****2345）反映郭**（身份证330803********');
    expect(petitionText).toContain('6222***********0123');
    const other = JSON.parse(answers.get(`/v1/leads/${petitionLead}`)!.body) as { statement: string };
    expect(other.statement).toContain('被执行人周**');
    expect(other.statement).toContain(SHOP);
    const objection = JSON.parse(answers.get(`/v1/leads/${objectionLead}`)!.body) as { statement: string };
    expect(objection.statement).toContain(`${objectionCase}中冯**于2024-01-22提出执行异议`);
    const history = JSON.parse(answers.get(`/v1/leads/${zhongbenLead}/history`)!.body) as {
      transitions: { reason: string | null }[];
    };
    expect(history.transitions[0]!.reason).toBe('已电话联系申请人钱**139****2345');
    for (const list of ['/v1/leads', '/v1/inbox', '/v1/worklist'])
      expect(answers.get(list)!.body).not.toContain('"evidence"');
  });

  it.each(['prosecutor', 'system'] as const)('%s: reads them unmasked', async (who) => {
    const answers = await walk(tokens[who].token);
    const detail = answers.get(`/v1/leads/${zhongbenLead}`)!.body;
    for (const s of [debtorId, '郭秀华', '钱文斌', mobile, account]) expect(detail).toContain(s);
    expect(answers.get(`/v1/leads/${petitionLead}`)!.body).toContain('周建华');
    expect(answers.get(`/v1/leads/${objectionLead}`)!.body).toContain('冯淑珍');
    expect(answers.get(`/v1/leads/${zhongbenLead}/history`)!.body).toContain('钱文斌');
    expect(answers.get('/v1/quarantine')!.status).toBe(403);
  });

  it('operator: the quarantined message whole, and no lead', async () => {
    const answers = await walk(tokens.operator.token);
    expect(answers.get(`/v1/quarantine/${quarantineId}`)!.body).toContain(badId);
    for (const path of ['/v1/leads', '/v1/inbox', '/v1/worklist', `/v1/leads/${zhongbenLead}`])
      expect({ path, status: answers.get(path)!.status }).toEqual({ path, status: 403 });
    for (const [path, a] of answers)
      if (!path.startsWith('/v1/quarantine'))
        expect({ path, leaked: leaked(a.body) }).toEqual({ path, leaked: [] });
  });

  it('audits every read with who and why, one row per list, and every refusal with its outcome', async () => {
    const outOfScope = await fetch(`${env.baseUrl}/v1/leads/${zhongbenLead}`, {
      headers: { authorization: `Bearer ${tokens.otherStaff.token}` },
    });
    expect(outOfScope.status).toBe(404);
    expect((await fetch(`${env.baseUrl}/v1/leads/${zhongbenLead}/history`)).status).toBe(401);
    const rows: { actor: string; action: string; subject: string; reason: string | null }[] =
      await env.db.query(`select actor, action, subject, reason from audit_log order by id`);
    const staffActor = `王受理 [${tokens.staff.id}]`;
    const by = (actor: string, action: string) =>
      rows.filter((r) => r.actor === actor && r.action === action);
    for (const action of ['lead.list', 'lead.inbox', 'lead.worklist', 'lead.overdue'])
      expect({ action, n: by(`衢州市院领导 [${tokens.leader.id}]`, action).length > 0 }).toEqual({
        action,
        n: true,
      });
    for (const action of [
      'lead.list',
      'lead.inbox',
      'lead.worklist',
      'lead.read',
      'lead.history',
      'lead.context',
    ])
      expect({ action, reasons: [...new Set(by(staffActor, action).map((r) => r.reason))] }).toEqual({
        action,
        reasons: ['个人信息检查'],
      });
    expect(by(staffActor, 'lead.list').map((r) => r.subject)).toContainEqual(
      expect.stringMatching(/^leads \{"filters":\{.*"limit":1000.*\},"scope":"330803","count":3\}$/),
    );
    expect(
      by(staffActor, 'lead.read')
        .map((r) => r.subject)
        .sort(),
    ).toEqual([petitionLead, zhongbenLead, objectionLead].sort());
    const operator = `运维值班员 [${tokens.operator.id}]`;
    expect(by(operator, 'quarantine.list')).toHaveLength(1);
    expect(by(operator, 'quarantine.read').map((r) => r.subject)).toEqual([`quarantine #${quarantineId}`]);
    expect(by(operator, 'access.refused').map((r) => r.subject)).toContain('GET /v1/leads → 403 forbidden');
    expect(by(staffActor, 'access.refused').map((r) => r.subject)).toContain(
      'GET /v1/quarantine → 403 forbidden',
    );
    expect(by(`李受理 [${tokens.otherStaff.id}]`, 'access.refused').map((r) => r.subject)).toEqual([
      `GET /v1/leads/${zhongbenLead} → 404 out_of_scope`,
    ]);
    expect(by('anonymous', 'access.refused').map((r) => r.subject)).toContain(
      `GET /v1/leads/${zhongbenLead}/history → 401 unauthenticated`,
    );
    // Read and refusal rows name no person of the leads (an action's row keeps the reason its actor wrote).
    expect(leaked(JSON.stringify(rows.filter((r) => r.action !== 'lead.claim')))).toEqual([]);
  });

  async function pageAs(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    await context.addInitScript(([k, v]) => sessionStorage.setItem(k!, v!), [TOKEN_KEY, token]);
    return context.newPage();
  }

  /** The HTML of the console's inbox, both lead pages and (with rates.read) the dashboard. */
  async function consolePages(token: string, dashboard: boolean): Promise<Record<string, string>> {
    const page = await pageAs(token);
    const html: Record<string, string> = {};
    await page.goto(`${env.baseUrl}/console/#/inbox`);
    await page.waitForSelector('#results[data-state="ready"]');
    html.inbox = await page.content();
    for (const [name, id] of [
      ['zhongben', zhongbenLead],
      ['petition', petitionLead],
    ] as const) {
      await page.goto(`${env.baseUrl}/console/#/leads/${id}`);
      await page.waitForSelector('#h-history');
      await page.waitForSelector('[data-testid="timeline"]');
      html[name] = await page.content();
    }
    if (dashboard) {
      await page.goto(`${env.baseUrl}/console/#/dashboard`);
      await page.waitForSelector('[data-testid="rates-model"]');
      html.dashboard = await page.content();
    }
    return html;
  }

  it('console: staff and leaders see every page masked, prosecutors unmasked', async () => {
    for (const [who, dashboard] of [
      ['staff', false],
      ['leader', true],
    ] as const) {
      const pages = await consolePages(tokens[who].token, dashboard);
      expect(pages.zhongben).toContain('郭**');
      expect(pages.petition).toContain(SHOP);
      for (const [name, html] of Object.entries(pages))
        expect({ who, name, leaked: leaked(html) }).toEqual({ who, name, leaked: [] });
    }
    const prosecutor = await consolePages(tokens.prosecutor.token, false);
    expect(prosecutor.zhongben).toContain('郭秀华');
    expect(prosecutor.zhongben).toContain(debtorId);
  });
});
