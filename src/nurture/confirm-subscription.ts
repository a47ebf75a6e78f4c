import type { LeadStore } from '../db/database.ts';
import { NEWSLETTER_LINK, verifyLinkToken } from '../leads/link-token.ts';
import { newsletterForm } from '../leads/signup-forms.ts';
import { confirmLead, isConfirmationUsed } from './confirmation.ts';
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

/** What a newsletter confirmation link shows when opened, changing nothing (a mail scanner may be the one opening it). */
export async function viewSubscription(context: SubscriptionContext, token: string): Promise<SubscriptionState> {
  const verdict = verifyLinkToken(context.secret, token, 'confirm', context.now);
  if (!verdict.ok && verdict.reason === 'invalid') return 'invalid';
  const used = await isConfirmationUsed(context.store.db, token, verdict.claims.leadId);
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
  const lead = await confirmLead(context.store, {
    token,
    leadId: verdict.claims.leadId,
    template: newsletterForm.firstEmail,
    sequence: newsletterForm.sequence,
    magnet: undefined,
    sequences: context.sequences,
    now: context.now,
  });
  return lead ? 'confirmed' : 'invalid';
}
