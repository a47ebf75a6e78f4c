import type { BrowserContextOptions, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const PASSWORD = 'e2e-admin-password-0123';

/** A browser tab signed in through the admin's sign-in form. */
async function signInThroughTheForm(chromium: ReturnType<typeof useChromium>, base: string, options: BrowserContextOptions): Promise<Page> {
  const tab = await chromium.open(options);
  await tab.goto(`${base}/admin/login`);
  await tab.getByLabel('Password').fill(PASSWORD);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.waitForURL(`${base}/admin/`);
  return tab;
}

/** The marketer, in Chromium: retries a failed email, downloads the CSV, erases a lead. */
describe('the admin’s data actions in a browser', () => {
  const app = useAppHarness('sqlite', { ADMIN_PASSWORD: PASSWORD });
  const chromium = useChromium();
  const signedIn = (options: BrowserContextOptions = {}) => signInThroughTheForm(chromium, app.server.base, options);
  const leadOf = (email: string) => app.store.db.selectFrom('leads').select('id').where('email', '=', email).executeTakeFirst();
  const welcome = (email: string) =>
    app.store.db
      .selectFrom('outbox')
      .innerJoin('leads', 'leads.id', 'outbox.lead_id')
      .select(['outbox.id', 'outbox.status'])
      .where('leads.email', '=', email)
      .where('outbox.template', '=', 'welcome')
      .executeTakeFirst();

  it('retries a failed email from the Email view: it is sent once', async () => {
    app.fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    await postSignup(app.server.base, signup('browser-retry@example.com'));
    const failed = await waitFor(async () =>
      (await welcome('browser-retry@example.com'))?.status === 'failed' ? welcome('browser-retry@example.com') : undefined,
    );
    const tab = await signedIn();
    tab.setDefaultTimeout(5_000);
    const dialogs: string[] = [];
    tab.on('dialog', (dialog) => void dialogs.push(dialog.message()));
    await tab.goto(`${app.server.base}/admin/email/?state=failed`);
    await tab.locator(`tr[data-outbox-id="${failed!.id}"]`).getByRole('button', { name: 'Retry' }).click();
    await tab.waitForURL(/\/admin\/email\/\?notice=/);
    expect(await tab.getByRole('status').textContent()).toContain('due again');
    await waitFor(async () => (await welcome('browser-retry@example.com'))?.status === 'sent');
    expect(app.fake.to('browser-retry@example.com')).toHaveLength(1);
    expect(dialogs).toEqual([]);
  });

  it('downloads the leads CSV from the admin’s navigation', async () => {
    await postSignup(app.server.base, signup('browser-csv@example.com', { utm_source: '=evil' }));
    await waitFor(() => leadOf('browser-csv@example.com'));
    const tab = await signedIn({ acceptDownloads: true });
    await tab.goto(`${app.server.base}/admin/email/`);
    const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByRole('link', { name: 'Download leads (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('browser-csv@example.com');
    expect(text).toContain(",'=evil,");
  });

  it('erases a lead with a form posted from an admin page, and refuses the same form from another origin', async () => {
    await postSignup(app.server.base, signup('browser-erase@example.com'));
    const { id } = (await waitFor(() => leadOf('browser-erase@example.com')))!;
    // The foreign form is put on one of our own pages, whose Content-Security-Policy (form-action 'self') would stop the browser before the server could refuse it.
    const tab = await signedIn({ bypassCSP: true });
    tab.setDefaultTimeout(5_000);
    /** The lead page's erase button, as its form posts (the lead page itself comes from the leads work). */
    const pressErase = async (target: string) => {
      await tab.goto(`${app.server.base}/admin/email/`);
      await tab.evaluate((action) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        form.innerHTML = '<input type="hidden" name="reason" value="asked in a browser"><button type="submit">Erase this lead</button>';
        document.body.append(form);
      }, `${target}/admin/leads/${id}/erase`);
      const [response] = await Promise.all([
        tab.waitForResponse((answer) => answer.url().endsWith(`/admin/leads/${id}/erase`)),
        tab.getByRole('button', { name: 'Erase this lead' }).click(),
      ]);
      return response;
    };
    // The same server under another name is another origin: a page on 127.0.0.1 posting to localhost (the site's own name) is cross-site.
    const foreign = await pressErase(app.server.base.replace('127.0.0.1', 'localhost'));
    expect(foreign.status()).toBe(403);
    expect(await leadOf('browser-erase@example.com')).toBeDefined();

    const own = await pressErase(app.server.base);
    expect(own.status()).toBe(303);
    await tab.waitForURL(/\/admin\/leads\/\?notice=/);
    expect(decodeURIComponent(new URL(tab.url()).searchParams.get('notice') ?? '')).toContain(`Lead #${id} was erased`);
    expect(await leadOf('browser-erase@example.com')).toBeUndefined();
  });
});

describe('the local mailbox in a browser', () => {
  const app = useAppHarness('sqlite', { ADMIN_PASSWORD: PASSWORD, RESEND_API_KEY: '' });
  const chromium = useChromium();
  const signedIn = (options: BrowserContextOptions = {}) => signInThroughTheForm(chromium, app.server.base, options);

  it('shows the newcomer’s test signup email inside a sandboxed frame, where no script runs', async () => {
    await postSignup(app.server.base, signup('browser-mailbox@example.com', { name: '<img src=x onerror=alert(1)>' }));
    const message = await waitFor(() =>
      app.store.db.selectFrom('mailbox').select(['outbox_id', 'subject']).where('to_address', '=', 'browser-mailbox@example.com').executeTakeFirst(),
    );
    const tab = await signedIn();
    tab.setDefaultTimeout(5_000);
    const dialogs: string[] = [];
    tab.on('dialog', (dialog) => void dialogs.push(dialog.message()));
    await tab.goto(`${app.server.base}/admin/email/`);
    await tab.locator(`tr[data-outbox-id="${message!.outbox_id}"] a`).click();
    await tab.waitForURL(`${app.server.base}/admin/email/${message!.outbox_id}`);
    expect(await tab.locator('h1').textContent()).toBe(message!.subject);
    const frame = tab.frameLocator('iframe.admin-message');
    await expect.poll(() => frame.locator('body').textContent(), { timeout: 5_000 }).toContain('Unsubscribe');
    expect(await tab.locator('pre.admin-text').textContent()).toContain('Unsubscribe');
    expect(dialogs).toEqual([]);
  });
});
