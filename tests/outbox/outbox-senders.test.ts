import { describe, expect, it } from 'vitest';
import type { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import { OutboxSenders } from '../../src/outbox/outbox-senders.ts';
import type { WebhookSender } from '../../src/outbox/webhook-sender.ts';

/** A sender that records what it was asked to do and claims `claims` rows a round. */
function recorder(claims: number) {
  const calls: string[] = [];
  const sender = {
    start: () => void calls.push('start'),
    wake: () => void calls.push('wake'),
    stop: async () => void calls.push('stop'),
    runOnce: async (now?: number) => {
      calls.push(`runOnce ${now}`);
      return claims;
    },
  };
  return { calls, sender };
}

describe('OutboxSenders', () => {
  it('starts, wakes, runs and stops the email and the webhook sender together', async () => {
    const email = recorder(3);
    const webhooks = recorder(2);
    const senders = new OutboxSenders(email.sender as unknown as OutboxSender, webhooks.sender as unknown as WebhookSender);
    senders.start();
    senders.wake();
    expect(await senders.runOnce(1_000)).toBe(5);
    await senders.stop();
    for (const { calls } of [email, webhooks]) expect(calls).toEqual(['start', 'wake', 'runOnce 1000', 'stop']);
  });

  it('runs the email sender alone when no CRM webhook is configured', async () => {
    const email = recorder(4);
    const senders = new OutboxSenders(email.sender as unknown as OutboxSender, undefined);
    senders.wake();
    expect(await senders.runOnce()).toBe(4);
    await senders.stop();
    expect(email.calls).toEqual(['wake', 'runOnce undefined', 'stop']);
  });
});
