import type { Kysely } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { EmailPayload } from '../email/render.ts';
import { enrol } from './enrol.ts';
import type { SequenceCatalog } from './sequences.ts';

/** The outbox key of the email a confirmation link queues: one per link, so it also records that the link was used. */
function confirmationKey(token: string): string {
  return `confirm:${token}`;
}

/** Whether this confirmation link's button was pressed already. */
export async function isConfirmationUsed(db: Kysely<Database>, token: string, leadId: number): Promise<boolean> {
  const used = await db
    .selectFrom('outbox')
    .select('id')
    .where('idempotency_key', '=', confirmationKey(token))
    .where('lead_id', '=', leadId)
    .executeTakeFirst();
  return used !== undefined;
}

export interface Confirmation {
  token: string;
  leadId: number;
  /** The email the confirmation releases (the magnet, or the newsletter's welcome). */
  template: string;
  /** Merged into the email's payload beside the lead's address and name. */
  payload?: Partial<EmailPayload>;
  /** The sequence the confirmed lead enters, and the magnet that brought them in. */
  sequence: string | undefined;
  magnet: string | undefined;
  sequences: SequenceCatalog;
  now: number;
}

/**
 * A double opt-in confirmed by the reader's button press, in one commit: marks the address
 * confirmed, queues the email the confirmation releases (once per link, however often the button is
 * pressed) and enters the sequence. Returns the lead, or undefined when it no longer exists.
 */
export async function confirmLead(store: LeadStore, confirmation: Confirmation): Promise<{ id: number } | undefined> {
  const { token, leadId, template, payload, sequence, magnet, sequences, now } = confirmation;
  return store.write(async (trx) => {
    const lead = await trx.selectFrom('leads').select(['id', 'email', 'name', 'confirmed_at']).where('id', '=', leadId).executeTakeFirst();
    if (!lead) return undefined;
    if (lead.confirmed_at === null) await trx.updateTable('leads').set({ confirmed_at: now, updated_at: now }).where('id', '=', lead.id).execute();
    await trx
      .insertInto('outbox')
      .values({
        kind: 'email',
        lead_id: lead.id,
        template,
        payload: JSON.stringify({ to: lead.email, name: lead.name, leadId: lead.id, ...payload }),
        idempotency_key: confirmationKey(token),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
      .execute();
    if (sequence) await enrol(trx, sequences, { leadId: lead.id, to: lead.email, name: lead.name, sequence, magnet, now });
    return { id: lead.id };
  });
}
