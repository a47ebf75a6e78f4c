import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const PACK = 'Follow-up emails: Five-email nurture sequence template pack';
const NEWSLETTER = 'The newsletter: a practical guide every two weeks';

/** A reader opens the unsubscribe link of an email on a phone, leaves one sequence, then everything, then comes back. */
describe('the preference centre in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  it('leaves one sequence and keeps the newsletter, then leaves everything and comes back with the choice kept', async () => {
    const email = 'robin.reader@example.com';
    expect((await postSignup(app.server.base, signup(email))).status).toBe(202);
    expect((await postSignup(app.server.base, signup(email, { magnet: 'five-email-nurture-templates' }))).status).toBe(202);
    await waitFor(() => app.fake.to(email).length === 2, 5_000, 'the welcome and magnet emails');
    const welcome = app.fake.to(email).find((delivery) => delivery.subject.startsWith('Welcome'))!;
    const link = /^<(.+)>$/.exec(welcome.headers['List-Unsubscribe']!)![1]!.replace(/^https?:\/\/[^/]+/, app.server.base);

    // The page needs no script: it works the same with JavaScript off.
    const page = await chromium.open({ javaScriptEnabled: false });
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Your email preferences');
    expect(await page.locator('.lede').textContent()).toMatch(/For\s+r\*\*\*@example\.com\./);
    expect(await page.getByLabel(NEWSLETTER).isChecked()).toBe(true);
    expect(await page.getByLabel(PACK).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByLabel(PACK).uncheck();
    await page.getByRole('button', { name: 'Save my choices' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Saved: you get only the emails ticked below.');
    expect(await page.getByLabel(PACK).isChecked()).toBe(false);
    expect(await page.getByLabel(NEWSLETTER).isChecked()).toBe(true);
    const lead = await app.store.db.selectFrom('leads').select(['id', 'unsubscribed_at']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(lead.unsubscribed_at).toBeNull();

    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await page.locator('.lede').textContent()).toContain('r***@example.com');

    await page.getByRole('button', { name: 'Subscribe again' }).click();
    await page.getByRole('heading', { name: 'Your email preferences' }).waitFor();
    expect(await page.getByLabel(PACK).isChecked()).toBe(false);
    expect(await page.getByLabel(NEWSLETTER).isChecked()).toBe(true);
    // The page is in the site's layout, header and footer included.
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await page.locator('footer.site-footer').count()).toBe(1);
  });

  it('says a forged link does not work, and offers no buttons', async () => {
    const page = await chromium.open({ javaScriptEnabled: false });
    const response = await page.goto(`${app.server.base}/unsubscribe/u.1.all.9999999999.AAAAAAAAAAAAAAAAAAAAAA`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    expect(await page.getByRole('button').count()).toBe(0);
  });
});
