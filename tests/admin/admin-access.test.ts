import { describe, expect, it } from 'vitest';
import { ADMIN_ATTEMPTS } from '../../src/server/admin-auth.ts';
import { safeNext } from '../../src/admin/admin-page.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines } from '../support/databases.ts';
import { ADMIN_PASSWORD, basic, browse, postSignIn, sessionFrom, signInCookie } from './admin-client.ts';

describe('safeNext', () => {
  it.each([
    ['/admin/leads/?status=new', '/admin/leads/?status=new'],
    ['/admin/leads/42', '/admin/leads/42'],
    ['/admin', '/admin'],
    [null, '/admin/'],
    ['', '/admin/'],
    ['https://evil.example/admin/', '/admin/'],
    ['//evil.example/admin/', '/admin/'],
    ['/\\evil.example/admin/', '/admin/'],
    ['/admin/../articles/', '/admin/'],
    ['/administrator', '/admin/'],
    ['/admin/login?next=//evil.example', '/admin/'],
    ['javascript:alert(1)', '/admin/'],
    ['/admin/\tx', '/admin/'],
  ])('takes %j as %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe.each(engines)('admin access on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD, TRUST_PROXY: '1' });

  it('sends a browser without credentials to the sign-in form, remembering the page, and a script to a 401 Basic challenge', async () => {
    const page = await browse(app.server.base, '/admin/leads/?status=new');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent('/admin/leads/?status=new')}`);
    const script = await fetch(`${app.server.base}/admin/leads/`, { redirect: 'manual' });
    expect(script.status).toBe(401);
    expect(script.headers.get('www-authenticate')).toMatch(/^Basic realm="Lodestone admin"/);
    expect(script.headers.get('cache-control')).toBe('no-store');
  });

  it('lets a script in with HTTP Basic and refuses a wrong password with 401', async () => {
    const right = await browse(app.server.base, '/admin/leads/', { authorization: basic(), accept: '*/*' });
    expect(right.status).toBe(200);
    expect(right.headers.get('cache-control')).toBe('no-store');
    expect(right.headers.get('x-robots-tag')).toBe('noindex');
    expect(await right.text()).toMatch(/<meta name="robots" content="noindex/);
    const wrong = await browse(app.server.base, '/admin/leads/', { authorization: basic('not-the-password') });
    expect(wrong.status).toBe(401);
  });

  it('signs in through the form with a session cookie that is HttpOnly, SameSite=Strict, scoped to /admin, and back to the page asked for', async () => {
    const response = await postSignIn(app.server.base, { next: '/admin/leads/?sort=score' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/leads/?sort=score');
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^lodestone_admin=[A-Za-z0-9_-]{43}; Path=\/admin; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; over https the cookie says Secure
    const page = await browse(app.server.base, '/admin/leads/', { cookie: sessionFrom(response) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign out');
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await signInCookie(app.server.base);
    const token = cookie.split('=')[1]!;
    const rows = await app.store.db.selectFrom('admin_sessions').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.token_hash)).not.toContain(token);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('shows the sign-in form again with a message for a wrong password, never a 404 or 500', async () => {
    const response = await postSignIn(app.server.base, { password: 'wrong-password-123', address: '203.0.113.10' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBeNull(); // no browser password dialog over the form
    expect(sessionFrom(response)).toBeUndefined();
    const html = await response.text();
    expect(html).toContain('Wrong user name or password.');
    expect(html).toMatch(/<input[^>]*name="password"/);
  });

  it('refuses a sign-in posted from another site, or with no origin at all', async () => {
    for (const origin of ['https://evil.example', null]) {
      const response = await postSignIn(app.server.base, { origin });
      expect(response.status).toBe(403);
      expect(sessionFrom(response)).toBeUndefined();
    }
  });

  it('issues a new token at every sign-in, ignoring one the browser already had', async () => {
    const first = await signInCookie(app.server.base);
    const again = await postSignIn(app.server.base, { cookie: first });
    const second = sessionFrom(again);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const planted = await postSignIn(app.server.base, { cookie: 'lodestone_admin=planted-by-an-attacker' });
    expect(sessionFrom(planted)).not.toBe('lodestone_admin=planted-by-an-attacker');
    expect((await browse(app.server.base, '/admin/leads/', { cookie: 'lodestone_admin=planted-by-an-attacker' })).status).toBe(303);
  });

  it('signs out with a same-site POST, after which the old token opens nothing', async () => {
    const cookie = await signInCookie(app.server.base);
    const foreign = await fetch(`${app.server.base}/admin/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect((await browse(app.server.base, '/admin/leads/', { cookie })).status).toBe(200);

    const out = await fetch(`${app.server.base}/admin/logout`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: app.server.base },
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/admin/login');
    expect(out.headers.getSetCookie().join()).toMatch(/^lodestone_admin=; Path=\/admin; Max-Age=0/);
    expect((await browse(app.server.base, '/admin/leads/', { cookie })).status).toBe(303);
  });

  it('ends a session at its expiry, and prunes expired sessions at the next sign-in', async () => {
    const cookie = await signInCookie(app.server.base);
    expect((await browse(app.server.base, '/admin/leads/', { cookie })).status).toBe(200);
    await app.store.write((trx) =>
      trx
        .updateTable('admin_sessions')
        .set({ expires_at: Date.now() - 1 })
        .execute(),
    );
    expect((await browse(app.server.base, '/admin/leads/', { cookie })).status).toBe(303);
    await signInCookie(app.server.base);
    const left = await app.store.db.selectFrom('admin_sessions').select('expires_at').execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.expires_at).toBeGreaterThan(Date.now());
  });

  it('stops an address after ten wrong passwords on the form with 429 and Retry-After, even for the right one', async () => {
    const address = '203.0.113.20';
    for (let guess = 0; guess < ADMIN_ATTEMPTS.max; guess++) {
      expect((await postSignIn(app.server.base, { password: `guess-${guess}-wrong`, address })).status).toBe(401);
    }
    const held = await postSignIn(app.server.base, { address });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await held.text()).toMatch(/Too many wrong passwords from your address; try again in \d+ minutes\./);
    expect(sessionFrom(held)).toBeUndefined();
    // Basic from the same address shares the count; another address is not held back.
    expect((await browse(app.server.base, '/admin/leads/', { authorization: basic(), accept: '*/*' })).status).toBe(200);
    expect((await fetch(`${app.server.base}/admin/leads/`, { headers: { Authorization: basic(), 'X-Forwarded-For': address } })).status).toBe(429);
  });

  it('never sends the sign-in form to another site, whatever next says', async () => {
    for (const next of ['https://evil.example/', '//evil.example/admin/', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await postSignIn(app.server.base, { next });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/admin/');
    }
    const form = await browse(app.server.base, `/admin/login?next=${encodeURIComponent('//evil.example/x')}`);
    expect(await form.text()).not.toContain('evil.example');
  });
});
