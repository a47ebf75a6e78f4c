import { describe, expect, it } from 'vitest';
import type { AppServer } from '../support/app-server.ts';
import { engines, waitFor } from '../support/databases.ts';
import { useRestartableServer } from '../support/restartable-server.ts';
import { postSignup, signup } from '../support/signup-client.ts';

/**
 * Exactly once, as the built server does it: each address receives each email once and every row
 * ends `sent`, whether the provider's answer is lost or the server is killed in the middle of a call.
 */
describe.each(engines)('exactly-once email on %s', (engine) => {
  const app = useRestartableServer(engine, { migrate: true });
  const { fake } = app;
  let server: AppServer;

  const rowsOf = (email: string) =>
    app.store.db
      .selectFrom('outbox')
      .innerJoin('leads', 'leads.id', 'outbox.lead_id')
      .select(['outbox.id', 'outbox.status', 'outbox.attempt_id', 'outbox.locked_until'])
      .where('leads.email', '=', email)
      .where('outbox.template', '=', 'welcome')
      .execute();
  /** Every first email has been sent (the sequences' later steps wait for their day). */
  const allSent = async () =>
    (await app.store.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').where('template', 'not like', 'sequence:%').execute())
      .length === 0;
  const deliveriesPerAddress = () => {
    const counts = new Map<string, number>();
    for (const delivery of fake.deliveries) counts.set(delivery.to[0]!, (counts.get(delivery.to[0]!) ?? 0) + 1);
    return counts;
  };

  it('repeats the same requests after the provider’s answers are lost, under a load of signups', async () => {
    server = await app.start();
    // The first three requests reach Resend and are delivered, but their answers never come back.
    fake.loseNextAnswers(3);
    const addresses = Array.from({ length: 60 }, (_, index) => `lost-${index}@example.com`);
    const answers = await Promise.all(addresses.map((email) => postSignup(server.base, signup(email))));
    expect(answers.map((answer) => answer.status)).toEqual(addresses.map(() => 202));

    await waitFor(allSent, 45_000, 'every outbox row sent');
    const counts = deliveriesPerAddress();
    expect(addresses.filter((email) => counts.get(email) !== 1)).toEqual([]);
    expect(counts.size).toBe(addresses.length);
    // Each lost request was asked again under its own key (perhaps more than once, if a repeat lost its answer too), and
    // Resend answered from its first delivery.
    const lostKeys = new Set(fake.log.filter((request) => request.status === null).map((request) => request.idempotencyKey));
    expect(lostKeys.size).toBeGreaterThanOrEqual(1);
    for (const key of lostKeys) {
      const [first, ...repeats] = fake.log.filter((request) => request.idempotencyKey === key);
      expect(first!.replayed).toBe(false);
      expect(repeats.length).toBeGreaterThanOrEqual(1);
      expect(repeats.every((request) => request.replayed)).toBe(true);
      expect(repeats.at(-1)!.status).toBe(200);
    }
    expect(fake.log.every((request) => request.status === null || request.status === 200)).toBe(true);
  }, 60_000);

  it.each([
    ['after Resend delivered it', true],
    ['before Resend delivered anything', false],
  ])(
    'sends once when the server is killed in the middle of a call %s, and restarted around the lease expiry',
    async (_, delivered) => {
      server = await app.start();
      const held = fake.holdNext({ deliver: delivered });
      expect((await postSignup(server.base, signup('mid-call@example.com'))).status).toBe(202);
      await held.arrived;
      await server.kill();
      held.release();
      const [row] = await rowsOf('mid-call@example.com');
      expect(row).toMatchObject({ status: 'sending', attempt_id: expect.any(Number) });

      // Restarted before the claim lapses: the new server leaves the row to its claim. Another signup's
      // email arriving shows the restarted sender has had its round.
      server = await app.start();
      expect((await postSignup(server.base, signup('after-restart@example.com'))).status).toBe(202);
      await waitFor(() => fake.to('after-restart@example.com').length === 1, 10_000, 'the email of a signup after the restart');
      expect(await rowsOf('mid-call@example.com')).toEqual([row]);
      expect(fake.log.filter((request) => request.idempotencyKey === fake.log[0]!.idempotencyKey)).toHaveLength(1);

      // The claim lapses (as 30 s later): the request on disk is made again, byte for byte.
      await app.store.db
        .updateTable('outbox')
        .set({ locked_until: Date.now() - 1 })
        .where('id', '=', row!.id)
        .execute();
      await waitFor(allSent, 15_000, 'every outbox row sent');
      expect(fake.to('mid-call@example.com')).toHaveLength(1);
      const again = fake.log.filter((request) => request.idempotencyKey === fake.log[0]!.idempotencyKey);
      expect(again.map((request) => request.replayed)).toEqual([false, delivered]);
      expect(await app.store.db.selectFrom('send_attempts').selectAll().execute()).toEqual([]);
    },
    60_000,
  );
});
