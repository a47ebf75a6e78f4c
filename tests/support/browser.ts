import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { projectRoot } from './app-server.ts';

/** Debian's Chromium, installed by `.ci/run` with apt-get; never a browser download. Playwright gives each launch a fresh profile. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A phone-sized viewport (iPhone 14 class). */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Saves a full-page screenshot under test-results/ when the test that used `page` failed. */
export async function screenshotIfFailed(page: Page | undefined, task: { name: string; result?: { state?: string } }): Promise<void> {
  if (!page || task.result?.state !== 'fail') return;
  const directory = join(projectRoot, 'test-results');
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, `${task.name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
}

/**
 * Chromium for the surrounding `describe`: launched before its tests, closed after them. Each test
 * opens a phone-sized page with `open()`; a failing test leaves a screenshot, and its page is closed.
 */
export function useChromium(): { open(options?: BrowserContextOptions): Promise<Page> } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
    await page?.context().close();
    page = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(options = {}) {
      const context = await browser!.newContext({ ...PHONE, ...options });
      page = await context.newPage();
      return page;
    },
  };
}
