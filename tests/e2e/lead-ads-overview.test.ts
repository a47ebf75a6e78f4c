import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformFake } from '../lead-ads/platform-fake.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const PASSWORD = 'e2e-admin-password-0123';
const APP_SECRET = 'meta-app-secret-for-e2e';

/** The marketer, in Chromium: a lead from a Meta lead ad and a lead from the site, side by side per campaign on the overview. */
describe('lead ads on the admin overview, in a browser', () => {
  const fake = new PlatformFake();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  const app = useAppHarness('sqlite', () => ({
    ADMIN_PASSWORD: PASSWORD,
    META_APP_SECRET: APP_SECRET,
    META_ACCESS_TOKEN: 'meta-token',
    META_GRAPH_BASE_URL: fake.url,
  }));
  const chromium = useChromium();

  it('shows the campaign’s leads from the lead ad beside those from the site', async () => {
    fake.leads.set('9100000000000001', {
      id: '9100000000000001',
      form_id: '918273645500112',
      campaign_id: '4242',
      field_data: [{ name: 'email', values: ['from-the-ad@acme-test.com'] }],
      custom_disclaimer_responses: [{ checkbox_key: 'marketing_email', is_checked: '1' }],
    });
    const body = JSON.stringify({
      object: 'page',
      entry: [{ changes: [{ field: 'leadgen', value: { leadgen_id: '9100000000000001', form_id: '918273645500112' } }] }],
    });
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
    const posted = await fetch(`${app.server.base}/api/webhooks/meta`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature },
      body,
    });
    expect(posted.status).toBe(200);
    await postSignup(
      app.server.base,
      signup('from-the-site@acme-test.com', { utm_source: 'facebook', utm_medium: 'paid_social', utm_campaign: '4242' }),
    );
    await waitFor(async () => (await app.store.db.selectFrom('leads').select('id').execute()).length === 2, 10_000, 'both leads');

    const tab = await chromium.open();
    tab.setDefaultTimeout(5_000);
    await tab.goto(`${app.server.base}/admin/login`);
    await tab.getByLabel('Password').fill(PASSWORD);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(`${app.server.base}/admin/`);
    await tab.getByRole('heading', { name: 'Lead ads versus the site, by campaign' }).scrollIntoViewIfNeeded();
    const table = tab.getByRole('table', { name: /from lead ads and from the site/ });
    const row = table.getByRole('row').filter({ has: tab.getByRole('cell', { name: '4242', exact: true }) });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['4242', '1', '0 (0.0%)', '1', '0 (0.0%)']);
  });
});
