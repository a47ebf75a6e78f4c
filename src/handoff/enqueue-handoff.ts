import type { Insertable, Transaction } from 'kysely';
import type { ServerEnv } from '../config/server-env.ts';
import type { Database, OutboxTable } from '../db/schema.ts';
import type { EmailPayload } from '../email/render.ts';
import { OutboxKind } from '../outbox/outbox-kind.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';
import { handoffBody, webhookIdOf, type Handoff } from './handoff.ts';

/** The outbox template of the CRM webhook row (its payload is the JSON body itself). */
export const CRM_HANDOFF_TEMPLATE = 'crm-handoff';
/** The email template that alerts the sales team. */
export const SALES_ALERT_TEMPLATE = 'sales-alert';

/** Where hand-offs go: the runtime's environment will do. */
export type HandoffConfig = Pick<ServerEnv, 'siteUrl' | 'crmWebhook' | 'salesNotifyEmail'>;

/** The outbox rows an enqueue wrote; undefined where it was not configured or the event was queued before. */
export interface QueuedHandoff {
  webhookRowId: number | undefined;
  alertRowId: number | undefined;
}

/**
 * Queues a hand-off inside the caller's transaction: the CRM webhook when `CRM_WEBHOOK_URL` is set
 * (keyed by its `webhook-id`, with the JSON body it will POST) and the sales alert when
 * `SALES_NOTIFY_EMAIL` is set. Both are keyed by the event id, so enqueueing the same event again,
 * or from two processes at once, writes nothing. Wake the outbox senders after the commit.
 */
export async function enqueueHandoff(trx: Transaction<Database>, handoff: Handoff, config: HandoffConfig, now = Date.now()): Promise<QueuedHandoff> {
  const webhookKey = webhookIdOf(handoff.eventId);
  const alertKey = `${SALES_ALERT_TEMPLATE}:${handoff.eventId}`;
  const row = (kind: string, template: string, payload: string, key: string): Insertable<OutboxTable> => ({
    kind,
    lead_id: handoff.lead.id,
    template,
    payload,
    idempotency_key: key,
    status: OutboxStatus.Pending,
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  });
  const rows: Insertable<OutboxTable>[] = [];
  if (config.crmWebhook) rows.push(row(OutboxKind.Webhook, CRM_HANDOFF_TEMPLATE, handoffBody(handoff, config.siteUrl), webhookKey));
  if (config.salesNotifyEmail) {
    const payload: EmailPayload = { to: config.salesNotifyEmail, name: null, handoff };
    rows.push(row(OutboxKind.Email, SALES_ALERT_TEMPLATE, JSON.stringify(payload), alertKey));
  }
  if (rows.length === 0) return { webhookRowId: undefined, alertRowId: undefined };
  const written = await trx
    .insertInto('outbox')
    .values(rows)
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning(['id', 'idempotency_key'])
    .execute();
  const idOf = (key: string) => written.find((entry) => entry.idempotency_key === key)?.id;
  return { webhookRowId: idOf(webhookKey), alertRowId: idOf(alertKey) };
}
