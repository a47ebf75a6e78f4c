import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PAGES = {
  home: '/',
  article: '/articles/lead-scoring-with-bant/',
  magnet: '/magnets/lead-scoring-worksheet/',
  'landing (magnet)': '/lp/lead-scoring/meta-worksheet/',
  'landing (consultation)': '/lp/scoring-review/linkedin-review/',
};
const LANDINGS = [
  ['/lp/lead-scoring/meta-worksheet/', 'Download the worksheet'],
  ['/lp/lead-scoring/google-search/', 'Get the free worksheet'],
  ['/lp/message-match/tiktok-founder/', 'Download the checklist'],
  ['/lp/scoring-review/linkedin-review/', 'Request a free review'],
] as const;
const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};
const SCHEMES = ['light', 'dark'] as const;
/** Requests for pictures, held back IMAGE_DELAY_MS each in the layout-shift check. */
const IMAGE_REQUEST = /\.(png|jpe?g|webp|avif|gif|svg)(\?|$)/;
const IMAGE_DELAY_MS = 600;

/** Records every layout shift from the page's first byte on, as Chrome reports them; run before the page loads. */
function recordLayoutShifts(): void {
  const shifts = { total: 0, observer: new PerformanceObserver((list) => add(list.getEntries())) };
  // CLS counts the shifts without recent input.
  const add = (entries: PerformanceEntryList) => {
    for (const entry of entries as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) shifts.total += entry.value;
  };
  shifts.observer.observe({ type: 'layout-shift', buffered: true });
  (window as unknown as { layoutShifts: () => number }).layoutShifts = () => {
    // Entries reported but not yet handed to the callback count too.
    add(shifts.observer.takeRecords());
    return shifts.total;
  };
}

/** The layout shift of the page so far (the page's context must have run recordLayoutShifts). */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { layoutShifts: () => number }).layoutShifts());
}

/** The public pages at a phone's and a laptop's size, in light and dark: accessible, stable, and laid out as designed. */
describe('the design in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  const cases = Object.entries(PAGES).flatMap(([name, path]) =>
    Object.keys(SIZES).flatMap((size) => SCHEMES.map((scheme) => [name, size, scheme, path] as const)),
  );

  it.each(cases)('%s at %s size in %s mode: no axe violations, no layout shift, no sideways scroll', async (_, size, scheme, path) => {
    // axe is injected as an inline script, which the site's Content-Security-Policy rightly refuses: the test bypasses it.
    const page = await chromium.open({ ...SIZES[size as keyof typeof SIZES], colorScheme: scheme, bypassCSP: true });
    // Pictures arrive well after the text, as on a slow phone network: any without its space reserved would move what is in view.
    await page.route(IMAGE_REQUEST, async (route) => {
      await new Promise((done) => setTimeout(done, IMAGE_DELAY_MS));
      await route.continue();
    });
    await page.addInitScript(recordLayoutShifts);
    await page.goto(app.server.base + path, { waitUntil: 'load' });
    // A window as tall as the page puts every picture, lazy ones too, in view while it arrives.
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: viewport.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.evaluate(() => [...document.images].every((image) => image.complete))).toBe(true);
    expect(await layoutShift(page)).toBe(0);
    await page.setViewportSize(viewport);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'sideways scroll').toBe(0);

    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
      ).axe.run();
      return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });

  it.each(LANDINGS.flatMap(([path, button]) => Object.keys(SIZES).map((size) => [path, size, button] as const)))(
    '%s at %s size shows the whole form, its button included, in the first screen',
    async (path, size, button) => {
      const page = await chromium.open(SIZES[size as keyof typeof SIZES]);
      await page.goto(app.server.base + path);
      const viewport = page.viewportSize()!;
      const box = (await page.getByRole('button', { name: button }).boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
      const email = (await page.getByLabel('Email address').boundingBox())!;
      expect(email.y).toBeGreaterThan(0);
      if (size === 'desktop') {
        // Copy on the left, the form on the right.
        const headline = (await page.locator('h1').boundingBox())!;
        expect(email.x).toBeGreaterThan(headline.x + headline.width);
      }
    },
  );

  it('keeps the table of contents beside the article and in view while a desktop reader scrolls', async () => {
    const page = await chromium.open(SIZES.desktop);
    await page.goto(app.server.base + PAGES.article);
    const toc = page.getByRole('navigation', { name: 'On this page' });
    const prose = (await page.locator('.prose').boundingBox())!;
    const before = (await toc.boundingBox())!;
    expect(before.x).toBeGreaterThanOrEqual(prose.x + prose.width);
    for (const y of [1500, 3000, 4500]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 100);
      const box = (await toc.boundingBox())!;
      expect(box.y, `after scrolling to ${y}`).toBeGreaterThanOrEqual(0);
      expect(box.y, `after scrolling to ${y}`).toBeLessThan(100);
    }
  });

  it('lets a phone reader reach a wide table by keyboard and scroll it sideways', async () => {
    const page = await chromium.open(SIZES.phone);
    await page.goto(app.server.base + PAGES.article);
    const region = page.getByRole('region', { name: 'Table: Letter, The question, Where the signal comes from, Example signal' });
    const sizes = await region.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    // Focusable in every browser, not only in those (like this Chromium) that make any scroller focusable.
    expect(await region.getAttribute('tabindex')).toBe('0');
    await region.focus();
    expect(await region.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
  });

  it('follows a reader’s dark setting on public pages, and keeps the admin (drawn for light) light', async () => {
    const page = await chromium.open({ ...SIZES.desktop, colorScheme: 'dark' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto(app.server.base + '/');
    expect(await background()).toBe('rgb(15, 20, 25)');
    await page.goto(app.server.base + '/admin/login');
    expect(await background()).toBe('rgb(255, 255, 255)');
  });

  it('puts a footer at the bottom of the window on a short page, with no empty band under it', async () => {
    const page = await chromium.open(SIZES.desktop);
    await page.goto(app.server.base + '/tags/');
    const footer = (await page.locator('.site-footer').boundingBox())!;
    expect(Math.round(footer.y + footer.height)).toBeGreaterThanOrEqual(SIZES.desktop.viewport.height);
  });
});
