import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueHandoff } from '../../src/handoff/enqueue-handoff.ts';
import { OutboxKind } from '../../src/outbox/outbox-kind.ts';
import { WebhookSender, type WebhookSenderOptions } from '../../src/outbox/webhook-sender.ts';
import { engines, useMigratedStore, waitFor } from '../support/databases.ts';
import { insertLead, sampleHandoff, SITE_URL } from '../support/handoff-fixtures.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

/** Retries within milliseconds, so a test rides out an outage without a controlled clock. */
const FAST_RETRY = { baseMs: 20, maxMs: 100, maxAttempts: 10 };

describe.each(engines)('WebhookSender on %s', (engine) => {
  const receiver = new WebhookReceiver();
  const useStore = useMigratedStore(engine);
  const running: WebhookSender[] = [];
  const log: string[] = [];
  let leads = 0;

  const sender = (options: Partial<WebhookSenderOptions> = {}) => {
    const made = new WebhookSender({
      store: useStore(),
      url: new URL(receiver.url),
      secret: CRM_SECRET,
      pollMs: 20,
      log: (line) => log.push(line),
      ...options,
    });
    running.push(made);
    return made;
  };

  /** Enqueues a hand-off of a new lead as the scoring code will; returns its outbox row id and its event id. */
  async function handOff(now = Date.now()): Promise<{ rowId: number; eventId: string }> {
    const store = useStore();
    const leadId = await insertLead(store, `lead-${++leads}@example.com`);
    const handoff = sampleHandoff(leadId, { email: `lead-${leads}@example.com` });
    const config = { siteUrl: SITE_URL, crmWebhook: { url: new URL(receiver.url), secret: CRM_SECRET }, salesNotifyEmail: undefined };
    const queued = await store.write((trx) => enqueueHandoff(trx, handoff, config, now));
    return { rowId: queued.webhookRowId!, eventId: handoff.eventId };
  }

  const row = (id: number) => useStore().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const settled = (id: number, status: string) => waitFor(async () => (await row(id)).status === status, 5_000, `row ${id} to be ${status}`);

  beforeAll(async () => {
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
  });
  beforeEach(async () => {
    receiver.reset();
    log.length = 0;
    // Each test starts from an empty outbox: a row another test left pending would be claimed first.
    await useStore().db.deleteFrom('outbox').execute();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((made) => made.stop()));
  });

  it('delivers one enqueued hand-off exactly once, signed so the standardwebhooks library accepts it', async () => {
    const { rowId, eventId } = await handOff();
    const webhooks = sender();
    webhooks.start();
    await settled(rowId, 'sent');
    await webhooks.stop();

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery).toMatchObject({ id: `msg_${eventId}`, contentType: 'application/json', refused: undefined });
    expect(Math.abs(Number(delivery!.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(delivery!.body).toBe((await row(rowId)).payload);
    expect(receiver.verified[0]).toMatchObject({ type: 'lead.handoff', data: { event_id: eventId, reason: 'sales-ready', score: { total: 72 } } });
    expect(await row(rowId)).toMatchObject({ status: 'sent', attempts: 1, last_error: null, locked_until: null });
    expect(await webhooks.runOnce(Date.now() + 86_400_000)).toBe(0);
  });

  it('rides out a receiver answering 503 three times: delivered on the fourth try, always with the same webhook-id, then never again', async () => {
    const { rowId, eventId } = await handOff();
    receiver.answerNext({ status: 503 }, { status: 503 }, { status: 503 });
    const webhooks = sender({ retry: FAST_RETRY });
    webhooks.start();
    await settled(rowId, 'sent');
    await webhooks.stop();

    expect(receiver.received.map((delivery) => [delivery.id, delivery.status, delivery.refused])).toEqual([
      [`msg_${eventId}`, 503, undefined],
      [`msg_${eventId}`, 503, undefined],
      [`msg_${eventId}`, 503, undefined],
      [`msg_${eventId}`, 200, undefined],
    ]);
    expect(new Set(receiver.received.map((delivery) => delivery.body)).size).toBe(1);
    expect(await row(rowId)).toMatchObject({ status: 'sent', attempts: 4, last_error: null });
    expect(await webhooks.runOnce(Date.now() + 86_400_000)).toBe(0);
    expect(receiver.received).toHaveLength(4);
  });

  it('fails a 400 for good with the status in last_error, and does not retry it', async () => {
    const { rowId } = await handOff();
    receiver.answerNext({ status: 400 });
    const webhooks = sender({ retry: FAST_RETRY });
    await webhooks.runOnce();

    expect(await row(rowId)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'http 400: scripted 400' });
    expect(await webhooks.runOnce(Date.now() + 86_400_000)).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it.each([
    [408, undefined, 2_000],
    [429, '30', 30_000],
    [500, undefined, 2_000],
    [503, '120', 120_000],
  ])('retries a %i with backoff, not before its Retry-After (%s s)', async (status, retryAfter, wait) => {
    const clock = Date.UTC(2026, 11, 1, 12);
    const { rowId } = await handOff(clock);
    receiver.answerNext({ status, retryAfter });
    const webhooks = sender({ clock: () => clock });
    await webhooks.runOnce(clock);

    const waiting = await row(rowId);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, last_error: `http ${status}: scripted ${status}` });
    expect(waiting.next_attempt_at - clock).toBe(wait);
    expect(await webhooks.runOnce(clock + wait - 1)).toBe(0);
    await webhooks.runOnce(clock + wait);
    expect(await row(rowId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(receiver.received.map((delivery) => delivery.id)).toEqual([waiting.idempotency_key, waiting.idempotency_key]);
  });

  it('retries a receiver that does not answer within the timeout, or cannot be reached', async () => {
    const slow = await handOff();
    receiver.answerNext({ status: 200, delayMs: 1_000 });
    await sender({ timeoutMs: 100 }).runOnce();
    expect(await row(slow.rowId)).toMatchObject({ status: 'pending', last_error: 'no answer: no answer in time' });

    const unreachable = await handOff();
    // A port nothing listens on: the connection is refused.
    const closed = new WebhookReceiver();
    await closed.start();
    await closed.stop();
    await sender({ url: new URL(closed.url) }).runOnce(Date.now() + 60_000);
    expect(await row(unreachable.rowId)).toMatchObject({ status: 'pending', last_error: 'no answer: ECONNREFUSED' });
  });

  it('never hands a row to two senders at once: 20 hand-offs, three senders, each delivered once', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, () => handOff()));
    const senders = [sender(), sender(), sender()];
    await Promise.all(
      senders.map(async (webhooks) => {
        while ((await webhooks.runOnce()) > 0);
      }),
    );

    const ids = receiver.received.map((delivery) => delivery.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    for (const { rowId } of rows) expect((await row(rowId)).status).toBe('sent');
  });

  it('leaves email rows to the email sender', async () => {
    const store = useStore();
    const leadId = await insertLead(store, 'email-only@example.com');
    const queued = await store.write((trx) =>
      enqueueHandoff(trx, sampleHandoff(leadId, { eventId: 'email-only' }), {
        siteUrl: SITE_URL,
        crmWebhook: undefined,
        salesNotifyEmail: 'sales@example.com',
      }),
    );
    expect(await sender().runOnce()).toBe(0);
    expect(await row(queued.alertRowId!)).toMatchObject({ kind: OutboxKind.Email, status: 'pending', attempts: 0 });
  });
});
