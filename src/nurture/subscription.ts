import type { Transaction } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';

/** Stops all marketing email to a lead at once; returns false when there is no such lead. Repeating it changes nothing. */
export async function unsubscribe(store: LeadStore, leadId: number, now: number): Promise<boolean> {
  return store.write(async (trx) => {
    const lead = await trx.selectFrom('leads').select(['id', 'unsubscribed_at']).where('id', '=', leadId).executeTakeFirst();
    if (!lead) return false;
    if (lead.unsubscribed_at === null)
      await trx.updateTable('leads').set({ unsubscribed_at: now, updated_at: now }).where('id', '=', leadId).execute();
    return true;
  });
}

/** The way back in: the lead's planned steps that are still due go out again. */
export async function resubscribe(store: LeadStore, leadId: number, now: number): Promise<boolean> {
  return store.write(async (trx) => {
    const updated = await trx.updateTable('leads').set({ unsubscribed_at: null, updated_at: now }).where('id', '=', leadId).executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  });
}

/**
 * Stops every email to a lead, marketing or not, after a hard bounce or a complaint (a complaint
 * also unsubscribes). Pending rows are skipped with the reason, so nothing is left waiting.
 */
export async function suppress(trx: Transaction<Database>, leadId: number, reason: string, now: number): Promise<void> {
  await trx
    .updateTable('leads')
    .set((eb) => ({
      suppressed_at: eb.fn.coalesce('suppressed_at', eb.val(now)),
      suppressed_reason: reason,
      unsubscribed_at: reason === 'complaint' ? eb.fn.coalesce('unsubscribed_at', eb.val(now)) : eb.ref('unsubscribed_at'),
      updated_at: now,
    }))
    .where('id', '=', leadId)
    .execute();
  await trx
    .updateTable('outbox')
    .set({ status: OutboxStatus.Skipped, last_error: `suppressed: ${reason}` })
    .where('lead_id', '=', leadId)
    .where('status', '=', OutboxStatus.Pending)
    .execute();
}
