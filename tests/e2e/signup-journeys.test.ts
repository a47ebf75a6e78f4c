import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { touchOf } from '../support/lead-rows.ts';

const ARTICLE = '/articles/lead-scoring-with-bant/';

/** Readers the signup used to fail: one whose browser fills the form at once, one who mistypes without JavaScript. */
describe('signup journeys in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  async function download(on: Page, start: () => Promise<unknown>): Promise<{ name: string; head: string }> {
    const [file] = await Promise.all([on.waitForEvent('download') as Promise<Download>, start().catch(() => undefined)]);
    const bytes = await readFile((await file.path())!);
    return { name: file.suggestedFilename(), head: bytes.subarray(0, 5).toString() };
  }

  it('a form sent 300 ms after the page loaded (autofill) gets the file now and a confirmation email, then the magnet', async () => {
    const tab = await chromium.open({ javaScriptEnabled: true, acceptDownloads: true });
    // As autofill and a quick Enter do it, from inside the page: every field at once, sent 300 ms
    // after the load event (or as soon as the form has its stamp, should that come later).
    await tab.addInitScript(() => {
      addEventListener('load', () => {
        const loadedAt = performance.now();
        const send = () => {
          const form = document.querySelector<HTMLFormElement>('aside.offer form')!;
          const stamp = form.elements.namedItem('stamp') as HTMLInputElement;
          if (performance.now() - loadedAt < 300 || !stamp.value) return void setTimeout(send, 10);
          (form.elements.namedItem('email') as HTMLInputElement).value = 'autofill@example.com';
          (form.elements.namedItem('consent') as HTMLInputElement).checked = true;
          form.requestSubmit();
          document.documentElement.dataset.sentAfterLoadMs = String(Math.round(performance.now() - loadedAt));
        };
        send();
      });
    });
    await tab.goto(`${app.server.base}${ARTICLE}`);
    const offer = tab.locator('aside.offer');
    await expect.poll(() => tab.locator('html').getAttribute('data-sent-after-load-ms'), { timeout: 5_000 }).not.toBeNull();
    expect(Number(await tab.locator('html').getAttribute('data-sent-after-load-ms'))).toBeLessThan(2_000);

    const success = offer.locator('[data-lead-form] [data-success]');
    await success.waitFor({ state: 'visible' });
    expect(await success.locator('h3').textContent()).toBe('Your worksheet is ready');
    expect(await download(tab, () => success.getByRole('link', { name: /Download the worksheet/ }).click())).toEqual({
      name: 'lead-scoring-worksheet.pdf',
      head: '%PDF-',
    });

    expect(await touchOf(app.store, 'autofill@example.com')).toMatchObject({ magnet: 'lead-scoring-worksheet', screening: 'too-fast' });
    await waitFor(() => app.fake.to('autofill@example.com').length === 1, 3_000, 'the confirmation email');
    const [confirmation] = app.fake.to('autofill@example.com');
    expect(confirmation!.subject).toBe('Confirm your address to get the lead scoring worksheet');
    const confirmPath = /https?:\/\/\S+(\/confirm\/[\w.-]+)/.exec(confirmation!.text)![1]!;
    await tab.goto(`${app.server.base}${confirmPath}`);
    await tab.getByRole('button', { name: /Confirm and get/ }).click();
    await tab.waitForLoadState();
    expect(await tab.locator('h1').textContent()).toBe('Thanks, you are confirmed');
    await waitFor(() => app.fake.to('autofill@example.com').length === 2, 3_000, 'the magnet email');
    expect(app.fake.to('autofill@example.com')[1]!.subject).toBe('Your copy of the lead scoring worksheet');
  });

  it('JavaScript off: a mistyped address shows the form again in the site layout; fixed and sent, it lands on the thank-you page', async () => {
    const tab = await chromium.open({ javaScriptEnabled: false, acceptDownloads: true });
    await tab.goto(`${app.server.base}${ARTICLE}`);
    const offer = tab.locator('aside.offer');
    await offer.getByLabel('Email address').fill('tomas@example');
    await offer.getByLabel('First name').fill('Tomás <3');
    await offer.getByLabel('Company size').selectOption('2-10 people');
    await offer.getByLabel(/Email me the worksheet and a few/).check();
    const [answer] = await Promise.all([
      tab.waitForResponse((response) => response.url().endsWith('/api/leads')),
      offer.getByRole('button', { name: 'Email me the worksheet' }).click(),
    ]);
    expect(answer.status()).toBe(422);
    await tab.waitForLoadState();

    expect(await tab.locator('h1').textContent()).toBe('Please check the form');
    expect(await tab.locator('header.site-header').count()).toBe(1);
    const email = tab.getByLabel('Email address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    expect(await tab.locator(`#${describedBy}`).textContent()).toMatch(/\w{3,}/);
    expect(await email.inputValue()).toBe('tomas@example');
    expect(await tab.getByLabel('First name').inputValue()).toBe('Tomás <3');
    expect(await tab.getByLabel('Company size').inputValue()).toBe('2-10 people');
    expect(await tab.getByLabel(/Email me the worksheet and a few/).isChecked()).toBe(true);
    expect(await tab.locator('body').textContent()).not.toMatch(/tick the box/);
    // The site's stylesheet applies: the page is not the browser's bare default.
    expect(await tab.locator('header.site-header').evaluate((header) => getComputedStyle(header).display)).not.toBe('inline');

    await email.fill('tomas@example.com');
    await tab.getByRole('button', { name: 'Email it to me' }).click();
    await tab.waitForURL(`${app.server.base}/thanks/lead-scoring-worksheet/`);
    expect(await tab.locator('h1').textContent()).toBe('Your worksheet is ready');
    expect(await download(tab, () => tab.getByRole('link', { name: /Download the worksheet/ }).click())).toEqual({
      name: 'lead-scoring-worksheet.pdf',
      head: '%PDF-',
    });
    const touch = await waitFor(() => touchOf(app.store, 'tomas@example.com'), 2_000, 'the stored touch');
    expect(touch).toMatchObject({ page: ARTICLE, magnet: 'lead-scoring-worksheet', screening: null, consent: 1 });
    expect(JSON.parse(touch!.fields!)).toEqual({ company_size: '2-10 people' });
  });
});
