import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';

const SEARCH_VARIANT = '/lp/lead-scoring/google-search/';
const FALLBACK = 'The free lead scoring worksheet with BANT points';

/** Ad clicks on a phone: keyword insertion from a Google search ad, and a sticky A/B split. */
describe('ad landing pages in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  it('puts the searched keyword into the headline as text', async () => {
    const page = await chromium.open();
    await page.goto(`${app.server.base}${SEARCH_VARIANT}?kw=${encodeURIComponent('bant scoring template')}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('The free BANT Scoring Template with BANT points');
    expect(await page.title()).toBe(`${FALLBACK} · Lodestone`);
  });

  it.each([
    ['a script tag', '<script>window.__pwned=1</script>'],
    ['an image with an onerror handler', '<img src=x onerror="window.__pwned=1">'],
    ['markup-looking text that is too long', 'a'.repeat(41)],
    ['a javascript: URL', 'javascript:window.__pwned=1'],
  ])('never turns %s into markup, and keeps the fallback copy', async (_, hostile) => {
    const page = await chromium.open();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${app.server.base}${SEARCH_VARIANT}?kw=${encodeURIComponent(hostile)}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(200);
    expect(await page.locator('h1').textContent()).toBe(FALLBACK);
    expect(await page.locator('h1 *:not([data-kw])').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('keeps a visitor on the variant they were first assigned, and records their signup against it', async () => {
    const page = await chromium.open();
    await page.goto(`${app.server.base}/lp/lead-scoring/?utm_source=partner_newsletter`);
    const assigned = new URL(page.url());
    expect(assigned.pathname).toMatch(/^\/lp\/lead-scoring\/(meta-worksheet|meta-examples)\/$/);
    expect(assigned.search).toBe('?utm_source=partner_newsletter');
    for (let visit = 0; visit < 3; visit++) {
      await page.goto(`${app.server.base}/lp/lead-scoring/`);
      expect(new URL(page.url()).pathname).toBe(assigned.pathname);
    }

    // The form sits in the first screen of a phone.
    const box = await page.getByRole('button', { name: 'Download the worksheet' }).boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await page.getByLabel('Email address').fill('split.visitor@example.com');
    await page.getByLabel(/Email me the worksheet and a few/).check();
    await page.waitForTimeout(2_100);
    await page.getByRole('button', { name: 'Download the worksheet' }).click();
    await page.locator('[data-lead-form] [data-success]').waitFor({ state: 'visible' });
    const touch = await waitFor(
      () =>
        app.store.db
          .selectFrom('touches')
          .innerJoin('leads', 'leads.id', 'touches.lead_id')
          .select(['touches.landing', 'touches.variant', 'touches.utm_source'])
          .where('leads.email', '=', 'split.visitor@example.com')
          .executeTakeFirst(),
      2_000,
      'the touch',
    );
    expect(touch).toEqual({ landing: 'lead-scoring', variant: assigned.pathname.split('/')[3], utm_source: 'partner_newsletter' });
  });
});
