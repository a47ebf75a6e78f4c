import type { LeadStore } from '../db/database.ts';
import { claimDueRows } from './claim-rows.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { OutboxKind } from './outbox-kind.ts';
import { RoundsWorker, type SenderPacing } from './send-loop.ts';
import { settlement, settleRows } from './settle-rows.ts';
import { httpSenderPacing, postWebhook } from './webhook-request.ts';
import { reportDeliveries } from '../ops/delivery-counts.ts';

export interface WebhookSenderOptions extends SenderPacing {
  store: LeadStore;
  /** The receiver: `CRM_WEBHOOK_URL`. */
  url: URL;
  /** `CRM_WEBHOOK_SECRET`, `whsec_<base64>`. */
  secret: string;
  /** How long one call may take. */
  timeoutMs?: number;
}

/**
 * Delivers the outbox's `webhook` rows: each row's payload POSTed to the receiver, signed per
 * Standard Webhooks, with the row's key as `webhook-id` on every attempt. Claims, leases, backoff
 * and settling are the email sender's, so several senders can run against one database and a row
 * is in one sender's hands at a time. Delivery is at least once: a sender that stops between the
 * receiver's answer and the settling write leaves the row to be sent again, under the same
 * `webhook-id`, which is how a receiver recognises the repeat.
 */
/** Webhooks one round claims by default. */
const WEBHOOK_BATCH_SIZE = 8;

export class WebhookSender extends RoundsWorker {
  readonly #options: Required<WebhookSenderOptions>;

  constructor(options: WebhookSenderOptions) {
    const pacing = httpSenderPacing(options, WEBHOOK_BATCH_SIZE);
    super(pacing.pollMs, pacing.log, { batchSize: pacing.batchSize });
    this.#options = { ...options, ...pacing };
  }

  /** Claims and delivers one batch of due rows; returns how many were claimed. */
  async runOnce(now = this.#options.clock()): Promise<number> {
    const { store, url, secret, batchSize, leaseMs, concurrency, timeoutMs, retry, clock, log } = this.#options;
    const rows = await claimDueRows(store, { kind: OutboxKind.Webhook, now, batchSize, leaseMs });
    if (rows.length === 0) return 0;
    const results = await mapWithConcurrency(rows, concurrency, async (row) => {
      const outcome = await postWebhook({ url, secret, id: row.idempotency_key, body: row.payload, timeoutMs });
      return settlement(row, outcome, clock(), retry, log);
    });
    await store.write((trx) => settleRows(trx, results, new Map(rows.map((row) => [row.id, row]))));
    reportDeliveries(OutboxKind.Webhook, results);
    return rows.length;
  }
}
