import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { touchOf } from '../support/lead-rows.ts';

const SEARCH_AD = '/lp/lead-scoring/google-search/?utm_source=google&utm_medium=cpc&utm_campaign=scoring_search&gclid=Cj0KCQ-search_1';
const META_AD = '/lp/lead-scoring/meta-worksheet/?utm_source=meta&utm_medium=paid_social&utm_campaign=scoring_meta&fbclid=IwAR-meta_1';

/** Where a lead came from, as a phone browser keeps it across visits and sends it with the form. */
describe('attribution in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  const storedTouch = (email: string) => waitFor(() => touchOf(app.store, email), 2_000, `the touch of ${email}`);

  /** Signs up through the landing page's form the way a reader does, once the form's stamp is old enough. */
  async function signUpOnLandingPage(page: Page, email: string): Promise<void> {
    await expect.poll(() => page.locator('input[name="stamp"]').inputValue(), { timeout: 5_000 }).not.toBe('');
    await page.waitForTimeout(2_100);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel(/Email me the worksheet and a few/).check();
    await page.getByRole('button', { name: /worksheet/ }).click();
    await page.locator('[data-lead-form] [data-success]').waitFor({ state: 'visible' });
  }

  it('credits the search ad a reader came back through, and keeps their first visit apart', async () => {
    const first = await chromium.open();
    await first.goto(`${app.server.base}/`);
    await expect.poll(() => first.locator('input[name="landing_page"]').inputValue(), { timeout: 5_000 }).toBe('/');

    // Days later, in a new tab: a click on the search ad.
    const later = await first.context().newPage();
    await first.close();
    await later.goto(`${app.server.base}${SEARCH_AD}`);
    await signUpOnLandingPage(later, 'came.back@example.com');

    const touch = await storedTouch('came.back@example.com');
    expect(touch).toMatchObject({
      landing: 'lead-scoring',
      variant: 'google-search',
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'scoring_search',
      gclid: 'Cj0KCQ-search_1',
      fbclid: null,
      landing_page: SEARCH_AD,
      attribution_notes: null,
    });
    const firstTouch = JSON.parse(touch!.first_touch!) as Record<string, unknown>;
    expect(firstTouch).toEqual({ landing_page: '/', at: expect.any(Number) });
    expect(Date.now() - (firstTouch.at as number)).toBeLessThan(60_000);
  });

  it('credits the Google click after a Meta ad to Google alone, and keeps the Meta ad as the first touch', async () => {
    const page = await chromium.open();
    await page.goto(`${app.server.base}${META_AD}`);
    await page.goto(`${app.server.base}/articles/`);
    // In the same tab, a later click on the search ad.
    await page.goto(`${app.server.base}${SEARCH_AD}`);
    await signUpOnLandingPage(page, 'meta.then.google@example.com');

    const touch = await storedTouch('meta.then.google@example.com');
    expect(touch).toMatchObject({
      utm_source: 'google',
      utm_campaign: 'scoring_search',
      gclid: 'Cj0KCQ-search_1',
      fbclid: null,
      landing_page: SEARCH_AD,
    });
    expect(JSON.parse(touch!.first_touch!)).toEqual({
      utm_source: 'meta',
      utm_medium: 'paid_social',
      utm_campaign: 'scoring_meta',
      fbclid: 'IwAR-meta_1',
      landing_page: META_AD,
      at: expect.any(Number),
    });
  });

  it.each([
    ['a 250-character utm_campaign', `utm_source=partner&utm_campaign=${'c'.repeat(250)}`, { utm_source: 'partner', utm_campaign: 'c'.repeat(200) }],
    ['an unfilled gclid={gclid} macro', 'utm_source=google&gclid={gclid}', { utm_source: 'google', gclid: null }],
  ])('signs up on another page after a visit with %s', async (_, query, expected) => {
    const email = `tag-${query.length}@example.com`;
    const page = await chromium.open();
    await page.goto(`${app.server.base}/?${query}`);
    // The script keeps, and the form on this page would send, only what the server accepts.
    await expect.poll(() => page.locator('input[name="first_touch"]').inputValue(), { timeout: 5_000 }).not.toBe('');
    const kept = await page.evaluate(() => ({
      form: Object.fromEntries(
        ['utm_source', 'utm_campaign', 'gclid'].map((name) => [name, document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value]),
      ),
      visit: JSON.parse(sessionStorage.getItem('lodestone:visit')!) as Record<string, string>,
      firstTouch: JSON.parse(localStorage.getItem('lodestone:first-touch')!) as Record<string, string>,
    }));
    const accepted = Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== null));
    expect(kept.form).toEqual({ utm_source: '', utm_campaign: '', gclid: '', ...accepted });
    expect(kept.visit).toEqual({ ...accepted, landing_page: `/?${query}` });
    expect(kept.firstTouch).toEqual({ ...accepted, landing_page: `/?${query}`, at: expect.any(Number) });

    await page.goto(`${app.server.base}/lp/lead-scoring/google-search/`);
    await signUpOnLandingPage(page, email);

    const touch = await storedTouch(email);
    // The browser sent only what the server accepts: nothing was left to clean.
    expect(touch).toMatchObject({ ...expected, landing_page: `/?${query}`, attribution_notes: null });
    expect(JSON.parse(touch!.first_touch!)).toEqual({ ...accepted, landing_page: `/?${query}`, at: kept.firstTouch.at });
    await waitFor(() => app.fake.to(email).length === 1, 2_000, 'the magnet email');
  });
});
