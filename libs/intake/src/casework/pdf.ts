import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (what `npm test` installs); CHROMIUM_PATH elsewhere. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * An HTML page printed to PDF (A4) by headless Chromium through playwright-core: the browser the
 * console's tests drive already, so no PDF library and no downloaded browser. One browser per
 * document: notices and reports are rare, and nothing stays running between them.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  return (await htmlToPdfs([html]))[0]!;
}

/** Several pages printed by one browser (the monthly reports of every office). */
export async function htmlToPdfs(htmls: string[]): Promise<Buffer[]> {
  const path = chromiumPath();
  if (!existsSync(path))
    throw new Error(`未找到 Chromium（${path}），无法生成 PDF；请安装 chromium 或设置 CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath: path, headless: true, args: ['--no-sandbox'] });
  try {
    const out: Buffer[] = [];
    for (const html of htmls) out.push(await print(browser, html));
    return out;
  } finally {
    await browser.close();
  }
}

async function print(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    // The page is ours and holds no script; nothing is fetched from anywhere.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
    });
  } finally {
    await page.close();
  }
}

/** Text for HTML: every value goes in escaped. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
