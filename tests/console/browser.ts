import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * What the console's browser specs share: Debian's Chromium driven by playwright-core (no browser
 * download), tabs signed in with a session token (kept in sessionStorage, as the login page
 * does), and the folder of screenshots.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(__dirname, '..', '..', 'reports', 'screenshots');
export const TOKEN_KEY = 'zhijian.console.token';

export interface ConsoleBrowser {
  /** A tab signed in with this session token (none: the sign-in page). */
  pageAs(token: string | null): Promise<Page>;
  /** The console's address of a page: `/models` → …/console/#/models. */
  url(hash: string): string;
  close(): Promise<void>;
}

export async function consoleBrowser(baseUrl: string): Promise<ConsoleBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox'],
  });
  const contexts: BrowserContext[] = [];
  return {
    async pageAs(token) {
      const context = await browser.newContext({
        viewport: { width: 1360, height: 900 },
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      contexts.push(context);
      if (token) await context.addInitScript(([k, v]) => sessionStorage.setItem(k!, v!), [TOKEN_KEY, token]);
      return context.newPage();
    },
    url: (hash) => `${baseUrl}/console/#${hash}`,
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** What the callbacks run inside the page touch (specs are compiled without the DOM library). */
declare const sessionStorage: { setItem(key: string, value: string): void };
