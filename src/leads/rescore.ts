import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Marks a lead as due to be scored, inside the transaction that gave it a new touch or event, so
 * the qualifier (src/scoring/qualifier.ts) sees every change that is on disk and none that is not.
 */
export async function markDueForScoring(trx: Transaction<Database>, leadId: number, now: number): Promise<void> {
  await trx.updateTable('leads').set({ rescore_at: now }).where('id', '=', leadId).execute();
}
