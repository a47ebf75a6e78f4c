import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import type { AppServer } from '../support/app-server.ts';
import { engines, waitFor } from '../support/databases.ts';
import { useRestartableServer } from '../support/restartable-server.ts';
import { postSignup, signup } from '../support/signup-client.ts';

/** SIGTERM while signups pour in and the provider answers slowly: nothing acknowledged is lost, nothing is sent twice. */
describe.each(engines)('stopping the server (%s)', (engine) => {
  const app = useRestartableServer(engine);
  const { fake } = app;
  let server: AppServer;

  const exitOf = async (stopped: AppServer) => (stopped.process.exitCode ?? (await once(stopped.process, 'exit'))[0]) as number | null;

  it('SIGTERM under a signup load: every acknowledged signup is stored, and after a restart every email is sent exactly once', async () => {
    fake.delayMs = 150;
    server = await app.start();
    const running = server;
    const acknowledged: string[] = [];
    let sent = 0;
    let refused = 0;
    const writer = async () => {
      for (;;) {
        const email = `term-${sent++}@example.com`;
        const response = await postSignup(running.base, signup(email)).catch(() => undefined);
        if (!response) return; // The server stopped listening.
        if (response.status === 202) acknowledged.push(email);
        else refused++;
        await response.arrayBuffer();
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    await waitFor(() => acknowledged.length >= 40 && fake.deliveries.length >= 1, 20_000, 'signups under way and an email in flight');

    const term = Date.now();
    running.process.kill('SIGTERM');
    expect(await exitOf(running)).toBe(0);
    // Keep-alive writers are answered and let go: the stop does not wait out its 10 s grace.
    expect(Date.now() - term).toBeLessThan(5_000);
    await Promise.all(writers);
    expect(refused).toBe(0);

    const stored = new Set((await app.store.db.selectFrom('leads').select('email').execute()).map((row) => row.email));
    expect(acknowledged.filter((email) => !stored.has(email))).toEqual([]);

    // A new start sends what the stopped one had not.
    fake.delayMs = 0;
    server = await app.start();
    await waitFor(
      async () =>
        (await app.store.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').where('template', '=', 'welcome').execute()).length === 0,
      30_000,
      'every welcome email sent',
    );
    const twice = [...stored].filter((email) => fake.to(email).length !== 1);
    expect(twice).toEqual([]);
  });

  it('a second signal exits at once, even while the sender waits on the provider', async () => {
    server = await app.start();
    const held = fake.holdNext({ deliver: false });
    expect((await postSignup(server.base, signup('held@example.com'))).status).toBe(202);
    await held.arrived;

    server.process.kill('SIGTERM');
    await waitFor(() => server.output().includes('SIGTERM: stopping'), 5_000, 'the first signal taken');
    expect(server.process.exitCode).toBeNull();
    const second = Date.now();
    server.process.kill('SIGTERM');
    expect(await exitOf(server)).toBe(1);
    expect(Date.now() - second).toBeLessThan(2_000);
    held.release();

    // The exit left the row claimed. Its claim lapses (as 30 s later) and the next start sends the email, once.
    const claimed = await app.store.db.selectFrom('outbox').select(['id', 'template']).where('status', '=', OutboxStatus.Sending).execute();
    expect(claimed.map((row) => row.template)).toEqual(['welcome']);
    await app.store.db
      .updateTable('outbox')
      .set({ locked_until: Date.now() - 1 })
      .where('id', '=', claimed[0]!.id)
      .execute();
    server = await app.start();
    await waitFor(() => fake.to('held@example.com').length === 1, 10_000, 'the held email sent after the restart');
  });
});
