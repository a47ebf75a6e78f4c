import type { LeadStore } from '../db/database.ts';
import { NEWSLETTER_LINK, verifyLinkToken } from '../leads/link-token.ts';
import { newsletterForm } from '../leads/signup-forms.ts';
import { enrol } from './enrol.ts';
import type { SequenceCatalog } from './sequences.ts';

export interface SubscriptionContext {
  store: LeadStore;
  secret: string;
  sequences: SequenceCatalog;
  now: number;
}

export type SubscriptionState = 'ask' | 'confirmed' | 'done' | 'expired' | 'invalid';

/** Whether a confirmation link confirms a newsletter signup (rather than a magnet's), expired or not. */
export function isNewsletterConfirmation(secret: string, token: string, now: number): boolean {
  const verdict = verifyLinkToken(secret, token, 'confirm', now);
  return (verdict.ok || verdict.reason === 'expired') && verdict.claims.magnet === NEWSLETTER_LINK;
}

/** The welcome email a confirmation link queues: one per link, so it also records that the link was used. */
function welcomeKey(token: string): string {
  return `confirm:${token}`;
}

/** What a newsletter confirmation link shows when opened, changing nothing (a mail scanner may be the one opening it). */
export async function viewSubscription(context: SubscriptionContext, token: string): Promise<SubscriptionState> {
  const verdict = verifyLinkToken(context.secret, token, 'confirm', context.now);
  if (!verdict.ok && verdict.reason === 'invalid') return 'invalid';
  const used = await context.store.db
    .selectFrom('outbox')
    .select('id')
    .where('idempotency_key', '=', welcomeKey(token))
    .where('lead_id', '=', verdict.claims.leadId)
    .executeTakeFirst();
  if (used) return 'done';
  return verdict.ok ? 'ask' : 'expired';
}

/**
 * A held newsletter signup, confirmed by the reader's button press: marks the address confirmed,
 * queues the welcome email (once per link, however often the button is pressed) and enters the
 * newsletter's sequence, in one commit.
 */
export async function confirmSubscription(context: SubscriptionContext, token: string): Promise<SubscriptionState> {
  const verdict = verifyLinkToken(context.secret, token, 'confirm', context.now);
  if (!verdict.ok) return verdict.reason;
  const { now } = context;
  const lead = await context.store.write(async (trx) => {
    const row = await trx
      .selectFrom('leads')
      .select(['id', 'email', 'name', 'confirmed_at'])
      .where('id', '=', verdict.claims.leadId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.confirmed_at === null) await trx.updateTable('leads').set({ confirmed_at: now, updated_at: now }).where('id', '=', row.id).execute();
    await trx
      .insertInto('outbox')
      .values({
        kind: 'email',
        lead_id: row.id,
        template: newsletterForm.firstEmail,
        payload: JSON.stringify({ to: row.email, name: row.name, leadId: row.id }),
        idempotency_key: welcomeKey(token),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
      .execute();
    if (newsletterForm.sequence) {
      await enrol(trx, context.sequences, {
        leadId: row.id,
        to: row.email,
        name: row.name,
        sequence: newsletterForm.sequence,
        magnet: undefined,
        now,
      });
    }
    return row;
  });
  return lead ? 'confirmed' : 'invalid';
}
