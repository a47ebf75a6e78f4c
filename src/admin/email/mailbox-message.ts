import type { Kysely, Selectable } from 'kysely';
import type { Database, MailboxTable } from '../../db/schema.ts';

/** The local mailbox's copy of an outbox row's email, or undefined. */
export function mailboxMessage(db: Kysely<Database>, outboxId: number): Promise<Selectable<MailboxTable> | undefined> {
  return db.selectFrom('mailbox').selectAll().where('outbox_id', '=', outboxId).executeTakeFirst();
}

/**
 * How the message's HTML is served into its frame: nothing runs, and nothing loads but inline
 * styles, inline images and images from the site itself (`siteOrigin`, where emails take the logo
 * from); only the admin's own page may frame it.
 */
export function messageFrameHeaders(siteOrigin: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; img-src data: ${siteOrigin}; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'`,
    'X-Frame-Options': 'SAMEORIGIN',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** The headers a message was sent with, parsed from the stored JSON (an empty list when unreadable). */
export function messageHeaders(stored: string): [string, string][] {
  try {
    const parsed = JSON.parse(stored) as Record<string, unknown>;
    return Object.entries(parsed).map(([name, value]) => [name, String(value)]);
  } catch {
    return [];
  }
}
