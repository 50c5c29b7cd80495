/**
 * Browser tests: playwright-core drives Debian's chromium (`apt-get install -y chromium`, see
 * .ci/run), headless, with a fresh profile per launch (playwright's temporary user data dir). A failing test leaves a
 * full-page screenshot in test-results/<test name>.png (the CI artifact).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserFixture {
  browser: Browser;
  /** a new context (own storage) and page; closed by close() */
  page(options?: { baseURL?: string }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserFixture> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  // playwright-core starts chromium with a fresh temporary --user-data-dir of its own (and refuses one in args)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async page(o = {}) {
      const ctx = await browser.newContext({
        viewport: { width: 1400, height: 900 },
        acceptDownloads: true,
        ...(o.baseURL ? { baseURL: o.baseURL } : {}),
      });
      contexts.push(ctx);
      return ctx.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

/** Call in a test: on failure, a screenshot of `page` goes to test-results/<name>.png. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    mkdirSync('test-results', { recursive: true });
    await page
      .screenshot({ path: join('test-results', `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`), fullPage: true })
      .catch(() => {});
  });
}
