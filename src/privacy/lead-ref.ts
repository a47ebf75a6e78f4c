import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { normalizeEmail } from '../leads/email-address.ts';

/** A lead as a privacy request names it: by id (the admin's buttons) or by address (the CLIs). */
export type LeadRef = { id: number } | { email: string };

/** The lead a reference names, or undefined when there is none (an address is normalised as at signup). */
export async function findLead(db: Kysely<Database>, ref: LeadRef): Promise<{ id: number; email: string } | undefined> {
  let query = db.selectFrom('leads').select(['id', 'email']);
  if ('id' in ref) query = query.where('id', '=', ref.id);
  else {
    const checked = normalizeEmail(ref.email);
    query = query.where('email', '=', checked.ok ? checked.address : ref.email.trim().toLowerCase());
  }
  return query.executeTakeFirst();
}
