import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

describe.each(engines)('kill -9 under load on %s', (engine) => {
  const fake = new ResendFake();
  let database: TestDatabase;
  let store: LeadStore;
  let server: AppServer | undefined;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase(engine);
    store = database.open();
  });

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.drop();
    await fake.stop();
  });

  it('keeps every acknowledged signup and sends each exactly one first email', async () => {
    const env = {
      DATABASE_URL: database.url,
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: fake.url,
      LODESTONE_SECRET: TEST_SECRET,
      RATE_LIMIT: 'off',
    };
    server = await startAppServer(env);
    const first = server;
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;

    async function client() {
      while (!killed) {
        const email = `load-${next++}@example.com`;
        const response = await postSignup(first.base, signup(email)).catch(() => undefined);
        if (response?.status === 202) acknowledged.push(email);
      }
    }
    const clients = Array.from({ length: 16 }, client);
    await waitFor(() => acknowledged.length >= 150, 10_000, '150 acknowledged signups');
    await first.kill();
    killed = true;
    await Promise.all(clients);
    // A send cut off by the kill is repeated once its 30 s claim lapses: lapse the claims now (as 30 s later).
    await store.db
      .updateTable('outbox')
      .set({ locked_until: Date.now() - 1 })
      .where('status', '=', OutboxStatus.Sending)
      .execute();

    server = await startAppServer(env);
    const leads = new Set((await store.db.selectFrom('leads').select('email').execute()).map((lead) => lead.email));
    expect(acknowledged.filter((email) => !leads.has(email))).toEqual([]);
    // Not only the acknowledged ones: a lead whose answer the kill cut off must still have its email queued with it, in one commit.
    const withoutEmail = await store.db
      .selectFrom('leads')
      .leftJoin('outbox', 'outbox.lead_id', 'leads.id')
      .select('leads.email')
      .where('outbox.id', 'is', null)
      .execute();
    expect(withoutEmail).toEqual([]);

    // Wait until every row has settled, those cut off by the kill included.
    await waitFor(
      async () =>
        (await store.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').where('template', 'not like', 'sequence:%').execute())
          .length === 0,
      15_000,
      'every first email sent (the sequences’ later steps wait for their day)',
    );
    const perAddress = new Map<string, number>();
    for (const delivery of fake.deliveries) for (const to of delivery.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect([...perAddress].filter(([, count]) => count !== 1)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(perAddress.size).toBe(leads.size);
  }, 60_000);
});
