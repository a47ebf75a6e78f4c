import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResendMailer } from '../../src/email/resend-mailer.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';

describe.each(engines)('OutboxSender with Resend on %s', (engine) => {
  const fake = new ResendFake();
  const useStore = useMigratedStore(engine);
  let clock = 0;
  const log: string[] = [];

  const sender = (batchSize?: number) =>
    new OutboxSender({
      ...(batchSize ? { batchSize } : {}),
      store: useStore(),
      mailer: new ResendMailer('re_test_key'),
      from: 'Lodestone <hello@example.com>',
      siteUrl: new URL('https://lodestone.example'),
      secret: 'outbox-sender-test-secret-outbox-sender-test',
      magnets: new Map(),
      sequences: new Map(),
      clock: () => clock,
      log: (line) => log.push(line),
    });

  async function queue(email: string) {
    const parsed = parseSignup({ email, consent: true });
    if (!parsed.ok) throw new Error('invalid');
    const { outboxId } = await captureLead(useStore(), parsed.input, { form: newsletterForm, userAgent: undefined, now: clock });
    return outboxId!;
  }
  const row = (id: number) => useStore().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    await fake.start();
    process.env.RESEND_BASE_URL = fake.url;
  });

  afterAll(async () => {
    delete process.env.RESEND_BASE_URL;
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
    clock = Date.UTC(2026, 10, 22, 12);
  });

  it('retries a Resend outage with backoff and delivers once when it recovers', async () => {
    const id = await queue('outage@example.com');
    fake.failNext(3, { status: 500 });
    const worker = sender();

    const attemptTimes: number[] = [];
    for (let step = 0; step < 60 && (await row(id)).status !== 'sent'; step++) {
      const claimed = await worker.runOnce(clock);
      if (claimed) attemptTimes.push(clock);
      clock += 1_000;
    }

    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
    expect(fake.to('outage@example.com')).toHaveLength(1);
    expect(fake.requests).toBe(4);
    // 2 s, 4 s, 8 s between attempts.
    expect(attemptTimes.slice(1).map((time, index) => time - attemptTimes[index]!)).toEqual([2_000, 4_000, 8_000]);
  });

  it('waits as long as Retry-After asks on a 429', async () => {
    const id = await queue('throttled@example.com');
    fake.failNext(1, { status: 429, name: 'rate_limit_exceeded', retryAfter: '30' });
    await sender().runOnce(clock);
    const waiting = await row(id);
    expect(waiting.status).toBe('pending');
    expect(waiting.next_attempt_at - clock).toBe(30_000);
    expect(waiting.last_error).toMatch(/429/);
    expect(await sender().runOnce(clock + 29_000)).toBe(0);
    await sender().runOnce(clock + 30_000);
    expect((await row(id)).status).toBe('sent');
  });

  it('marks a validation error failed with its reason and does not retry it', async () => {
    const id = await queue('refused@example.com');
    fake.failNext(1, { status: 422, name: 'validation_error', message: 'The from address domain is not verified.' });
    await sender().runOnce(clock);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/not verified/) });
    expect(await sender().runOnce(clock + 3_600_000)).toBe(0);
  });

  it('sends a row whose sender crashed mid-send again with the same idempotency key, so it arrives once', async () => {
    const id = await queue('crashed@example.com');
    const first = sender();
    await first.runOnce(clock);
    expect(fake.to('crashed@example.com')).toHaveLength(1);
    // Simulate a crash after Resend accepted but before the row was marked sent.
    await useStore()
      .db.updateTable('outbox')
      .set({ status: 'sending', locked_until: clock + 30_000 })
      .where('id', '=', id)
      .execute();

    expect(await sender().runOnce(clock + 29_000)).toBe(0);
    expect(await sender().runOnce(clock + 31_000)).toBe(1);
    expect((await row(id)).status).toBe('sent');
    expect(fake.to('crashed@example.com')).toHaveLength(1);
    expect(fake.requests).toBe(2);
  });

  it('marks a row whose template cannot be rendered failed with the reason, without calling Resend', async () => {
    const id = await queue('unrenderable@example.com');
    await useStore().db.updateTable('outbox').set({ template: 'retired-template' }).where('id', '=', id).execute();
    await sender().runOnce(clock);
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'render: unknown email template "retired-template"' });
    expect(fake.requests).toBe(0);
  });

  it('never hands one row to two senders working at once', async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, (_, index) => queue(`shared-${index}@example.com`)));
    // Small claims, so the three senders compete for the rows round after round.
    const senders = [sender(8), sender(8), sender(8)];
    for (let round = 0; round < 10; round++) await Promise.all(senders.map((worker) => worker.runOnce(clock)));
    const rows = await useStore().db.selectFrom('outbox').select(['status', 'attempts']).where('id', 'in', ids).execute();
    expect(rows.every((item) => item.status === 'sent' && item.attempts === 1)).toBe(true);
    expect(fake.deliveries).toHaveLength(60);
    expect(new Set(fake.deliveries.map((delivery) => delivery.to[0])).size).toBe(60);
    // Claims of eight went out as batches: at most one request per claim.
    expect(fake.requests).toBeLessThanOrEqual(60 / 8 + 3);
  });
});
