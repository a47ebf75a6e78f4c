import { describe, expect, it } from 'vitest';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { retryFailedRow } from '../../src/outbox/retry-failed.ts';
import { KEY_WINDOW_MS } from '../../src/outbox/send-attempts.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { useResendSender } from '../support/resend-sender.ts';

/** Retry from the admin: a failed email is sent again, and never twice if it was in fact delivered. */
describe.each(engines)('retrying a failed email on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  let clock = 1_000_000;
  // Two attempts, then a row fails for good.
  const resend = useResendSender(() => clock, { retry: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 } });
  const fake = resend.fake;
  const sender = () => resend.sender(useStore());
  const queue = async (email: string) => {
    const parsed = parseSignup({ email, consent: true });
    if (!parsed.ok) throw new Error('invalid');
    return (await captureLead(useStore(), parsed.input, { form: newsletterForm, userAgent: undefined, now: clock })).outboxId!;
  };
  const row = (id: number) => useStore().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Runs the sender until the row leaves its round, as the server would over time. */
  const runUntilSettled = async (id: number) => {
    for (let round = 0; round < 5; round++) {
      await sender().runOnce(clock);
      clock += 2_000;
      if (['sent', 'failed'].includes((await row(id)).status)) return;
    }
  };

  it('repeats an email that failed after its answers were lost under the same key: delivered once, and the row ends sent', async () => {
    const id = await queue('lost-twice@example.com');
    // Resend delivers the first request, but neither answer comes back.
    fake.loseNextAnswers(2);
    await runUntilSettled(id);
    expect(await row(id)).toMatchObject({ status: 'failed' });
    expect(fake.to('lost-twice@example.com')).toHaveLength(1);

    expect(await retryFailedRow(useStore(), id, clock)).toEqual({ status: 'queued', ids: [id] });
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    await runUntilSettled(id);

    expect(await row(id)).toMatchObject({ status: 'sent' });
    expect(fake.to('lost-twice@example.com')).toHaveLength(1);
    const keys = fake.log.map((entry) => entry.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(fake.log.at(-1)).toMatchObject({ replayed: true, status: 200 });
    // Settled: the stored request has served its purpose.
    expect(await useStore().db.selectFrom('send_attempts').select('id').execute()).toEqual([]);
  });

  it('renders anew an email the provider refused, which sent nothing, and delivers it once', async () => {
    const id = await queue('refused@example.com');
    fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    await runUntilSettled(id);
    expect(await row(id)).toMatchObject({ status: 'failed', attempt_id: null });
    expect(fake.to('refused@example.com')).toHaveLength(0);

    expect((await retryFailedRow(useStore(), id, clock)).status).toBe('queued');
    await runUntilSettled(id);
    expect(await row(id)).toMatchObject({ status: 'sent' });
    expect(fake.to('refused@example.com')).toHaveLength(1);
  });

  it('refuses to retry a possibly delivered email once the provider has forgotten its key', async () => {
    const id = await queue('forgotten@example.com');
    fake.loseNextAnswers(2);
    await runUntilSettled(id);
    expect(await row(id)).toMatchObject({ status: 'failed' });

    expect(await retryFailedRow(useStore(), id, clock + KEY_WINDOW_MS)).toEqual({ status: 'key-expired' });
    expect(await row(id)).toMatchObject({ status: 'failed' });
  });

  it('retries only failed rows', async () => {
    const id = await queue('fine@example.com');
    await runUntilSettled(id);
    expect(await row(id)).toMatchObject({ status: 'sent' });
    expect(await retryFailedRow(useStore(), id, clock)).toEqual({ status: 'not-failed' });
    expect(await retryFailedRow(useStore(), 999_999, clock)).toEqual({ status: 'not-failed' });
  });
});
