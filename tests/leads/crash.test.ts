import { describe, expect, it } from 'vitest';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { engines, waitFor } from '../support/databases.ts';
import { useRestartableServer } from '../support/restartable-server.ts';
import { postSignup, signup } from '../support/signup-client.ts';

describe.each(engines)('kill -9 under load on %s', (engine) => {
  const app = useRestartableServer(engine);
  const { fake } = app;

  it('keeps every acknowledged signup and sends each exactly one first email', async () => {
    const first = await app.start();
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
    await app.store.db
      .updateTable('outbox')
      .set({ locked_until: Date.now() - 1 })
      .where('status', '=', OutboxStatus.Sending)
      .execute();

    await app.start();
    const leads = new Set((await app.store.db.selectFrom('leads').select('email').execute()).map((lead) => lead.email));
    expect(acknowledged.filter((email) => !leads.has(email))).toEqual([]);
    // Not only the acknowledged ones: a lead whose answer the kill cut off must still have its email queued with it, in one commit.
    const withoutEmail = await app.store.db
      .selectFrom('leads')
      .leftJoin('outbox', 'outbox.lead_id', 'leads.id')
      .select('leads.email')
      .where('outbox.id', 'is', null)
      .execute();
    expect(withoutEmail).toEqual([]);

    // Wait until every row has settled, those cut off by the kill included.
    await waitFor(
      async () =>
        (await app.store.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').where('template', 'not like', 'sequence:%').execute())
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
