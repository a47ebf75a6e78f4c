import type { LeadStore } from '../db/database.ts';
import { OutboxStatus } from './outbox-status.ts';
import { KEY_WINDOW_MS } from './send-attempts.ts';

/** What a retry from the admin did. */
export type RetryResult =
  | { status: 'queued'; ids: number[] }
  | { status: 'not-failed' }
  /** The row may have been delivered with its answer lost, and the provider no longer remembers the key: a retry could send it twice. */
  | { status: 'key-expired' };

/**
 * Makes a failed outbox row due again, for the sender to take at once (wake it after this).
 * Exactly once still holds: a row refused outright sent nothing and is rendered anew; a row that ran
 * out of retries kept the request it was last sent in, and is repeated as that very request under
 * the same key (with the other failed rows of that request, so the request is made once), so the
 * provider answers from a delivery it already made instead of making a second. Once the provider has
 * forgotten that key, the retry is refused.
 */
export function retryFailedRow(store: LeadStore, id: number, now: number): Promise<RetryResult> {
  return store.write(async (trx) => {
    const row = await trx.selectFrom('outbox').select(['id', 'status', 'attempt_id']).where('id', '=', id).executeTakeFirst();
    if (!row || row.status !== OutboxStatus.Failed) return { status: 'not-failed' };
    let members = trx.updateTable('outbox').where('status', '=', OutboxStatus.Failed);
    if (row.attempt_id !== null) {
      const attempt = await trx.selectFrom('send_attempts').select('created_at').where('id', '=', row.attempt_id).executeTakeFirst();
      if (attempt && now - attempt.created_at >= KEY_WINDOW_MS) return { status: 'key-expired' };
      members = members.where('attempt_id', '=', row.attempt_id);
    } else {
      members = members.where('id', '=', id);
    }
    const updated = await members
      .set({ status: OutboxStatus.Pending, next_attempt_at: now, attempts: 0, locked_until: null })
      .returning('id')
      .execute();
    return { status: 'queued', ids: updated.map((entry) => entry.id) };
  });
}
