import { describe, expect, it } from 'vitest';
import type { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import type { Qualifier } from '../../src/scoring/qualifier.ts';
import { BackgroundWork } from '../../src/server/background-work.ts';
import type { WebhookSender } from '../../src/outbox/webhook-sender.ts';

/** A sender that records what it was asked to do and claims `claims` rows a round. */
function recorder(claims: number, order: string[] = [], name = '') {
  const calls: string[] = [];
  const sender = {
    start: () => void calls.push('start'),
    wake: () => void calls.push('wake'),
    stop: async () => void calls.push('stop'),
    runOnce: async (now?: number) => {
      calls.push(`runOnce ${now}`);
      order.push(`${name} runOnce ${now}`);
      return claims;
    },
  };
  return { calls, sender };
}

describe('BackgroundWork', () => {
  it('starts, wakes, runs and stops the qualifier, the email and the webhook sender together', async () => {
    const order: string[] = [];
    const email = recorder(3, order, 'email');
    const webhooks = recorder(2, order, 'webhooks');
    const qualifier = recorder(1, order, 'qualifier');
    const work = new BackgroundWork({
      email: email.sender as unknown as OutboxSender,
      webhooks: webhooks.sender as unknown as WebhookSender,
      qualifier: qualifier.sender as unknown as Qualifier,
    });
    work.start();
    work.wake();
    expect(await work.runOnce(1_000)).toEqual({ scored: 1, rows: 5 });
    await work.stop();
    for (const { calls } of [email, webhooks, qualifier]) expect(calls).toEqual(['start', 'wake', 'runOnce 1000', 'stop']);
    // Scoring runs before sending, so the hand-offs a round queues are sent in that round.
    expect(order.filter((call) => call.includes('runOnce'))[0]).toBe('qualifier runOnce 1000');
  });

  it('wakes only the senders after a hand-off', () => {
    const email = recorder(0);
    const qualifier = recorder(0);
    const work = new BackgroundWork({ email: email.sender as unknown as OutboxSender, qualifier: qualifier.sender as unknown as Qualifier });
    work.wakeSenders();
    expect(email.calls).toEqual(['wake']);
    expect(qualifier.calls).toEqual([]);
  });

  it('runs the email sender alone when no CRM webhook and no qualifier are given', async () => {
    const email = recorder(4);
    const work = new BackgroundWork({ email: email.sender as unknown as OutboxSender });
    work.wake();
    expect(await work.runOnce()).toEqual({ scored: 0, rows: 4 });
    await work.stop();
    expect(email.calls).toEqual(['wake', 'runOnce undefined', 'stop']);
  });
});
