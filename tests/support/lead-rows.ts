import type { LeadStore } from '../../src/db/database.ts';

/** The touches of the lead with this address, oldest first. */
export function touchesOf(store: LeadStore, email: string) {
  return store.db
    .selectFrom('touches')
    .innerJoin('leads', 'leads.id', 'touches.lead_id')
    .selectAll('touches')
    .where('leads.email', '=', email)
    .orderBy('touches.id')
    .execute();
}

/** The first touch of the lead with this address, or undefined while there is none. */
export async function touchOf(store: LeadStore, email: string) {
  return (await touchesOf(store, email))[0];
}
