import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  caseClosed,
  caseFiled,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
  type WireParty,
} from '@zhijian/simulator';
import { generateMonthlyReports } from '@zhijian/intake';
import { REFERRAL_DEFAULTS } from '@zhijian/config';
import { Jurisdiction } from '@zhijian/domain';
import { createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Case work in headless Chromium (issue 17): logged in as 控申 staff, a 民事检察 prosecutor and a
 * leader of 衢江区院, a walk-in application is registered and merged with the model lead on its
 * case, found by the debtor's ID number, assigned, noted, given an attachment, transferred to
 * 控申 and accepted there, handled, closed and its 结果告知书 made; the PDF's text is compared with
 * the API's. One 终本案件有财产可供执行 case: lean on purpose.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'reports', 'screenshots');
const TOKEN_KEY = 'zhijian.console.token';

declare const sessionStorage: { setItem(key: string, value: string): void };
declare const document: { querySelector(sel: string): { textContent: string | null } | null };
/** What the callbacks run inside the page touch (specs are compiled without the DOM library). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

const COURT = '浙0803';
const CASE_NO = `（2024）${COURT}执101号`;
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };
const debtor: WireParty = { kind: 'person', name: '郑大户', idNo: idCardOf('330803', '1980-01-01', 101) };
const applicantId = idCardOf('330803', '1975-05-05', 7);

function zhongben(): WireEnvelope[] {
  return [
    caseFiled({
      eventId: 'cw-filed-101',
      courtCode: COURT,
      caseNo: CASE_NO,
      filedOn: '2024-01-10',
      claimFen: 50_000_000,
      applicants: [bank],
      respondents: [debtor],
    }),
    caseClosed({
      eventId: 'cw-closed-101',
      courtCode: COURT,
      caseNo: CASE_NO,
      closedOn: '2024-03-04',
      method: 'terminated_this_round',
    }),
    realEstateEvent({
      eventId: 'cw-re-101',
      adminCode: '330803',
      unitNo: '330803001001GB0101F0001',
      event: 'first_registration',
      owners: [debtor],
      registeredOn: '2024-03-10',
    }),
    realEstateEvent({
      eventId: 'cw-tick-1',
      adminCode: '330802',
      unitNo: 'TICK-CW-1',
      event: 'first_registration',
      owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
      registeredOn: '2024-06-01',
    }),
  ];
}

describe('case work in headless Chromium', () => {
  let env: TestEnv;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let leadId: string;
  const who = {} as Record<'kongshen' | 'civil' | 'leader' | 'other', { id: string; token: string }>;

  const api = async <T>(token: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text && text.startsWith('{') ? JSON.parse(text) : text) as T };
  };

  async function pageAs(token: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    contexts.push(context);
    await context.addInitScript(([k, v]) => sessionStorage.setItem(k!, v!), [TOKEN_KEY, token]);
    return context.newPage();
  }
  const consoleUrl = (hash: string) => `${env.baseUrl}/console/#${hash}`;
  async function openLead(page: Page): Promise<void> {
    await page.goto(consoleUrl(`/leads/${leadId}`));
    await page.waitForSelector('#cw-transfers h2');
    await page.waitForSelector('#cw-handler h2');
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
    who.kongshen = await env.principal('staff', '330803', '控申受理员');
    who.civil = await env.principal('prosecutor', '330803', '民事检察官');
    who.leader = await env.principal('leader', '330803', '衢江院领导');
    who.other = await env.principal('staff', '330802', '柯城受理员');
    await env.publishAndWait(zhongben());
    leadId = await waitFor('the zhongben lead', async () => {
      const rows: { id: string }[] = await env.db.query(`select id from leads where case_no = $1`, [CASE_NO]);
      if (rows.length !== 1) throw new Error(`${rows.length} leads`);
      return rows[0]!.id;
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    // The leader places its people in their departments.
    for (const [p, department] of [
      [who.kongshen, 'complaint'],
      [who.civil, 'civil'],
    ] as const) {
      const r = await api(who.leader.token, `/v1/casework/departments/${p.id}`, {
        method: 'PUT',
        body: { department },
      });
      expect(r.status).toBe(200);
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await env?.close();
  });

  it('registers a walk-in application with the form, merged with the model lead on its case', async () => {
    const page = await pageAs(who.kongshen.token);
    await page.goto(consoleUrl('/register'));
    await page.waitForSelector('#register-form');
    await page.fill('input[name="applicantName"]', '李申请');
    await page.fill('input[name="applicantIdNo"]', applicantId);
    await page.fill('input[name="caseNo"]', CASE_NO);
    await page.fill('textarea[name="summary"]', '被执行人名下新登记房产，法院未恢复执行，申请检察监督');
    await page.screenshot({ path: join(SHOTS, 'register.png'), fullPage: true });
    await page.click('#register-form button[type="submit"]');
    // The page waits for screening and opens the lead: the model's, not a second one.
    await page.waitForURL(`**/console/#/leads/${leadId}`, { timeout: 60_000 });
    await page.waitForSelector('[data-testid="lead-title"]');
    const petitions: { leadId: string; source: string }[] = await env.db.query(
      `select p.lead_id as "leadId", r.source from petitions p join raw_events r on r.id = p.raw_event_id`,
    );
    expect(petitions).toEqual([{ leadId, source: 'procuratorate:330803' }]);
    const leads: { n: string }[] = await env.db.query(`select count(*) as n from leads`);
    expect(Number(leads[0]!.n)).toBe(1);
    // The applicant's name is masked for 控申 staff.
    expect(await page.textContent('main')).not.toContain('李申请');
  });

  it('finds the lead by the debtor’s ID number, masked, audited with the number masked, and only in scope', async () => {
    const page = await pageAs(who.kongshen.token);
    await page.goto(consoleUrl('/casework'));
    await page.fill('#search-q', debtor.idNo!);
    await page.click('#search-form button[type="submit"]');
    await page.waitForSelector('#search-results[data-state="ready"]');
    expect(page.url()).not.toContain(debtor.idNo);
    expect(await page.getAttribute('#search-results', 'data-count')).toBe('1');
    expect(
      await page.$$eval('#search-results tr[data-lead-id]', (trs: El[]) =>
        trs.map((tr) => tr.getAttribute('data-lead-id')),
      ),
    ).toEqual([leadId]);
    // Courts by name, the code in a tooltip.
    expect(await page.textContent('#search-results tbody')).toContain('衢江区人民法院');
    await page.screenshot({ path: join(SHOTS, 'casework.png'), fullPage: true });
    const html = await page.content();
    expect(html).not.toContain(debtor.idNo);
    expect(html).not.toContain('郑大户');
    const audit: { subject: string }[] = await env.db.query(
      `select subject from audit_log where action = 'lead.search'`,
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.map((a) => a.subject).join()).not.toContain(debtor.idNo);
    // By 案号 and by name too; another office finds nothing.
    const byCase = await api<{ matchedAs: string; items: { id: string }[] }>(
      who.kongshen.token,
      `/v1/casework/search?q=${encodeURIComponent(CASE_NO)}`,
    );
    expect([byCase.body.matchedAs, byCase.body.items.map((i) => i.id)]).toEqual(['case_no', [leadId]]);
    const byName = await api<{ matchedAs: string; items: { id: string }[] }>(
      who.kongshen.token,
      `/v1/casework/search?q=${encodeURIComponent('郑大户')}`,
    );
    expect([byName.body.matchedAs, byName.body.items.length]).toEqual(['party_name', 1]);
    const outside = await api<{ items: unknown[] }>(who.other.token, `/v1/casework/search?q=${debtor.idNo}`);
    expect(outside.body.items).toEqual([]);
  });

  it('assigns the lead to a named handler, who sees it in “mine” and is notified', async () => {
    const page = await pageAs(who.leader.token);
    await openLead(page);
    await page.selectOption('#assign-form select[name="handlerId"]', who.civil.id);
    await page.click('#assign-form button[type="submit"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="handler"]')?.textContent?.includes('民事检察官'),
    );
    const mine = await api<{ items: { id: string }[] }>(who.civil.token, '/v1/casework/mine');
    expect(mine.body.items.map((i) => i.id)).toEqual([leadId]);
    const civilPage = await pageAs(who.civil.token);
    await civilPage.goto(consoleUrl('/casework'));
    await civilPage.waitForSelector('[data-testid="notifications"] li[data-kind="assigned"]');
    expect(await civilPage.textContent('#h-mine')).toContain('（1）');
    // Unread in the header and the list; 标为已读 and 全部标为已读 bring the header's count down.
    const assigned = '[data-testid="notifications"] li[data-kind="assigned"]';
    await civilPage.waitForSelector('#unread.has-unread');
    const unread = Number(await civilPage.getAttribute('#unread', 'data-unread'));
    expect(unread).toBeGreaterThan(0);
    expect(await civilPage.getAttribute(assigned, 'data-read')).toBe('false');
    await civilPage.screenshot({ path: join(SHOTS, 'casework-notifications.png'), fullPage: true });
    await civilPage.click(`${assigned} button`);
    await civilPage.waitForSelector(`#unread[data-unread="${unread - 1}"]`);
    expect(await civilPage.getAttribute(assigned, 'data-read')).toBe('true');
    await civilPage.click('#notifications-read-all');
    await civilPage.waitForSelector('#unread[data-unread="0"]');
    expect((await api<{ unread: number }>(who.civil.token, '/v1/casework/notifications')).body.unread).toBe(
      0,
    );
    // Staff may not assign someone else.
    const refused = await api(who.kongshen.token, `/v1/leads/${leadId}/assign`, {
      method: 'POST',
      body: { handlerId: who.civil.id },
    });
    expect(refused.status).toBe(403);
  });

  it('keeps notes, editable by their author only and masked for staff', async () => {
    const page = await pageAs(who.civil.token);
    await openLead(page);
    await page.fill('#note-form textarea[name="body"]', '已约谈被执行人郑大户，其称房产系借名登记');
    await page.click('#note-form button[type="submit"]');
    await page.waitForSelector('[data-testid="notes"] li');
    expect(await page.textContent('[data-testid="notes"]')).toContain('郑大户');
    const notes = await api<{ items: { id: string; body: string; mine: boolean }[] }>(
      who.kongshen.token,
      `/v1/leads/${leadId}/notes`,
    );
    expect(notes.body.items).toHaveLength(1);
    expect(notes.body.items[0]!.body).not.toContain('郑大户');
    expect(notes.body.items[0]!.mine).toBe(false);
    const edit = await api(who.kongshen.token, `/v1/leads/${leadId}/notes/${notes.body.items[0]!.id}`, {
      method: 'PUT',
      body: { body: '改写' },
    });
    expect(edit.status).toBe(403);
    const own = await api<{ body: string }>(
      who.civil.token,
      `/v1/leads/${leadId}/notes/${notes.body.items[0]!.id}`,
      { method: 'PUT', body: { body: '已约谈被执行人，待核实' } },
    );
    expect([own.status, own.body.body]).toEqual([200, '已约谈被执行人，待核实']);
    const audited: { n: string }[] = await env.db.query(
      `select count(*) as n from audit_log where action in ('lead.note_add', 'lead.note_edit', 'lead.notes')`,
    );
    expect(Number(audited[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it('uploads an attachment and downloads it, the download audited; a renamed file is refused', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% 检察建议书 test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const page = await pageAs(who.civil.token);
    await openLead(page);
    await page.setInputFiles('#attachment-file', {
      name: '检察建议书.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.click('#attachment-upload');
    await page.waitForSelector('[data-testid="attachments"] li');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="attachments"] li button'),
    ]);
    expect(download.suggestedFilename()).toBe('检察建议书.pdf');
    expect(readFileSync(await download.path())).toEqual(pdf);
    const reads: { n: string }[] = await env.db.query(
      `select count(*) as n from audit_log where action = 'lead.attachment_read'`,
    );
    expect(Number(reads[0]!.n)).toBe(1);
    const bad = await fetch(`${env.baseUrl}/v1/leads/${leadId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${who.civil.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': 'a.pdf',
      },
      body: Buffer.from('MZ\x90\x00 not a pdf'),
    });
    expect([bad.status, ((await bad.json()) as { message: string }).message]).toEqual([
      400,
      '附件内容与扩展名“.pdf”不符',
    ]);
  });

  it('transfers the lead to 控申 and 控申 accepts it; both steps in the history, rates per kind', async () => {
    const page = await pageAs(who.civil.token);
    await openLead(page);
    expect(await page.textContent('[data-testid="department"]')).toContain('民事检察部门');
    await page.selectOption('#transfer-form select[name="kind"]', 'department');
    await page.fill('#transfer-form textarea[name="reason"]', '申请人到院反映，请控申部门答复');
    await page.click('#transfer-form button[type="submit"]');
    await page.waitForSelector('[data-testid="transfers"] tr[data-status="pending"]');

    // Only the receiving department may accept it.
    const transfers = await api<{ items: { id: string }[] }>(
      who.civil.token,
      `/v1/leads/${leadId}/transfers`,
    );
    const tid = transfers.body.items[0]!.id;
    expect(
      (
        await api(who.civil.token, `/v1/leads/${leadId}/transfers/${tid}/accept`, {
          method: 'POST',
          body: {},
        })
      ).status,
    ).toBe(403);

    const ks = await pageAs(who.kongshen.token);
    await ks.goto(consoleUrl('/casework'));
    await ks.waitForSelector('[data-testid="notifications"] li[data-kind="transfer"]');
    await openLead(ks);
    await ks.click(`#accept-${tid} button[type="submit"]`);
    await ks.waitForSelector('[data-testid="transfers"] tr[data-status="accepted"]');
    expect(await ks.textContent('[data-testid="department"]')).toContain('控告申诉检察部门');
    await ks.screenshot({ path: join(SHOTS, 'lead-casework.png'), fullPage: true });
    const history = await api<{ transitions: { action: string; actor: { name: string } }[] }>(
      who.leader.token,
      `/v1/leads/${leadId}/history`,
    );
    expect(history.body.transitions.map((t) => `${t.action}:${t.actor.name}`)).toEqual([
      'assign:衢江院领导',
      'transfer:民事检察官',
      'transfer_accept:控申受理员',
    ]);
    // A duty-crime transfer needs its document number.
    const noNumber = await api<{ fields: Record<string, string> }>(
      who.kongshen.token,
      `/v1/leads/${leadId}/transfers`,
      {
        method: 'POST',
        body: { kind: 'discipline', reason: '疑似法院工作人员违纪' },
      },
    );
    expect([noNumber.status, Object.keys(noNumber.body.fields)]).toEqual([400, ['documentNo']]);
    const rates = await api<{
      groups: { kind: string; total: number; accepted: number; acceptedRate: number | null }[];
    }>(who.leader.token, '/v1/casework/transfer-rates');
    expect(rates.body.groups).toEqual([
      expect.objectContaining({ kind: 'department', total: 1, accepted: 1, acceptedRate: null }),
    ]);
    const dash = await pageAs(who.leader.token);
    await dash.goto(consoleUrl('/dashboard'));
    await dash.waitForSelector('[data-testid="transfer-rates"] tr[data-kind="department"]');
    expect(await dash.textContent('[data-testid="transfer-rates"] tr[data-kind="department"]')).toContain(
      '—（1/1）',
    );
  });

  it('closes the lead and serves its 结果告知书: the PDF says what the API says; overdue until then', async () => {
    for (const action of ['claim', 'accept', 'close']) {
      const r = await api(who.civil.token, `/v1/leads/${leadId}/${action}`, { method: 'POST', body: {} });
      expect([action, r.status]).toEqual([action, 200]);
    }
    // Closed 30 days ago without a notice: flagged by the notice deadline.
    await env.db.query(`update leads set closed_at = now() - interval '30 days' where id = $1`, [leadId]);
    const due = await api<{ days: number; items: { leadId: string }[] }>(
      who.leader.token,
      '/v1/casework/notices/due',
    );
    expect([due.body.days, due.body.items.map((i) => i.leadId)]).toEqual([15, [leadId]]);

    const page = await pageAs(who.civil.token);
    await openLead(page);
    await page.waitForSelector('#notice-form');
    await page.fill('#notice-form input[name="documentNo"]', '衢江检民告〔2026〕1号');
    await page.fill('#notice-form input[name="servedOn"]', '2026-12-01');
    await page.click('#notice-form button[type="submit"]');
    await page.waitForSelector('[data-testid="notice"]', { timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#notice-download')]);
    const file = join(tmpdir(), `notice-${leadId}.pdf`);
    writeFileSync(file, readFileSync(await download.path()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const notice = await api<{ notice: { documentNo: string; servedOn: string; recipient: string } }>(
      who.civil.token,
      `/v1/leads/${leadId}/notice`,
    );
    expect(notice.body.notice).toMatchObject({
      documentNo: '衢江检民告〔2026〕1号',
      servedOn: '2026-12-01',
      recipient: '李申请',
    });
    for (const expected of [
      '衢州市衢江区人民检察院',
      '结果告知书',
      notice.body.notice.documentNo,
      '李申请',
      CASE_NO,
      notice.body.notice.servedOn,
    ])
      expect(text).toContain(expected);
    // Masked roles see the notice recorded but not the PDF with the name.
    expect((await api(who.kongshen.token, `/v1/leads/${leadId}/notice.pdf`)).status).toBe(403);
    const masked = await api<{ notice: { recipient: string } }>(
      who.kongshen.token,
      `/v1/leads/${leadId}/notice`,
    );
    expect(masked.body.notice.recipient).not.toBe('李申请');
    expect(
      (await api<{ items: unknown[] }>(who.leader.token, '/v1/casework/notices/due')).body.items,
    ).toEqual([]);
    const history = await api<{ transitions: { action: string }[] }>(
      who.leader.token,
      `/v1/leads/${leadId}/history`,
    );
    expect(history.body.transitions.map((t) => t.action).slice(-4)).toEqual([
      'claim',
      'accept',
      'close',
      'notice',
    ]);
  });

  it('exports what the inbox shows, masked, and keeps saved filters; bulk actions answer per lead', async () => {
    const csv = await fetch(`${env.baseUrl}/v1/casework/export.csv?status=closed`, {
      headers: { authorization: `Bearer ${who.kongshen.token}` },
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = bytes.toString('utf8');
    expect(body).toContain(CASE_NO);
    expect(body).toContain('衢州市衢江区人民法院');
    expect(body).not.toContain(debtor.idNo!);
    expect(body).not.toContain('郑大户');
    const saved = await api(who.kongshen.token, '/v1/casework/filters', {
      method: 'POST',
      body: { name: '高风险新线索', query: { status: 'new', severity: 'high' } },
    });
    expect(saved.status).toBe(201);
    const filters = await api<{ items: { name: string }[] }>(who.kongshen.token, '/v1/casework/filters');
    expect(filters.body.items.map((f) => f.name)).toEqual(['高风险新线索']);
    const bulk = await api<{
      succeeded: number;
      failed: number;
      results: { ok: boolean; message?: string }[];
    }>(who.civil.token, '/v1/casework/bulk', {
      method: 'POST',
      body: { action: 'close', ids: [leadId] },
    });
    expect([bulk.body.succeeded, bulk.body.failed]).toEqual([0, 1]);
    expect(bulk.body.results[0]!.message).toContain('已办结');
  });
  it('makes the 专题分析报告 in the console; its figures and its PDF’s equal the API’s, its cases masked', async () => {
    const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = '2024-01-01';
    const rates = await api<{ total: { leads: number }; groups: { key: string; leads: number }[] }>(
      who.leader.token,
      `/v1/rates?groupBy=model&from=${from}&to=${to}`,
    );
    expect(rates.body.total.leads).toBe(1);
    const page = await pageAs(who.leader.token);
    await page.goto(consoleUrl(`/report?unit=330803&from=${from}&to=${to}`));
    await page.waitForSelector('#report[data-state="ready"]');
    expect(await page.getAttribute('[data-testid="report-summary"]', 'data-leads')).toBe(
      String(rates.body.total.leads),
    );
    const models = await page.$$eval('[data-testid="report-models"] tbody td', (tds: El[]) =>
      tds.map((td) => td.textContent),
    );
    expect(models).toEqual(['终本案件有财产可供执行', String(rates.body.groups[0]!.leads)]);
    // Every month of the period on the axis, empty ones too.
    const months = await page.$$eval('[data-testid="report-months"] tbody tr', (trs) => trs.length);
    expect(months).toBeGreaterThan(24);
    await page.screenshot({ path: join(SHOTS, 'report.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('#report-pdf'),
    ]);
    const file = join(tmpdir(), `report-${leadId}.pdf`);
    writeFileSync(file, readFileSync(await download.path()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('衢州市衢江区人民检察院');
    expect(text).toContain('专题分析报告');
    expect(text).toContain(`期间共发现监督线索${rates.body.total.leads}件`);
    expect(text).toContain(CASE_NO);
    expect(text).not.toContain('郑大户');
    expect(text).not.toContain(debtor.idNo);
    // Staff may not make one; another city's office is out of scope.
    expect(
      (await api(who.kongshen.token, `/v1/reports/thematic?unit=330803&from=${from}&to=${to}`)).status,
    ).toBe(403);
    expect(
      (await api(who.leader.token, `/v1/reports/thematic?unit=330802&from=${from}&to=${to}`)).status,
    ).toBe(403);
  });

  it('writes the report with `zhijian report` and keeps every office’s monthly report', async () => {
    const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = '2024-01-01';
    const out = join(tmpdir(), `thematic-${leadId}`);
    const cli = await env.runCli('report', '--unit', '330803', '--from', from, '--to', to, '--out', out);
    expect(cli.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, `thematic-330803-${from}-${to}.json`), 'utf8')) as {
      totals: { leads: number };
    };
    const rates = await api<{ total: { leads: number } }>(
      who.leader.token,
      `/v1/rates?groupBy=model&from=${from}&to=${to}`,
    );
    expect(json.totals.leads).toBe(rates.body.total.leads);
    expect(
      readFileSync(join(out, `thematic-330803-${from}-${to}.pdf`))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The monthly reports: every office with leads, its city and province, kept; each office sees its own.
    const month = to.slice(0, 7);
    // What `report --monthly` runs (the CLI's spawn is exercised above): kept in the database.
    const monthly = await generateMonthlyReports(
      env.db.manager,
      new Jurisdiction(),
      REFERRAL_DEFAULTS,
      month,
    );
    expect(monthly.generated).toEqual(['330000', '330800', '330803']);
    expect(
      (await generateMonthlyReports(env.db.manager, new Jurisdiction(), REFERRAL_DEFAULTS, month)).generated,
    ).toEqual([]);
    const kept: { unitCode: string }[] = await env.db.query(
      `select unit_code as "unitCode" from thematic_reports where period = $1 order by 1`,
      [month],
    );
    expect(kept.map((k) => k.unitCode)).toEqual(['330000', '330800', '330803']);
    const listed = await api<{ items: { id: string; unitCode: string; leads: number }[] }>(
      who.leader.token,
      '/v1/reports/monthly',
    );
    expect(listed.body.items.map((k) => [k.unitCode, k.leads])).toEqual([['330803', 1]]);
    const page = await pageAs(who.leader.token);
    await page.goto(consoleUrl(`/report?unit=330803&from=${from}&to=${to}`));
    await page.waitForSelector('[data-testid="kept-reports"] tr[data-report-id]');
    const pdf = await fetch(`${env.baseUrl}/v1/reports/monthly/${listed.body.items[0]!.id}`, {
      headers: { authorization: `Bearer ${who.leader.token}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  }, 240_000);
  it('lists to 民事检察 only its department’s leads: a 控申-only lead is not in its inbox', async () => {
    // Two new leads of the office (fixtures: screening makes leads with 民事检察): one 控申 holds
    // and 民事检察 never handled, one with 民事检察 and no petition (not 控申's).
    const insert = async (key: string, department: string): Promise<string> => {
      const rows: { id: string }[] = await env.db.query(
        `insert into leads (model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                            legal_basis, statement, evidence, as_of, kind, status, department)
         select model_id, model_version, $2, null, unit_code, tier, severity, priority, title,
                legal_basis, statement, evidence, as_of, kind, 'new', $3
           from leads where id = $1 returning id`,
        [leadId, key, department],
      );
      return rows[0]!.id;
    };
    const complaintOnly = await insert('cw:complaint-only', 'complaint');
    const civilOnly = await insert('cw:civil-only', 'civil');
    const rows = async (token: string) => {
      const page = await pageAs(token);
      await page.goto(consoleUrl('/inbox'));
      await page.waitForSelector('#results[data-state="ready"]');
      return {
        page,
        ids: await page.$$eval('#results tr[data-lead-id]', (trs: El[]) =>
          trs.map((tr) => tr.getAttribute('data-lead-id')),
        ),
      };
    };
    const civil = await rows(who.civil.token);
    expect(civil.ids).toContain(civilOnly);
    expect(civil.ids).not.toContain(complaintOnly);
    await civil.page.screenshot({ path: join(SHOTS, 'inbox-civil.png'), fullPage: true });
    const kongshen = (await rows(who.kongshen.token)).ids;
    expect(kongshen).toContain(complaintOnly);
    expect(kongshen).not.toContain(civilOnly);
    // Registry agencies by name in the lead's evidence, the code in a tooltip.
    const lead = await pageAs(who.civil.token);
    await openLead(lead);
    const agency = lead
      .locator('[data-testid="timeline"] .agency[data-source="agency:realestate:330803"]')
      .first();
    await expect(agency.textContent()).resolves.toBe('衢州市衢江区不动产登记中心');
    await expect(agency.getAttribute('title')).resolves.toBe('agency:realestate:330803');
    await lead.screenshot({ path: join(SHOTS, 'lead-agencies.png'), fullPage: true });
  }, 60_000);
});
