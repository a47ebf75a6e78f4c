import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardAdminPost } from '../../src/admin/admin-page.ts';
import { startAdminSession } from '../../src/admin/admin-sessions.ts';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { installRuntime, type Runtime } from '../../src/server/runtime.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';
import { ADMIN_PASSWORD, basic } from './admin-client.ts';

const SITE = 'http://localhost:4321';

describe.each(engines)('guardAdminPost on %s', (engine) => {
  let database: TestDatabase;
  let store: LeadStore;
  let cookie: string;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
    installRuntime({ store, env: { siteUrl: new URL(SITE), adminPassword: ADMIN_PASSWORD, trustProxy: false } } as unknown as Runtime);
    cookie = `lodestone_admin=${await startAdminSession(store, Date.now())}`;
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const post = (headers: Record<string, string>) =>
    guardAdminPost({ request: new Request(`${SITE}/admin/leads/1/erase`, { method: 'POST', headers }), clientAddress: '192.0.2.1' });
  const status = async (headers: Record<string, string>) => {
    const opened = await post(headers);
    return opened instanceof Response ? opened.status : 'open';
  };

  it.each([
    ['the session cookie from a page of the site', { Cookie: '', Origin: SITE }, 'open'],
    ['the session cookie, Referer of the site and no Origin', { Cookie: '', Referer: `${SITE}/admin/leads/1` }, 'open'],
    ['the session cookie from another site', { Cookie: '', Origin: 'https://evil.example' }, 403],
    ['the session cookie with neither Origin nor Referer', { Cookie: '' }, 403],
    ['Basic from a script (no Origin)', { Authorization: basic() }, 'open'],
    ['Basic from another site', { Authorization: basic(), Origin: 'https://evil.example' }, 403],
    ['a wrong Basic password', { Authorization: basic('wrong-password-0') }, 401],
    ['nothing', {}, 401],
    ['nothing, from the site', { Origin: SITE }, 401],
    ['a browser form whose session ended, from the site', { Origin: SITE, Accept: 'text/html', Referer: `${SITE}/admin/leads/1` }, 303],
    ['a browser form whose session ended, from another site', { Origin: 'https://evil.example', Accept: 'text/html' }, 403],
  ] as const)('%s: %s', async (_, headers, expected) => {
    const sent: Record<string, string> = { ...headers };
    if ('Cookie' in sent) sent.Cookie = cookie;
    expect(await status(sent)).toBe(expected);
  });

  it('sends a browser form whose session ended to sign in, to come back to the page it was posted from', async () => {
    const opened = await post({ Origin: SITE, Accept: 'text/html,application/xhtml+xml', Referer: `${SITE}/admin/leads/1?x=1` });
    expect(opened).toBeInstanceOf(Response);
    expect((opened as Response).headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent('/admin/leads/1?x=1')}`);
  });
});
