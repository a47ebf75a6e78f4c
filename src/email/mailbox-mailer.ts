import type { LeadStore } from '../db/database.ts';
import type { Mailer, OutboundEmail, SendContext, SendOutcome } from './mailer.ts';
import { logLine } from '../ops/logger.ts';

/**
 * The local outbox mailbox used when `RESEND_API_KEY` is unset: each message is stored (one per
 * outbox row, so a retry never stores it twice) and logged with its recipient and subject.
 */
export class MailboxMailer implements Mailer {
  readonly name = 'mailbox';
  readonly #store: LeadStore;
  readonly #log: (line: string) => void;

  constructor(store: LeadStore, log: (line: string) => void = logLine) {
    this.#store = store;
    this.#log = log;
  }

  async send(email: OutboundEmail, { outboxId }: SendContext): Promise<SendOutcome> {
    const row = await this.#store.write((trx) =>
      trx
        .insertInto('mailbox')
        .values({
          outbox_id: outboxId,
          from_address: email.from,
          to_address: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: JSON.stringify(email.headers),
          created_at: Date.now(),
        })
        .onConflict((conflict) => conflict.column('outbox_id').doNothing())
        .returning('id')
        .executeTakeFirst(),
    );
    // The message, not its address: no log line names a person.
    if (row) this.#log(`[mailbox] message #${row.id} stored for outbox row #${outboxId}`);
    return { ok: true, providerId: `mailbox-${outboxId}` };
  }
}
