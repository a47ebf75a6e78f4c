import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

const MAGNET_PAGE = '/magnets/lead-scoring-worksheet/';
const ARTICLE = '/articles/lead-scoring-with-bant/';

/**
 * A reader signs up for a magnet, answers the profiling questions, and sales hears of them: the
 * answers tip the lead into sales-ready, and the CRM receiver (a local server) gets it.
 */
describe('progressive profiling in Chromium', () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  const app = useAppHarness('sqlite', () => ({ CRM_WEBHOOK_URL: receiver.url, CRM_WEBHOOK_SECRET: CRM_SECRET }));
  const chromium = useChromium();

  /** The hand-off of `email` at the CRM, verified with the standardwebhooks library, waited for. */
  const handedOff = (email: string) =>
    waitFor(
      () =>
        (receiver.verified as { data: { lead: { email: string }; answers: Record<string, string>; score: { total: number } } }[]).find(
          (delivery) => delivery.data.lead.email === email,
        ),
      5_000,
      `the hand-off of ${email} at the CRM`,
    );

  async function answer(on: Page, scope: ReturnType<Page['locator']>) {
    await scope.getByLabel('Your role').selectOption('Head of sales or marketing');
    await scope.getByLabel('Budget for better lead handling this year').selectOption('Over $10,000');
    await scope.getByLabel('When should it be working?').selectOption('Within 3 months');
    await scope.getByRole('button', { name: 'Send my answers' }).click();
  }

  it('JavaScript on: the questions follow the download in place, and the answers reach the CRM', async () => {
    const tab = await chromium.open();
    await tab.goto(`${app.server.base}${MAGNET_PAGE}`);
    const form = tab.locator('form[data-lead-form]');
    await expect.poll(() => form.locator('input[name="stamp"]').inputValue()).not.toBe('');
    await tab.waitForTimeout(2_100);
    await form.getByLabel('Email address').fill('jo@northwind-freight.com');
    await form.getByLabel('Company size').selectOption('51-200 people');
    await form.getByLabel(/Email me the worksheet and a few/).check();
    await form.getByRole('button', { name: 'Email me the worksheet' }).click();

    const profile = tab.locator('[data-after-success]');
    await profile.waitFor({ state: 'visible' });
    expect(await profile.getByRole('heading').textContent()).toBe('Three quick questions');
    // The form asked the company size already; it is not asked twice.
    expect(await profile.locator('select').evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).name))).toEqual([
      'role',
      'budget',
      'timeline',
    ]);
    await answer(tab, profile);
    await expect.poll(() => profile.getByText('Thanks, that helps us send you what fits.').isVisible()).toBe(true);
    expect(tab.url()).toBe(`${app.server.base}${MAGNET_PAGE}`);

    const delivery = (await handedOff('jo@northwind-freight.com'))!;
    expect(delivery.data.answers).toEqual({
      company_size: '51-200 people',
      role: 'Head of sales or marketing',
      budget: 'Over $10,000',
      timeline: 'Within 3 months',
    });
    expect(delivery.data.score.total).toBe(60);
  });

  it('JavaScript off: the thank-you page asks, the answers post, and the CRM gets the lead', async () => {
    const tab = await chromium.open({ javaScriptEnabled: false });
    await tab.goto(`${app.server.base}${ARTICLE}`);
    const offer = tab.locator('aside.offer');
    await offer.getByLabel('Email address').fill('ines@harbour-analytics.com');
    await offer.getByLabel('Company size').selectOption('11-50 people');
    await offer.getByLabel(/Email me the worksheet and a few/).check();
    await offer.getByRole('button', { name: 'Email me the worksheet' }).click();
    await tab.waitForURL(`${app.server.base}/thanks/lead-scoring-worksheet/`);

    const profile = tab.locator('section.profile');
    expect(await profile.getByLabel('Email address').count()).toBe(0);
    await answer(tab, profile);
    await tab.waitForURL(`${app.server.base}/thanks/lead-scoring-worksheet/?answered`);
    expect(await tab.getByRole('status').textContent()).toContain('Thanks for your answers');
    expect(await tab.locator('section.profile').count()).toBe(0);

    expect((await handedOff('ines@harbour-analytics.com'))!.data.score.total).toBe(60);
  });
});
