import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { touchOf } from '../support/lead-rows.ts';

/** A reader signs up from the home page on a phone: in place with JavaScript on, through /thanks/ with it off. */
describe('newsletter signup in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  const lead = (email: string) => touchOf(app.store, email);

  it('keeps the first touch of an ad click and sends it with the form (JavaScript on)', async () => {
    const page = await chromium.open({ javaScriptEnabled: true });
    const otherOrigins: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(app.server.base)) otherOrigins.push(request.url());
    });

    await page.goto(`${app.server.base}/?utm_source=meta&utm_medium=paid_social&utm_campaign=autumn&fbclid=IwAR-test_1`);
    // Move on inside the site: the first touch must survive the navigation.
    await page.goto(`${app.server.base}/articles/`);
    await page.goto(`${app.server.base}/`);
    await page.waitForFunction(() => (document.querySelector('input[name="stamp"]') as HTMLInputElement | null)?.value !== '');
    await page.waitForTimeout(2_100);

    await page.getByLabel('Email address').fill('phone.reader@example.com');
    await page.getByLabel('First name (optional)').fill('Priya');
    await page.getByLabel(/Email me new Lodestone guides/).check();
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await page.getByRole('button', { name: 'Sign up' }).click();

    // Answered in place: the thanks replaces the fields and takes the focus, so a screen reader reads it out.
    const success = page.locator('form[data-lead-form] [data-success]');
    await success.waitFor({ state: 'visible' });
    expect(await success.getByRole('heading').textContent()).toBe('Thanks, you are signed up');
    expect(await success.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Email address').isVisible()).toBe(false);
    expect(page.url()).toBe(`${app.server.base}/`);
    expect(navigations).toEqual([]);

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
    await waitFor(() => app.fake.to('phone.reader@example.com').length === 1, 2_000, 'the welcome email');
    expect(app.fake.to('phone.reader@example.com')[0]!.text).toContain('Hi Priya,');
    expect(otherOrigins).toEqual([]);
  });

  it("puts the server's message beside the field it is about, in place (JavaScript on)", async () => {
    const page = await chromium.open({ javaScriptEnabled: true });
    await page.goto(`${app.server.base}/`);
    await page.waitForFunction(() => (document.querySelector('input[name="stamp"]') as HTMLInputElement | null)?.value !== '');
    // A name longer than the schema allows passes the browser (no maxlength once removed) and is refused by the server.
    await page.getByLabel('First name (optional)').evaluate((input: HTMLInputElement) => input.removeAttribute('maxlength'));
    await page.getByLabel('Email address').fill('long.name@example.com');
    await page.getByLabel('First name (optional)').fill('x'.repeat(150));
    await page.getByLabel(/Email me new Lodestone guides/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();

    const error = page.locator('[data-error-for="name"]');
    await error.waitFor({ state: 'visible' });
    expect(await page.locator('[data-status]').textContent()).toBe('Please check one field.');
    expect(await page.getByLabel('First name (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(`${app.server.base}/`);
    expect(await lead('long.name@example.com')).toBeUndefined();
  });

  it('still signs the reader up with JavaScript off', async () => {
    const page = await chromium.open({ javaScriptEnabled: false });
    await page.goto(`${app.server.base}/?utm_source=newsletter`);
    await page.getByLabel('Email address').fill('no.script@example.com');
    await page.getByLabel(/Email me new Lodestone guides/).check();
    await page.getByRole('button', { name: 'Sign up' }).click();

    await page.waitForURL(`${app.server.base}/thanks/`);
    const touch = await waitFor(() => lead('no.script@example.com'), 2_000, 'the stored touch');
    expect(touch).toMatchObject({ page: '/', consent: 1, utm_source: null });
    await waitFor(() => app.fake.to('no.script@example.com').length === 1, 2_000, 'the welcome email');
  });

  it('lets the browser refuse a signup without consent before anything is sent', async () => {
    const page = await chromium.open();
    await page.goto(`${app.server.base}/`);
    await page.getByLabel('Email address').fill('forgot.consent@example.com');
    await page.getByRole('button', { name: 'Sign up' }).click();
    expect(page.url()).toBe(`${app.server.base}/`);
    expect(await page.getByLabel(/Email me new Lodestone guides/).evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    expect(await lead('forgot.consent@example.com')).toBeUndefined();
  });
});
