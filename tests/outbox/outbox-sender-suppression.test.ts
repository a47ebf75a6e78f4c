import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResendMailer } from '../../src/email/resend-mailer.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';

/**
 * Suppressing a lead skips its pending rows, but a row can still be due for a suppressed lead: one
 * queued by a new signup of the address, or one whose claim lapsed while the lead was suppressed.
 * The sender's own check is all that stands between such a row and a hard-bounced mailbox.
 */
describe.each(engines)('OutboxSender and suppressed leads on %s', (engine) => {
  const fake = new ResendFake();
  const useStore = useMigratedStore(engine);
  const clock = Date.UTC(2026, 10, 22, 12);

  const sender = () =>
    new OutboxSender({
      store: useStore(),
      mailer: new ResendMailer('re_test_key'),
      from: 'Lodestone <hello@example.com>',
      siteUrl: new URL('https://lodestone.example'),
      secret: 'outbox-sender-test-secret-outbox-sender-test',
      magnets: new Map(),
      sequences: new Map(),
      clock: () => clock,
      log: () => {},
    });

  async function queue(email: string) {
    const parsed = parseSignup({ email, consent: true });
    if (!parsed.ok) throw new Error('invalid');
    const { leadId, outboxId } = await captureLead(useStore(), parsed.input, { form: newsletterForm, userAgent: undefined, now: clock });
    return { leadId, outboxId: outboxId! };
  }
  const row = (id: number) => useStore().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Runs the sender until the row is no longer waiting to be sent, and returns it. */
  async function settle(id: number) {
    const worker = sender();
    for (let round = 0; round < 5; round++) {
      const current = await row(id);
      if (current.status !== 'pending' && current.status !== 'sending') return current;
      await worker.runOnce(clock);
    }
    throw new Error(`outbox row ${id} did not settle`);
  }

  beforeAll(async () => {
    await fake.start();
    process.env.RESEND_BASE_URL = fake.url;
  });

  afterAll(async () => {
    delete process.env.RESEND_BASE_URL;
    await fake.stop();
  });

  beforeEach(() => fake.reset());

  it.each([
    ['a pending row of a hard-bounced lead', 'pending', 'hard bounce', 'suppressed: hard bounce'],
    ['a lapsed claim of a lead who complained', 'sending', 'complaint', 'suppressed: complaint'],
    ['a pending row of a lead suppressed without a reason', 'pending', null, 'suppressed: address refused'],
  ] as const)('skips %s, saying why, and Resend gets nothing', async (_, status, reason, lastError) => {
    const email = `suppressed-${status}-${(reason ?? 'none').replace(/\W/g, '-')}@example.com`;
    const { leadId, outboxId } = await queue(email);
    // Suppressed behind the back of the step that skips pending rows: the row is still due.
    await useStore().db.updateTable('leads').set({ suppressed_at: clock, suppressed_reason: reason }).where('id', '=', leadId).execute();
    if (status === 'sending')
      await useStore()
        .db.updateTable('outbox')
        .set({ status, locked_until: clock - 1 })
        .where('id', '=', outboxId)
        .execute();

    expect(await settle(outboxId)).toMatchObject({ status: 'skipped', last_error: lastError, provider_id: null });
    expect(fake.requests).toBe(0);
  });

  it('still sends the other leads of the same claim', async () => {
    const suppressed = await queue(`suppressed-in-batch-${engine}@example.com`);
    const other = await queue(`other-in-batch-${engine}@example.com`);
    await useStore()
      .db.updateTable('leads')
      .set({ suppressed_at: clock, suppressed_reason: 'hard bounce' })
      .where('id', '=', suppressed.leadId)
      .execute();

    expect(await settle(suppressed.outboxId)).toMatchObject({ status: 'skipped', last_error: 'suppressed: hard bounce' });
    expect(await settle(other.outboxId)).toMatchObject({ status: 'sent' });
    expect(fake.deliveries.flatMap((delivery) => delivery.to)).toEqual([`other-in-batch-${engine}@example.com`]);
  });
});
