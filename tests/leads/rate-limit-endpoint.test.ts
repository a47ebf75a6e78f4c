import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

describe.each(engines)('RATE_LIMIT on %s', (engine) => {
  let database: TestDatabase;
  let store: LeadStore;
  const servers: AppServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const env = { DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: '3/min' };
    servers.push(await startAppServer(env));
    // With PostgreSQL a second instance shares the counters; SQLite runs one instance per file.
    if (engine === 'postgres') servers.push(await startAppServer(env));
    store = database.open();
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await store?.close();
    await database?.drop();
  });

  it('answers 429 with Retry-After past the limit, across every instance, and stores nothing more', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 4; index++) {
      const server = servers[index % servers.length]!;
      const response = await postSignup(server.base, signup(`limited-${index}@example.com`));
      statuses.push(response.status);
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(((await response.json()) as { error: string }).error).toMatch(/try again/);
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(await store.db.selectFrom('leads').select('email').execute()).toHaveLength(3);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY=1', async () => {
    const response = await postSignup(servers[0]!.base, signup('spoofed@example.com'), { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(response.status).toBe(429);
  });
});

describe('RATE_LIMIT behind a trusted proxy (TRUST_PROXY=1)', () => {
  let database: TestDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: '1/min', TRUST_PROXY: '1' });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('counts each client the proxy names in X-Forwarded-For on its own', async () => {
    const from = (address: string, email: string) =>
      postSignup(server.base, signup(email), { headers: { 'X-Forwarded-For': `198.51.100.7, ${address}` } }).then((response) => response.status);
    expect(await from('203.0.113.1', 'proxy-a@example.com')).toBe(202);
    expect(await from('203.0.113.2', 'proxy-b@example.com')).toBe(202);
    expect(await from('203.0.113.1', 'proxy-c@example.com')).toBe(429);
  });
});
