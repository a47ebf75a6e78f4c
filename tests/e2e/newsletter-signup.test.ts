import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { projectRoot, startAppServer, type AppServer } from '../support/app-server.ts';
import { launchChromium, PHONE } from '../support/browser.ts';
import { createTestDatabase, waitFor, type TestDatabase } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

/** A reader signs up from the home page on a phone, with JavaScript on and with it off. */
describe('newsletter signup in Chromium', () => {
  const fake = new ResendFake();
  let database: TestDatabase;
  let store: LeadStore;
  let server: AppServer;
  let browser: Browser;
  let page: Page | undefined;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase('sqlite');
    server = await startAppServer({
      DATABASE_URL: database.url,
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: fake.url,
      LODESTONE_SECRET: TEST_SECRET,
      RATE_LIMIT: 'off',
    });
    store = database.open();
    browser = await launchChromium();
  });

  afterEach(async (context) => {
    if (page && context.task.result?.state === 'fail') {
      const directory = join(projectRoot, 'test-results');
      mkdirSync(directory, { recursive: true });
      await page.screenshot({ path: join(directory, `${context.task.name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
    }
    await page?.context().close();
    page = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await store?.close();
    await database?.drop();
    await fake.stop();
  });

  const lead = (email: string) =>
    store.db
      .selectFrom('touches')
      .innerJoin('leads', 'leads.id', 'touches.lead_id')
      .selectAll('touches')
      .where('leads.email', '=', email)
      .executeTakeFirst();

  it('keeps the first touch of an ad click and sends it with the form (JavaScript on)', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: true });
    page = await context.newPage();
    const otherOrigins: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.base)) otherOrigins.push(request.url());
    });

    await page.goto(`${server.base}/?utm_source=meta&utm_medium=paid_social&utm_campaign=autumn&fbclid=IwAR-test_1`);
    // Move on inside the site: the first touch must survive the navigation.
    await page.goto(`${server.base}/articles/`);
    await page.goto(`${server.base}/`);
    await page.waitForFunction(() => (document.querySelector('input[name="stamp"]') as HTMLInputElement | null)?.value !== '');
    await page.waitForTimeout(2_100);

    await page.getByLabel('Email address').fill('phone.reader@example.com');
    await page.getByLabel('First name (optional)').fill('Priya');
    await page.getByLabel(/Email me new Lodestone guides/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.waitForURL(`${server.base}/thanks/`);
    expect(await page.locator('h1').textContent()).toMatch(/you are signed up/i);

    const touch = await waitFor(() => lead('phone.reader@example.com'), 2_000, 'the stored touch');
    expect(touch).toMatchObject({
      utm_source: 'meta',
      utm_medium: 'paid_social',
      utm_campaign: 'autumn',
      fbclid: 'IwAR-test_1',
      page: '/',
      consent: 1,
    });
    expect(touch!.landing_page).toBe('/?utm_source=meta&utm_medium=paid_social&utm_campaign=autumn&fbclid=IwAR-test_1');
    await waitFor(() => fake.to('phone.reader@example.com').length === 1, 2_000, 'the welcome email');
    expect(fake.to('phone.reader@example.com')[0]!.text).toContain('Hi Priya,');
    expect(otherOrigins).toEqual([]);
  });

  it('still signs the reader up with JavaScript off', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    page = await context.newPage();
    await page.goto(`${server.base}/?utm_source=newsletter`);
    await page.getByLabel('Email address').fill('no.script@example.com');
    await page.getByLabel(/Email me new Lodestone guides/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.waitForURL(`${server.base}/thanks/`);
    const touch = await waitFor(() => lead('no.script@example.com'), 2_000, 'the stored touch');
    expect(touch).toMatchObject({ page: '/', consent: 1, utm_source: null });
    await waitFor(() => fake.to('no.script@example.com').length === 1, 2_000, 'the welcome email');
  });

  it('lets the browser refuse a signup without consent before anything is sent', async () => {
    const context = await browser.newContext({ ...PHONE });
    page = await context.newPage();
    await page.goto(`${server.base}/`);
    await page.getByLabel('Email address').fill('forgot.consent@example.com');
    await page.getByRole('button', { name: 'Sign up' }).click();
    expect(page.url()).toBe(`${server.base}/`);
    expect(await page.getByLabel(/Email me new Lodestone guides/).evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    expect(await lead('forgot.consent@example.com')).toBeUndefined();
  });
});
