import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { postSignIn, sessionFrom } from '../admin/admin-client.ts';
import { projectRoot } from '../support/app-server.ts';
import { engines, waitFor } from '../support/databases.ts';
import { personalTraces } from '../support/personal-traces.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const PASSWORD = 'privacy-admin-password-0123';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
const run = promisify(execFile);

/** Privacy requests over HTTP (the lead page's buttons) and from the command line, against the built server. */
describe.each(engines)('privacy requests on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD: PASSWORD });
  const leadId = async (email: string): Promise<number> =>
    (await waitFor(
      async () => (await app.store.db.selectFrom('leads').select('id').where('email', '=', email).executeTakeFirst())?.id,
      5_000,
      email,
    ))!;
  /** Posts as a script signed in with Basic, or with `auth` (a browser's session cookie). */
  const post = (path: string, origin: string | null = app.server.base, body = '', auth: Record<string, string> = { Authorization: BASIC }) =>
    fetch(`${app.server.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      body,
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded', ...(origin === null ? {} : { Origin: origin }) },
    });
  const cli = (script: string, args: string[]) =>
    run(process.execPath, [script, ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: app.databaseUrl } });

  it('exports one lead as a JSON download from its page, with its touches, attribution, consent and emails', async () => {
    await postSignup(app.server.base, signup('export-me@example.com', { name: 'Grace', utm_source: 'newsletter', utm_campaign: 'spring' }));
    const id = await leadId('export-me@example.com');
    const response = await post(`/admin/leads/${id}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="lead-${id}.json"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const data = (await response.json()) as Record<string, any>;
    expect(data.lead).toMatchObject({ id, email: 'export-me@example.com', name: 'Grace', status: 'new' });
    expect(data.touches).toEqual([expect.objectContaining({ form: 'newsletter', utm_source: 'newsletter', utm_campaign: 'spring', consent: 1 })]);
    expect(data.outbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'email', template: 'welcome' })]));
    for (const key of ['email_events', 'downloads', 'page_views', 'sequences_left', 'status_changes', 'mailbox'])
      expect(data[key]).toEqual(expect.any(Array));
  });

  it('prints the same export from npm run leads:export, and says so when no lead has the address', async () => {
    await postSignup(app.server.base, signup('cli-export@example.com', { name: 'Lin' }));
    const id = await leadId('cli-export@example.com');
    const { stdout } = await cli('src/cli/leads-export.ts', ['CLI-Export@example.com']);
    expect(JSON.parse(stdout)).toMatchObject({ lead: { id, email: 'cli-export@example.com', name: 'Lin' } });
    await expect(cli('src/cli/leads-export.ts', ['nobody@example.com'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no lead'),
    });
  });

  it('erases a lead from its page and answers with the leads list and a message', async () => {
    await postSignup(app.server.base, signup('erase-http@example.com', { name: 'Mo', utm_source: 'ads' }));
    const id = await leadId('erase-http@example.com');
    // Its welcome email went out: the fake Resend has the address, the outbox a sent row.
    await waitFor(() => app.store.db.selectFrom('outbox').select('id').where('lead_id', '=', id).where('status', '=', 'sent').executeTakeFirst());
    const response = await post(`/admin/leads/${id}/erase`, app.server.base, 'reason=asked+by+email');
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, app.server.base);
    expect(location.pathname).toBe('/admin/leads/');
    expect(location.searchParams.get('notice')).toContain(`Lead #${id} was erased`);
    expect(await personalTraces(app.store, 'erase-http@example.com', id)).toEqual([]);
    expect(await app.store.db.selectFrom('erasures').select('reason').where('reason', '=', 'asked by email').execute()).toHaveLength(1);
  });

  it('erases by address with npm run leads:erase, and a later signup from the address is a new lead', async () => {
    await postSignup(app.server.base, signup('erase-cli@example.com'));
    const id = await leadId('erase-cli@example.com');
    const { stdout } = await cli('src/cli/leads-erase.ts', ['erase-cli@example.com']);
    expect(stdout).toContain('Erased');
    expect(await personalTraces(app.store, 'erase-cli@example.com', id)).toEqual([]);
    await expect(cli('src/cli/leads-erase.ts', ['erase-cli@example.com'])).rejects.toMatchObject({ code: 1 });
    expect((await postSignup(app.server.base, signup('erase-cli@example.com'))).status).toBe(202);
    expect(await leadId('erase-cli@example.com')).toBeGreaterThan(id);
  });

  it.each([
    ['a foreign origin, signed with Basic', 'https://evil.example', false],
    ['no origin at all, signed in by a browser session', null, true],
  ])('refuses an erase or export posted from %s', async (_, origin, session) => {
    await postSignup(app.server.base, signup(`cross-site-${String(origin).length}@example.com`));
    const id = await leadId(`cross-site-${String(origin).length}@example.com`);
    const auth = session ? { Cookie: sessionFrom(await postSignIn(app.server.base, { password: PASSWORD }))! } : undefined;
    for (const action of ['erase', 'export']) expect((await post(`/admin/leads/${id}/${action}`, origin, '', auth)).status).toBe(403);
    expect(await app.store.db.selectFrom('leads').select('id').where('id', '=', id).execute()).toHaveLength(1);
  });

  it('asks for the password before erasing anything', async () => {
    await postSignup(app.server.base, signup('no-auth@example.com'));
    const id = await leadId('no-auth@example.com');
    const response = await fetch(`${app.server.base}/admin/leads/${id}/erase`, {
      method: 'POST',
      headers: { Origin: app.server.base },
      redirect: 'manual',
    });
    expect(response.status).toBe(401);
    expect(await app.store.db.selectFrom('leads').select('id').where('id', '=', id).execute()).toHaveLength(1);
  });
});
