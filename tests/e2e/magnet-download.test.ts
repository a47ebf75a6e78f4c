import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signLinkToken } from '../../src/leads/link-token.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { TEST_SECRET } from '../support/signup-client.ts';
import { useAppHarness } from '../support/app-harness.ts';

const ARTICLE = '/articles/lead-scoring-with-bant/';
const DOUBLE_OPT_IN_ARTICLE = '/articles/landing-page-message-match/';

/** A reader on a phone asks for a magnet inside an article and gets the PDF: article → form → thank-you → emailed link. */
describe('magnet download in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  const newPage = (javaScriptEnabled: boolean) => chromium.open({ javaScriptEnabled, acceptDownloads: true });

  /** Waits for the download `start` triggers and returns its file's first bytes and suggested name. */
  async function download(on: Page, start: () => Promise<unknown>): Promise<{ name: string; head: string }> {
    const [file] = await Promise.all([on.waitForEvent('download') as Promise<Download>, start().catch(() => undefined)]);
    const bytes = await readFile((await file.path())!);
    return { name: file.suggestedFilename(), head: bytes.subarray(0, 5).toString() };
  }

  /** The emailed link of `kind`, waited for. */
  async function emailedLink(email: string, kind: '/download/' | '/confirm/', index = 0): Promise<string> {
    await waitFor(() => app.fake.to(email).length > index, 3_000, `email ${index + 1} to ${email}`);
    const match = new RegExp(`https?://\\S+(${kind}[\\w.-]+)`).exec(app.fake.to(email)[index]!.text);
    return `${app.server.base}${match![1]}`;
  }

  const downloadsOf = (email: string) =>
    app.store.db
      .selectFrom('downloads')
      .innerJoin('leads', 'leads.id', 'downloads.lead_id')
      .select('downloads.magnet')
      .where('leads.email', '=', email)
      .execute();

  it('JavaScript on: shows field errors in place, keeps what was typed, then the download without a reload', async () => {
    const tab = await newPage(true);
    await tab.goto(`${app.server.base}${ARTICLE}`);
    const offer = tab.locator('aside.offer');
    await expect.poll(() => offer.locator('input[name="stamp"]').inputValue()).not.toBe('');
    await tab.waitForTimeout(2_100);

    // The server's answer, not the browser's: let the form go with the address missing.
    await offer.locator('form[data-lead-form]').evaluate((form: HTMLFormElement) => (form.noValidate = true));
    await offer.getByLabel('First name').fill('Tomás');
    await offer.getByRole('button', { name: 'Email me the worksheet' }).click();
    await expect.poll(() => offer.locator('[data-error-for="email"]').textContent()).toBe('Enter your email address.');
    expect(await offer.locator('[data-error-for="consent"]').textContent()).toMatch(/tick the box/);
    expect(await offer.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(await offer.getByRole('status').textContent()).toBe('Please check 2 fields.');
    expect(await offer.getByLabel('First name').inputValue()).toBe('Tomás');
    expect(tab.url()).toBe(`${app.server.base}${ARTICLE}`);

    await offer.getByLabel('Email address').fill('tomas@example.com');
    await offer.getByLabel('Company size').selectOption('11-50 people');
    await offer.getByLabel(/Email me the worksheet and a few/).check();
    await offer.getByRole('button', { name: 'Email me the worksheet' }).click();
    const success = offer.locator('[data-lead-form] [data-success]');
    await success.waitFor({ state: 'visible' });
    expect(await success.locator('h3').textContent()).toBe('Your worksheet is ready');
    expect(tab.url()).toBe(`${app.server.base}${ARTICLE}`);

    const now = await download(tab, () => success.getByRole('link', { name: /Download the worksheet/ }).click());
    expect(now).toEqual({ name: 'lead-scoring-worksheet.pdf', head: '%PDF-' });

    const link = await emailedLink('tomas@example.com', '/download/');
    expect(await download(tab, () => tab.goto(link))).toEqual({ name: 'lead-scoring-worksheet.pdf', head: '%PDF-' });
    expect(await downloadsOf('tomas@example.com')).toHaveLength(2);
  });

  it('JavaScript off: posts the form, lands on the thank-you page with the download, and the emailed link works', async () => {
    const tab = await newPage(false);
    await tab.goto(`${app.server.base}${ARTICLE}`);
    const offer = tab.locator('aside.offer');
    await offer.getByLabel('Email address').fill('no.script.magnet@example.com');
    await offer.getByLabel(/Email me the worksheet and a few/).check();
    await offer.getByRole('button', { name: 'Email me the worksheet' }).click();

    await tab.waitForURL(`${app.server.base}/thanks/lead-scoring-worksheet/`);
    expect(await tab.locator('h1').textContent()).toBe('Your worksheet is ready');
    const now = await download(tab, () => tab.getByRole('link', { name: /Download the worksheet/ }).click());
    expect(now).toEqual({ name: 'lead-scoring-worksheet.pdf', head: '%PDF-' });

    const link = await emailedLink('no.script.magnet@example.com', '/download/');
    expect(await download(tab, () => tab.goto(link))).toEqual({ name: 'lead-scoring-worksheet.pdf', head: '%PDF-' });
  });

  it('an expired link offers a form that mails a fresh one', async () => {
    const tab = await newPage(true);
    const lead = await app.store.db.selectFrom('leads').select('id').where('email', '=', 'no.script.magnet@example.com').executeTakeFirstOrThrow();
    const expired = signLinkToken(TEST_SECRET, {
      purpose: 'download',
      leadId: lead.id,
      magnet: 'lead-scoring-worksheet',
      expiresAt: Date.now() - 60_000,
    });
    const response = await tab.goto(`${app.server.base}/download/${expired}`);
    expect(response!.status()).toBe(410);
    await tab.getByLabel('Email address').fill('no.script.magnet@example.com');
    await tab.getByRole('button', { name: 'Email me a fresh link' }).click();
    await tab.waitForLoadState();
    expect(await tab.locator('h1').textContent()).toBe('Check your inbox');
    const fresh = await emailedLink('no.script.magnet@example.com', '/download/', 1);
    expect(await download(tab, () => tab.goto(fresh))).toEqual({ name: 'lead-scoring-worksheet.pdf', head: '%PDF-' });
  });

  it('double opt-in, JavaScript off: check your inbox, confirm with the button, then the PDF', async () => {
    const tab = await newPage(false);
    await tab.goto(`${app.server.base}${DOUBLE_OPT_IN_ARTICLE}`);
    const offer = tab.locator('aside.offer');
    await offer.getByLabel('Email address').fill('confirm.me@example.com');
    await offer.getByLabel('Where do you run most of your ads?').selectOption('TikTok');
    await offer.getByLabel(/Email me the checklist/).check();
    await offer.getByRole('button', { name: 'Send me the checklist' }).click();

    await tab.waitForURL(`${app.server.base}/thanks/message-match-checklist/`);
    expect(await tab.locator('h1').textContent()).toBe('Almost there: confirm your address');
    expect(await tab.getByRole('link', { name: /Download/ }).count()).toBe(0);

    await tab.goto(await emailedLink('confirm.me@example.com', '/confirm/'));
    await tab.getByRole('button', { name: 'Confirm and get the checklist' }).click();
    await tab.waitForLoadState();
    expect(await tab.locator('h1').textContent()).toBe('Thanks, you are confirmed');
    const now = await download(tab, () => tab.getByRole('link', { name: /Download the checklist/ }).click());
    expect(now).toEqual({ name: 'landing-page-message-match-checklist.pdf', head: '%PDF-' });

    const link = await emailedLink('confirm.me@example.com', '/download/', 1);
    expect(await download(tab, () => tab.goto(link))).toEqual({ name: 'landing-page-message-match-checklist.pdf', head: '%PDF-' });
  });
});
