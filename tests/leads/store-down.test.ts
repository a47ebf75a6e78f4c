import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, postgresUrl, type TestDatabase } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

describe.skipIf(!postgresUrl)('POST /api/leads when the database fails (PostgreSQL)', () => {
  let database: TestDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: 'off' });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop().catch(() => undefined);
  });

  it('answers 503 with Retry-After instead of acknowledging a signup it could not store', async () => {
    expect((await postSignup(server.base, signup('before@example.com'))).status).toBe(202);
    const schema = new URL(database.url).searchParams.get('options')!.split('=')[1]!;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`alter table ${schema}.leads rename to leads_gone`);
    await admin.end();

    const response = await postSignup(server.base, signup('during@example.com'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ error: 'The signup could not be saved right now; please try again.' });

    // A browser's plain form post gets the same answer as a page in the site's look, not JSON.
    const page = await postSignup(server.base, signup('during.form@example.com'), { type: 'application/x-www-form-urlencoded' });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/<header class="site-header"[\s\S]*<h1>We could not save your signup<\/h1>[\s\S]*<footer class="site-footer"/);
  });
});
