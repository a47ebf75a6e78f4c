import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, waitFor, type TestDatabase } from '../support/databases.ts';

describe('npm run serve', () => {
  let database: TestDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startAppServer({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.each([
    ['/', 200, 'text/html'],
    ['/articles/what-is-a-lead/', 200, 'text/html'],
    ['/sitemap-index.xml', 200, 'xml'],
    ['/rss.xml', 200, 'xml'],
    ['/robots.txt', 200, 'text/plain'],
    ['/api/form-stamp', 200, 'application/json'],
    ['/no-such-page/', 404, 'text/html'],
  ])('answers GET %s with %i', async (path, status, type) => {
    const response = await fetch(server.base + path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(type);
  });

  it('serves the 404 page for an unknown address', async () => {
    const body = await (await fetch(`${server.base}/no-such-page/`)).text();
    expect(body).toContain('Page not found');
  });

  it('says at start that it runs on embedded defaults', () => {
    expect(server.output()).toMatch(/RESEND_API_KEY is not set: emails go to the local outbox mailbox/);
    expect(server.output()).toMatch(/LODESTONE_SECRET is not set: using the development secret/);
  });

  it('puts the first email of a signup in the local outbox mailbox and logs it', async () => {
    const response = await fetch(`${server.base}/api/leads`, {
      method: 'POST',
      headers: { Origin: server.base, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=first.reader%40example.com&consent=on',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    await waitFor(() => /\[mailbox\] to first\.reader@example\.com: Welcome to Lodestone/.test(server.output()), 2_000, 'the mailbox log line');
    const store = database.open();
    const stored = await store.db.selectFrom('mailbox').select(['to_address', 'subject']).execute();
    await store.close();
    expect(stored).toEqual([{ to_address: 'first.reader@example.com', subject: expect.stringMatching(/^Welcome to Lodestone/) }]);
  });
});

describe('start-up with a wrong environment', () => {
  it.each([
    [{ NODE_ENV: 'production', LODESTONE_SECRET: '' }, /LODESTONE_SECRET is required when NODE_ENV=production/],
    [{ RATE_LIMIT: 'many' }, /RATE_LIMIT must be/],
    [{ DATABASE_URL: 'mysql://db/leads' }, /DATABASE_URL must start with file:/],
  ])('stops with a message naming the variable: %j', async (env, message) => {
    await expect(startAppServer(env)).rejects.toThrow(message);
  });
});
