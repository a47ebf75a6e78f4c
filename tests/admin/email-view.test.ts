import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { postSignIn, sessionFrom } from './admin-client.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const PASSWORD = 'email-admin-password-0123';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const XSS = '<img src=x onerror=alert(1)>';

describe.each(engines)('the Email view with Resend on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD: PASSWORD });
  const get = (path: string) => fetch(`${app.server.base}${path}`, { headers: { Authorization: BASIC } });
  /** Retries as a script signed in with Basic, or with `auth` (a browser's session cookie). */
  const retry = (id: number, origin: string | null = app.server.base, auth: Record<string, string> = { Authorization: BASIC }) =>
    fetch(`${app.server.base}/admin/email/${id}/retry`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...auth, ...(origin === null ? {} : { Origin: origin }) },
    });
  const welcomeRow = (email: string) =>
    app.store.db
      .selectFrom('outbox')
      .innerJoin('leads', 'leads.id', 'outbox.lead_id')
      .select(['outbox.id', 'outbox.status', 'outbox.last_error'])
      .where('leads.email', '=', email)
      .where('outbox.template', '=', 'welcome')
      .executeTakeFirst();
  const row = (id: number) => app.store.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();

  it('lists the outbox newest first with each state, the error or the reason a row was skipped, and filters by state', async () => {
    const now = Date.now();
    const states = [
      ['pending', null],
      ['sending', null],
      ['sent', null],
      ['failed', `422 validation_error: ${XSS}`],
      ['skipped', 'unsubscribed'],
    ] as const;
    const ids: number[] = [];
    for (const [status, error] of states) {
      const { id } = await app.store.db
        .insertInto('outbox')
        .values({
          kind: status === 'sent' ? 'webhook' : 'email',
          lead_id: null,
          template: `state-${status}`,
          payload: '{}',
          idempotency_key: `state-${status}-${now}`,
          status,
          attempts: status === 'failed' ? 100 : 1,
          // Far ahead, so the server's sender leaves the pending row alone.
          next_attempt_at: now + 86_400_000,
          locked_until: status === 'sending' ? now + 86_400_000 : null,
          last_error: error,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
    }
    const page = await get('/admin/email/');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    const order = ids.map((id) => html.indexOf(`data-outbox-id="${id}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
    for (const [status] of states) expect(html).toMatch(new RegExp(`data-state="${status}"`));
    expect(html).toContain('unsubscribed');
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Only the failed row has a Retry button.
    expect(html.match(/action="\/admin\/email\/\d+\/retry"/g)).toEqual([`action="/admin/email/${ids[3]}/retry"`]);

    const failedOnly = await (await get('/admin/email/?state=failed')).text();
    expect(failedOnly).toContain(`data-outbox-id="${ids[3]}"`);
    expect(failedOnly).not.toContain(`data-outbox-id="${ids[2]}"`);
    await app.store.db.deleteFrom('outbox').where('id', 'in', ids).execute();
  });

  it('pages through older rows', async () => {
    const now = Date.now();
    await app.store.db
      .insertInto('outbox')
      .values(
        Array.from({ length: 60 }, (_, index) => ({
          kind: 'email',
          lead_id: null,
          template: `paged-${index}`,
          payload: '{}',
          idempotency_key: `paged-${index}-${now}`,
          status: 'skipped',
          attempts: 0,
          next_attempt_at: now,
          last_error: 'skipped: test',
          created_at: now,
        })),
      )
      .execute();
    const first = await (await get('/admin/email/?state=skipped')).text();
    expect(first.match(/data-outbox-id=/g)).toHaveLength(50);
    const older = first.match(/href="(\/admin\/email\/\?state=skipped&amp;before=\d+)" rel="next"/)?.[1];
    expect(older).toBeDefined();
    const second = await (await get(older!.replace('&amp;', '&'))).text();
    expect(second.match(/data-outbox-id=/g)).toHaveLength(10);
    expect(second).not.toContain('rel="next"');
  });

  it('retries a failed email with a same-origin POST: it is sent once', async () => {
    app.fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    await postSignup(app.server.base, signup('retry-me@example.com'));
    const failed = (await waitFor(async () => {
      const found = await welcomeRow('retry-me@example.com');
      return found?.status === 'failed' ? found : undefined;
    }))!;
    expect(app.fake.to('retry-me@example.com')).toHaveLength(0);

    expect((await retry(failed.id, 'https://evil.example')).status).toBe(403);
    const session = sessionFrom(await postSignIn(app.server.base, { password: PASSWORD }))!;
    expect((await retry(failed.id, null, { Cookie: session })).status).toBe(403);
    expect(await row(failed.id)).toMatchObject({ status: 'failed' });

    const answer = await retry(failed.id);
    expect(answer.status).toBe(303);
    expect(new URL(answer.headers.get('location')!, app.server.base).searchParams.get('notice')).toContain('due again');
    await waitFor(async () => (await row(failed.id)).status === 'sent');
    expect(app.fake.to('retry-me@example.com')).toHaveLength(1);

    // A second press on a row already sent does nothing.
    const again = await retry(failed.id);
    expect(new URL(again.headers.get('location')!, app.server.base).searchParams.get('notice')).toContain('has not failed');
    await new Promise((done) => setTimeout(done, 300));
    expect(app.fake.to('retry-me@example.com')).toHaveLength(1);
  });

  it('asks for the password', async () => {
    expect((await fetch(`${app.server.base}/admin/email/`)).status).toBe(401);
  });
});

describe.each(engines)('the local mailbox in the Email view on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD: PASSWORD, RESEND_API_KEY: '' });
  const get = (path: string) => fetch(`${app.server.base}${path}`, { headers: { Authorization: BASIC } });

  it('shows the newcomer’s own test signup as the recipient would see it: HTML in a sandboxed frame, the text part, the headers', async () => {
    await postSignup(app.server.base, signup('newcomer@example.com', { name: XSS }));
    const message = (await waitFor(() =>
      app.store.db.selectFrom('mailbox').selectAll().where('to_address', '=', 'newcomer@example.com').executeTakeFirst(),
    ))!;
    const list = await (await get('/admin/email/')).text();
    expect(list).toContain('local mailbox');
    expect(list).toContain(`href="/admin/email/${message.outbox_id}"`);

    const page = await get(`/admin/email/${message.outbox_id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(new RegExp(`<iframe[^>]*src="/admin/email/${message.outbox_id}/html"`));
    expect(html.match(/<iframe[^>]*>/)![0]).toMatch(/sandbox=""/);
    expect(html).toContain('newcomer@example.com');
    expect(html).toContain('List-Unsubscribe');
    expect(html).not.toContain(XSS);
    expect(message.text.length).toBeGreaterThan(20);
    const firstLine = message.text.split('\n')[0]!;
    expect(html).toContain(firstLine.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));

    const frame = await get(`/admin/email/${message.outbox_id}/html`);
    expect(frame.status).toBe(200);
    const policy = frame.headers.get('content-security-policy')!;
    expect(policy).toMatch(/^default-src 'none'; img-src data: \S+; style-src 'unsafe-inline'/);
    // The email's logo comes from the site: the frame's policy lets it load, and nothing from anywhere else.
    const logo = new URL(/<img[^>]+src="([^"]+)"/.exec(message.html)![1]!);
    expect(policy.split('; ').find((directive) => directive.startsWith('img-src'))).toBe(`img-src data: ${logo.origin}`);
    expect(frame.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(frame.headers.get('cache-control')).toBe('no-store');
    expect(await frame.text()).toBe(message.html);
  });

  it('answers 404 for a message that does not exist, and 401 without the password', async () => {
    expect((await get('/admin/email/999999')).status).toBe(404);
    expect((await get('/admin/email/999999/html')).status).toBe(404);
    expect((await fetch(`${app.server.base}/admin/email/1/html`)).status).toBe(401);
  });
});
