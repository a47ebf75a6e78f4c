import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../admin/admin-client.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { touchOf } from '../support/lead-rows.ts';

/** Records every Content-Security-Policy violation of the pages `page` opens, as events and as console messages. */
async function watchViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.exposeFunction('reportViolation', (line: string) => found.push(line));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(line: string): void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`,
      ),
    ),
  );
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) found.push(`console: ${message.text()}`);
  });
  return found;
}

/** The site's pages in Chromium under its Content-Security-Policy: nothing of its own is blocked. */
describe('Content-Security-Policy in Chromium', () => {
  const app = useAppHarness('sqlite', { ADMIN_PASSWORD });
  const chromium = useChromium();

  it('runs every inline script of the pages with forms, and the form still signs up with JavaScript', async () => {
    const page = await chromium.open({ javaScriptEnabled: true });
    const violations = await watchViolations(page);

    for (const path of ['/', '/articles/cost-per-lead-and-roi/']) await page.goto(`${app.server.base}${path}`, { waitUntil: 'load' });
    await page.goto(`${app.server.base}/lp/lead-scoring/google-search/?kw=${encodeURIComponent('bant scoring template')}`);
    // The landing page's inline script ran: the searched phrase is in the headline, in the variant's Title Case.
    await expect.poll(() => page.locator('h1').textContent()).toContain('BANT Scoring Template');
    // The form script ran: it marked the form enhanced and fetched a stamp.
    await page.waitForSelector('form[data-enhanced]');
    await page.waitForFunction(() => (document.querySelector('input[name="stamp"]') as HTMLInputElement | null)?.value !== '');

    await page.getByLabel('Email address').fill('csp.reader@example.com');
    await page.getByLabel(/Email me the worksheet and a few/).check();
    await page.getByRole('button', { name: 'Get the free worksheet' }).click();
    // Answered in place by the script (without it the browser would navigate to the thank-you page).
    await page.locator('[data-lead-form] [data-success], [data-lead-form] [data-status]:not(:empty)').first().waitFor({ state: 'visible' });
    expect(page.url()).toContain('/lp/lead-scoring/google-search/');

    await waitFor(() => touchOf(app.store, 'csp.reader@example.com'), 2_000, 'the stored touch');
    expect(violations).toEqual([]);
  });

  it('runs the admin’s pages and shows an email preview with its inline styles', async () => {
    const page = await chromium.open({ javaScriptEnabled: true });
    const violations = await watchViolations(page);
    await page.goto(`${app.server.base}/admin/login`);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.server.base}/admin/`);
    for (const path of ['/admin/leads/', '/admin/email/', '/admin/emails/preview/'])
      await page.goto(`${app.server.base}${path}`, { waitUntil: 'load' });

    await page.locator('a[href^="/admin/emails/preview/"]:not([href$="?text"])').first().click();
    await page.waitForLoadState('load');
    const styled = page.locator('[style]').first();
    expect(await styled.count()).toBe(1);
    // The email's own style attribute applies (a blocked one would leave the browser's default).
    const declared = (await styled.getAttribute('style'))!.split(';')[0]!.split(':')[0]!.trim();
    const applied = await styled.evaluate((element, property) => (element as HTMLElement).style.getPropertyValue(property) !== '', declared);
    expect(applied).toBe(true);
    expect(violations).toEqual([]);
  });
});
