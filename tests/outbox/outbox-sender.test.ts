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

  const senderOptions = () => ({
    store: useStore(),
    mailer: new ResendMailer('re_test_key', 1000),
    from: 'Lodestone <hello@example.com>',
    siteUrl: new URL('https://lodestone.example'),
    secret: 'outbox-sender-test-secret-outbox-sender-test',
    magnets: new Map(),
    sequences: new Map(),
    clock: () => clock,
    log: (line: string) => log.push(line),
  });
  const sender = (batchSize?: number) => new OutboxSender({ ...senderOptions(), ...(batchSize ? { batchSize } : {}) });

  async function queueLead(email: string) {
    const parsed = parseSignup({ email, consent: true });
    if (!parsed.ok) throw new Error('invalid');
    const { leadId, outboxId } = await captureLead(useStore(), parsed.input, { form: newsletterForm, userAgent: undefined, now: clock });
    return { leadId, outboxId: outboxId! };
  }
  const queue = async (email: string) => (await queueLead(email)).outboxId;
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

  it('repeats a request whose answer was lost byte for byte under its key, so the email arrives once', async () => {
    const id = await queue('lost-answer@example.com');
    fake.loseNextAnswers(1);
    await sender().runOnce(clock);
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: 'pending', attempt_id: expect.any(Number) });
    expect(fake.to('lost-answer@example.com')).toHaveLength(1);

    clock += 2_000;
    await sender().runOnce(clock);
    expect(await row(id)).toMatchObject({ status: 'sent', attempt_id: null, last_error: null });
    expect(fake.to('lost-answer@example.com')).toHaveLength(1);
    expect(fake.log.map(({ idempotencyKey, replayed }) => ({ idempotencyKey, replayed }))).toEqual([
      { idempotencyKey: fake.log[0]!.idempotencyKey, replayed: false },
      { idempotencyKey: fake.log[0]!.idempotencyKey, replayed: true },
    ]);
    // Settled, the stored request has served its purpose.
    expect(await useStore().db.selectFrom('send_attempts').selectAll().execute()).toEqual([]);
  });

  it('repeats a batch whose answer was lost with the same members, however many rows queued since', async () => {
    const first = await Promise.all(Array.from({ length: 5 }, (_, index) => queue(`lost-batch-${index}@example.com`)));
    fake.loseNextAnswers(1);
    await sender().runOnce(clock);
    expect(fake.deliveries).toHaveLength(5);
    // New rows come due beside the unanswered ones: they must not join the stored request.
    const later = await Promise.all(Array.from({ length: 3 }, (_, index) => queue(`later-${index}@example.com`)));
    clock += 2_000;
    while ((await sender().runOnce(clock)) > 0);

    const rows = await useStore()
      .db.selectFrom('outbox')
      .select(['status'])
      .where('id', 'in', [...first, ...later])
      .execute();
    expect(rows.every((item) => item.status === 'sent')).toBe(true);
    const perAddress = new Map<string, number>();
    for (const delivery of fake.deliveries) perAddress.set(delivery.to[0]!, (perAddress.get(delivery.to[0]!) ?? 0) + 1);
    expect(perAddress.size).toBe(8);
    expect([...perAddress.values()].every((count) => count === 1)).toBe(true);
    const [lost, ...rest] = fake.log;
    expect(rest.filter((request) => request.idempotencyKey === lost!.idempotencyKey)).toEqual([
      { path: '/emails/batch', idempotencyKey: lost!.idempotencyKey, status: 200, replayed: true },
    ]);
  });

  it('lets a sender whose lease lapsed mid-call be taken over: the new sender repeats its request and the email arrives once', async () => {
    const id = await queue('went-quiet@example.com');
    // The provider takes the email, then the line goes quiet: the first sender hangs in its call (as if killed).
    const held = fake.holdNext({ deliver: true });
    const quiet = sender().runOnce(clock);
    await held.arrived;
    expect(fake.to('went-quiet@example.com')).toHaveLength(1);

    const started = clock;
    clock = started + 29_000;
    expect(await sender().runOnce()).toBe(0);
    // Lease lapsed: a second sender takes the row over and repeats the stored request; its call hangs too.
    clock = started + 31_000;
    const heldAgain = fake.holdNext({ deliver: false });
    const takeover = sender().runOnce();
    await heldAgain.arrived;
    // The first sender's call fails late: its outcome must not overwrite the claim the second sender holds.
    held.release();
    await quiet;
    expect(await row(id)).toMatchObject({ status: 'sending', locked_until: started + 31_000 + 30_000 });
    heldAgain.release();
    expect(await takeover).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'pending', next_attempt_at: started + 31_000 + 4_000 });

    clock = started + 35_000;
    await sender().runOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(fake.to('went-quiet@example.com')).toHaveLength(1);
    expect(fake.log.map((request) => request.replayed)).toEqual([false, false, true]);
    expect(new Set(fake.log.map((request) => request.idempotencyKey)).size).toBe(1);
  });

  it('takes Resend refusing our own key as a replay of a request it already delivered, not as a failure', async () => {
    const id = await queue('key-known@example.com');
    fake.failNext(1, { status: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
    await sender().runOnce(clock);
    expect(await row(id)).toMatchObject({ status: 'sent', provider_id: null, last_error: null });
    expect(log.some((line) => /had taken this request before/.test(line))).toBe(true);
  });

  it('retries a transport that throws instead of answering, with the same request', async () => {
    const id = await queue('throws@example.com');
    let calls = 0;
    const keys: string[] = [];
    const flaky = new ResendMailer('re_test_key');
    const throwing = {
      name: 'flaky',
      send: async (email: Parameters<ResendMailer['send']>[0], context: Parameters<ResendMailer['send']>[1]) => {
        keys.push(context.idempotencyKey);
        if (++calls === 1) throw new Error('socket hang up');
        return flaky.send(email, context);
      },
    };
    const worker = new OutboxSender({ ...senderOptions(), mailer: throwing });
    await worker.runOnce(clock);
    expect(await row(id)).toMatchObject({ status: 'pending', last_error: 'send: socket hang up' });
    await worker.runOnce(clock + 2_000);
    expect(await row(id)).toMatchObject({ status: 'sent' });
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(fake.to('throws@example.com')).toHaveLength(1);
  });

  it('sends a batch refused as malformed one by one, each as a stored request of its own, so one bad address holds back nothing else', async () => {
    const ids = await Promise.all(['good-1@example.com', 'good-2@example.com', 'good-3@example.com'].map(queue));
    fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    await sender().runOnce(clock);
    const rows = await useStore().db.selectFrom('outbox').select(['id', 'status', 'last_error']).where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((item) => item.status).sort()).toEqual(['failed', 'sent', 'sent']);
    expect(fake.log.map((request) => request.path)).toEqual(['/emails/batch', '/emails', '/emails', '/emails']);
    expect(new Set(fake.log.map((request) => request.idempotencyKey)).size).toBe(4);
    expect(fake.deliveries).toHaveLength(2);
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

  /**
   * Suppressing a lead skips its pending rows, but a row can still be due for a suppressed lead: one
   * queued by a new signup of the address, or one whose claim lapsed while the lead was suppressed.
   * The sender's own check is all that stands between such a row and a hard-bounced mailbox.
   */
  describe('a suppressed lead', () => {
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

    it.each([
      ['a pending row of a hard-bounced lead', 'pending', 'hard bounce', 'suppressed: hard bounce'],
      ['a lapsed claim of a lead who complained', 'sending', 'complaint', 'suppressed: complaint'],
      ['a pending row of a lead suppressed without a reason', 'pending', null, 'suppressed: address refused'],
    ] as const)('skips %s, saying why, and Resend gets nothing', async (_, status, reason, lastError) => {
      const email = `suppressed-${status}-${(reason ?? 'none').replace(/\W/g, '-')}@example.com`;
      const { leadId, outboxId } = await queueLead(email);
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
      const suppressed = await queueLead(`suppressed-in-batch-${engine}@example.com`);
      const other = await queueLead(`other-in-batch-${engine}@example.com`);
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
});
