import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateOfficeKeys, type ModelPackage } from '@zhijian/screening';
import { waitFor, createTestEnv, type TestEnv } from '@zhijian/testing';
import { dayFromToday, vehiclePurchase } from '../integration/vehicle-purchase.fixture';
import { consoleBrowser, SHOTS, type ConsoleBrowser } from './browser';

/**
 * The model workbench in a real browser (issue 18): a prosecutor writes a collision model in the
 * editor (a respondent of an open case buys a car after the execution notice and the court does
 * not seize it within 30 days), sees a forbidden predicate refused in Chinese, validates and
 * backtests it (its leads), submits it; the provincial reviewer approves and lists it, exports
 * it signed; then fresh events on Kafka raise a lead for the hit and nothing for the near misses.
 */
const MODEL = 'vehicle_bought_uncontrolled';
const SOURCE = readFileSync(
  join(__dirname, '..', '..', 'libs', 'catalogue', 'declarative', 'examples', `${MODEL}.model.yaml`),
  'utf8',
);

describe('model workbench in headless Chromium', () => {
  let env: TestEnv;
  let browser: ConsoleBrowser;
  const signing = generateOfficeKeys('330000');
  const t: Record<'prosecutor' | 'reviewer' | 'operator', string> = {
    prosecutor: '',
    reviewer: '',
    operator: '',
  };
  /** Stored before the model is written: what its backtest finds. */
  const earlier = vehiclePurchase(7201, { bought: -90 });

  beforeAll(async () => {
    const keyFile = join(tmpdir(), `zhijian-model-key-${process.pid}.json`);
    writeFileSync(keyFile, JSON.stringify(signing), { mode: 0o600 });
    // Only declarative models run: the built-in catalogue has its own specs.
    env = await createTestEnv({ enabledModels: [], modelSigningKeyFile: keyFile });
    await env.startHub();
    t.prosecutor = await env.token('prosecutor', '330803', '赵检察官');
    t.reviewer = await env.token('leader', '330000', '省院审查人员');
    t.operator = await env.token('operator', '330000', '运维值班员');
    await env.publishAndWait(earlier.events);
    browser = await consoleBrowser(env.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
  const statusOf = (page: Page) => page.textContent('#model-versions tbody tr td:nth-child(3)');

  it('written, refused, validated, backtested and submitted by a prosecutor; approved, listed and exported by the reviewer; live on fresh events', async () => {
    const page = await browser.pageAs(t.prosecutor);
    await page.goto(browser.url('/models'));
    const editor = page.locator('textarea[name="source"]');
    await editor.waitFor();

    // A predicate that reads a table outside the canonical views: refused before it runs, in Chinese.
    await editor.fill(SOURCE.replace('from notices n', 'from notices n join leads l on true'));
    await page.click('button:text-is("校验")');
    await page.waitForSelector('#model-output .error');
    expect(await page.textContent('#model-output')).toMatch(/只能读取公布的标准视图.*leads/);
    await shot(page, 'models-refused.png');

    await editor.fill(SOURCE);
    await page.click('button:text-is("校验")');
    await page.waitForSelector('#model-output h2');
    expect(await page.textContent('#model-output h2')).toBe(
      `校验通过：执行通知后购置车辆未控制（${MODEL} 第 1 版）`,
    );
    await page.click('button:text-is("回测")');
    await page.waitForSelector('#model-output table');
    expect(await page.textContent('#model-output h2')).toMatch(/^回测（截至 \d{4}-\d{2}-\d{2}）：1 条线索/);
    expect(await page.textContent('#model-output tbody')).toContain(
      `${earlier.caseNo}的被执行人于${dayFromToday(-110)}被送达执行通知书后，于${dayFromToday(-90)}登记购置车辆`,
    );
    await shot(page, 'models-backtest.png');

    await page.click('button:text-is("保存为草稿")');
    await waitFor('the draft listed', async () => (await statusOf(page)) === '草稿');
    await page.click('#model-versions button:text-is("提交审查")');
    await waitFor('the version submitted', async () => (await statusOf(page)) === '待审查');
    await shot(page, 'models-submitted.png');

    const review = await browser.pageAs(t.reviewer);
    await review.goto(browser.url('/models/review'));
    await review.waitForSelector('#model-versions tbody tr');
    review.once('dialog', (d) => void d.accept('法律依据充分，同意上架'));
    await review.click('#model-versions button:text-is("审查通过")');
    await waitFor('approved', async () => (await statusOf(review)) === '审查通过');
    await review.click('#model-versions button:text-is("上架")');
    await waitFor('listed', async () => (await statusOf(review)) === '已上架');
    await shot(review, 'models-review.png');
    const [download] = await Promise.all([
      review.waitForEvent('download'),
      review.click('#model-versions button:text-is("导出共享包")'),
    ]);
    const pkg = JSON.parse(readFileSync(await download.path(), 'utf8')) as ModelPackage;
    expect(pkg).toMatchObject({ model: { id: MODEL, version: 1 }, exportedBy: { unitCode: '330000' } });

    // Fresh events through Kafka: the hit raises a lead; bought then seized within 30 days, or
    // bought before the notice, nothing.
    const hit = vehiclePurchase(7203, { bought: -90 });
    const seizedInTime = vehiclePurchase(7204, { bought: -90, controlled: -75 });
    const boughtBefore = vehiclePurchase(7205, { bought: -115 });
    await env.publishAndWait([...hit.events, ...seizedInTime.events, ...boughtBefore.events]);
    await waitFor('the lead of the listed model', async () =>
      (await env.individualLeads([hit.caseNo])).some((l) => l.modelId === MODEL),
    );
    await env.settled();
    const raised = (await env.individualLeads([hit.caseNo, seizedInTime.caseNo, boughtBefore.caseNo])).filter(
      (l) => l.modelId === MODEL,
    );
    expect(raised.map((l) => l.caseNo)).toEqual([hit.caseNo]);

    // 可信签名单位: an operator trusts the province's key; a tampered copy of the package is refused.
    const ops = await browser.pageAs(t.operator);
    await ops.goto(browser.url('/model-signers'));
    await ops.fill('#signer-form input[name="unitCode"]', '330000');
    await ops.fill('#signer-form input[name="publicKey"]', signing.publicKey);
    await ops.fill('#signer-form input[name="note"]', '浙江省人民检察院');
    await ops.click('#signer-form button[type="submit"]');
    await ops.waitForSelector('[data-testid="signers"] tr[data-unit="330000"]');
    await shot(ops, 'models-signers.png');
    const tampered = {
      ...pkg,
      model: { ...pkg.model, source: pkg.model.source.replace('default: 30', 'default: 3') },
    };
    await page.setInputFiles('#package-form input[type="file"]', {
      name: 'tampered.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await page.click('#package-form button:text-is("导入")');
    await page.waitForSelector('#model-output .error');
    expect(await page.textContent('#model-output')).toMatch(/SM2 签名验证失败/);
    await shot(page, 'models-import-refused.png');
  });
});
