import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SendOutcome } from '../email/mailer.ts';
import { retryDelay, type RetryPolicy } from './backoff.ts';
import { OutboxStatus } from './outbox-status.ts';
import type { OutboxRow } from './send-attempts.ts';
import type { DeliveryResult } from '../ops/delivery-counts.ts';

/** What a round decided for one claimed row, and, when it was an attempt, how it ended (counted in /metrics). */
export type Settled = { id: number; values: Partial<OutboxRow>; result?: DeliveryResult };

/**
 * A claimed row's new state after an outcome: sent; back to pending after the backoff (never sooner
 * than the receiver's `Retry-After`) while it may be retried; or failed for good with its reason.
 */
export function settlement(row: OutboxRow, outcome: SendOutcome, at: number, retry: RetryPolicy, log: (line: string) => void): Settled {
  if (outcome.ok) {
    return {
      id: row.id,
      result: 'sent',
      values: { status: OutboxStatus.Sent, sent_at: at, provider_id: outcome.providerId, last_error: null, attempt_id: null },
    };
  }
  if (outcome.retryable && row.attempts < retry.maxAttempts) {
    const delay = retryDelay(row.attempts, retry, outcome.retryAfterMs);
    log(`[outbox] ${row.template} #${row.id} will retry in ${Math.round(delay / 1000)}s: ${outcome.error}`);
    return { id: row.id, result: 'retrying', values: { status: OutboxStatus.Pending, next_attempt_at: at + delay, last_error: outcome.error } };
  }
  log(`[outbox] ${row.template} #${row.id} failed: ${outcome.error}`);
  // A row that ran out of retries may have been delivered with the answer lost: it keeps its stored
  // request, so a retry from the admin repeats that request under its key instead of sending anew.
  // A refusal sent nothing, so nothing is kept.
  return {
    id: row.id,
    result: outcome.retryable ? 'gave_up' : 'refused',
    values: { status: OutboxStatus.Failed, last_error: outcome.error, ...(outcome.retryable ? {} : { attempt_id: null }) },
  };
}

/**
 * Writes a round's outcomes: one UPDATE per distinct outcome (most rounds: "sent", with each row's
 * provider id picked by a CASE), not one per row, which on PostgreSQL is one round trip per email.
 * Only rows this claim still holds are touched: a sender whose lease lapsed must not overwrite the
 * claim of the sender that took over.
 */
export async function settleRows(trx: Transaction<Database>, results: readonly Settled[], claimed: ReadonlyMap<number, OutboxRow>): Promise<void> {
  const groups = new Map<string, { values: Partial<OutboxRow>; lockedUntil: number | null; rows: { id: number; providerId: string | null }[] }>();
  for (const { id, values } of results) {
    const { provider_id: providerId, ...shared } = values;
    const lockedUntil = claimed.get(id)!.locked_until;
    const key = `${lockedUntil}|${JSON.stringify(shared)}|${providerId === undefined}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { values: shared, lockedUntil, rows: [] }));
    group.rows.push({ id, providerId: providerId ?? null });
  }
  for (const { values, lockedUntil, rows } of groups.values()) {
    const ids = rows.map((row) => row.id);
    const withProvider = rows.some((row) => row.providerId !== null);
    await trx
      .updateTable('outbox')
      .set({
        locked_until: null,
        ...values,
        ...(withProvider
          ? {
              provider_id: sql<string | null>`case id ${sql.join(
                rows.map((row) => sql`when ${row.id} then ${row.providerId}`),
                sql` `,
              )} end`,
            }
          : {}),
      })
      .where('id', 'in', ids)
      .where('status', '=', OutboxStatus.Sending)
      .where('locked_until', '=', lockedUntil)
      .execute();
  }
}
