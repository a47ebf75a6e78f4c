import type { LeadAdWorker } from '../lead-ads/lead-ad-worker.ts';
import type { ConversionSender } from '../outbox/conversion-sender.ts';
import type { OutboxSender } from '../outbox/outbox-sender.ts';
import type { WebhookSender } from '../outbox/webhook-sender.ts';
import type { Qualifier } from '../scoring/qualifier.ts';

/** The parts of the background work; the webhook sender runs when a CRM webhook is configured. */
export interface BackgroundParts {
  email: OutboxSender;
  webhooks?: WebhookSender;
  qualifier?: Qualifier;
  /** Captures the leads lead-ad webhooks stored. */
  leadAds?: LeadAdWorker;
  /** Sends conversion events to the ad platforms, when one is configured. */
  conversions?: ConversionSender;
}

/**
 * What a process does besides answering requests: the qualifier scores the leads that gained a
 * touch or an event, the email sender and the webhook sender empty the outbox. Started, woken and
 * stopped together, so the commit of a signup gets its lead scored, and its email, a hand-off's
 * webhook and its sales alert sent, at once.
 */
export class BackgroundWork {
  readonly email: OutboxSender;
  readonly webhooks: WebhookSender | undefined;
  readonly qualifier: Qualifier | undefined;
  readonly leadAds: LeadAdWorker | undefined;
  readonly conversions: ConversionSender | undefined;

  constructor({ email, webhooks, qualifier, leadAds, conversions }: BackgroundParts) {
    this.email = email;
    this.webhooks = webhooks;
    this.qualifier = qualifier;
    this.leadAds = leadAds;
    this.conversions = conversions;
  }

  start(): void {
    this.leadAds?.start();
    this.qualifier?.start();
    this.email.start();
    this.webhooks?.start();
    this.conversions?.start();
  }

  /** Capture stored lead ads, score due leads and send due rows of every kind now (called right after a commit that made some). */
  wake(): void {
    this.leadAds?.wake();
    this.qualifier?.wake();
    this.wakeSenders();
  }

  /** Send due rows now: the qualifier calls it after a commit that handed a lead off. */
  wakeSenders(): void {
    this.email.wake();
    this.webhooks?.wake();
    this.conversions?.wake();
  }

  async stop(): Promise<void> {
    await Promise.all([this.leadAds?.stop(), this.qualifier?.stop(), this.email.stop(), this.webhooks?.stop(), this.conversions?.stop()]);
  }

  /**
   * One round of each part: the qualifier first, so the hand-offs it queues go out in the same
   * round. Returns how many leads were scored and how many outbox rows were taken.
   */
  async runOnce(now?: number): Promise<{ scored: number; rows: number }> {
    const captured = (await this.leadAds?.runOnce(now)) ?? 0;
    const scored = (await this.qualifier?.runOnce(now)) ?? 0;
    const [emails, webhooks, conversions] = await Promise.all([
      this.email.runOnce(now),
      this.webhooks?.runOnce(now) ?? 0,
      this.conversions?.runOnce(now) ?? 0,
    ]);
    return { scored, rows: captured + emails + webhooks + conversions };
  }

  /** Rounds until one finds nothing to do: everything due by `now` is scored and sent. */
  async drain(now?: number): Promise<{ scored: number; rows: number }> {
    const total = { scored: 0, rows: 0 };
    for (;;) {
      const { scored, rows } = await this.runOnce(now);
      if (scored + rows === 0) return total;
      total.scored += scored;
      total.rows += rows;
    }
  }
}
