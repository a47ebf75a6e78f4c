import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { postSignup, signup } from '../support/signup-client.ts';
import { ADMIN_PASSWORD } from '../admin/admin-client.ts';

const XSS = '<img src=x onerror=alert(1)>';

/** How many CSS pixels the page is wider than the viewport (tables scroll inside their own box). */
const widerThanTheScreen = (tab: Page) => tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The marketer signs in, finds a lead whose every field is hostile, and opens it: nothing runs. */
describe.each([
  ['a phone', {}],
  ['a desktop', { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 }],
])('the leads list and a lead’s page on %s', (_, device) => {
  const app = useAppHarness('sqlite', { ADMIN_PASSWORD });
  const chromium = useChromium();

  it('signs in through the form, opens a hostile lead from the list, runs none of its values on any admin page, and signs out', async () => {
    const email = 'hostile.e2e@example.com';
    const hostile = {
      name: XSS,
      magnet: 'lead-scoring-worksheet',
      utm_source: XSS,
      utm_campaign: XSS,
      utm_content: XSS,
      referrer: `https://example.com/${XSS}`,
    };
    expect((await postSignup(app.server.base, signup(email, hostile), { headers: { 'User-Agent': `Mozilla/5.0 ${XSS}` } })).status).toBe(202);

    const tab = await chromium.open(device);
    const dialogs: string[] = [];
    tab.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await tab.goto(`${app.server.base}/admin/leads/`);
    await tab.waitForURL(/\/admin\/login\?next=%2Fadmin%2Fleads%2F$/);
    await tab.getByLabel('Password').fill('not-the-password');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    expect(await tab.getByRole('alert').textContent()).toBe('Wrong user name or password.');
    await tab.getByLabel('Password').fill(ADMIN_PASSWORD);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(`${app.server.base}/admin/leads/`);
    expect(await tab.locator('h1').textContent()).toBe('Leads');

    // Filter by the hostile source through the menu, as the marketer would.
    await tab.getByLabel('Source (utm_source)').selectOption(XSS);
    await tab.getByRole('button', { name: 'Show leads' }).click();
    await tab.waitForURL(/source=/);
    expect(await widerThanTheScreen(tab)).toBeLessThanOrEqual(0);
    await tab.getByRole('link', { name: email }).click();
    await tab.waitForURL(/\/admin\/leads\/\d+$/);
    expect(await tab.locator('h1').textContent()).toBe(email);
    expect(await tab.getByText(`Mozilla/5.0 ${XSS}`).count()).toBe(1);
    expect(await tab.locator('img[onerror]').count()).toBe(0);
    expect(await tab.locator('form[action$="/erase"] button').textContent()).toBe('Erase this lead');

    // Nothing wider than the screen but the tables, which scroll on their own.
    expect(await widerThanTheScreen(tab)).toBeLessThanOrEqual(0);

    // Every other admin page that shows the lead's values shows them as text too.
    for (const path of ['/admin/', '/admin/email/', '/admin/emails/preview/']) {
      await tab.goto(`${app.server.base}${path}`);
      expect(await tab.locator('img[onerror]').count(), path).toBe(0);
    }
    await tab.goto(`${app.server.base}/admin/`);
    expect(await tab.getByText(XSS, { exact: true }).count()).toBeGreaterThan(0);
    // The overview's chart: inline SVG with its name, beside its table.
    expect(await tab.getByRole('img', { name: /leads per day/i }).count()).toBe(1);

    await tab.getByRole('button', { name: 'Sign out' }).click();
    await tab.waitForURL(`${app.server.base}/admin/login`);
    await tab.goto(`${app.server.base}/admin/leads/`);
    await tab.waitForURL(/\/admin\/login\?next=/);
    expect(dialogs).toEqual([]);
  });
});
