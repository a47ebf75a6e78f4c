import type { OutboxSender } from './outbox-sender.ts';
import type { WebhookSender } from './webhook-sender.ts';

/**
 * The outbox's senders in one process: the email sender, and the webhook sender when a CRM webhook
 * is configured. Started, woken and stopped together, so a commit that queued a hand-off sends its
 * email and its webhook at once.
 */
export class OutboxSenders {
  readonly email: OutboxSender;
  readonly webhooks: WebhookSender | undefined;

  constructor(email: OutboxSender, webhooks: WebhookSender | undefined) {
    this.email = email;
    this.webhooks = webhooks;
  }

  start(): void {
    this.email.start();
    this.webhooks?.start();
  }

  /** Send due rows of every kind now (called right after a commit that queued one). */
  wake(): void {
    this.email.wake();
    this.webhooks?.wake();
  }

  async stop(): Promise<void> {
    await Promise.all([this.email.stop(), this.webhooks?.stop()]);
  }

  /** Claims and sends one batch of each kind; returns how many rows were claimed in all. */
  async runOnce(now?: number): Promise<number> {
    const [emails, webhooks] = await Promise.all([this.email.runOnce(now), this.webhooks?.runOnce(now) ?? 0]);
    return emails + webhooks;
  }
}
