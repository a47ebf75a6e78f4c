import { describe, expect, it } from 'vitest';
import { MailboxMailer } from '../../src/email/mailbox-mailer.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

describe.each(engines)('MailboxMailer on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  const log: string[] = [];

  it('stores a message once and logs it by number, never its recipient, even when the send is repeated', async () => {
    const parsed = parseSignup({ email: 'local@example.com', consent: true });
    if (!parsed.ok) throw new Error('invalid');
    const { outboxId } = await captureLead(useStore(), parsed.input, { form: newsletterForm, userAgent: undefined, now: Date.now() });
    const mailer = new MailboxMailer(useStore(), (line) => log.push(line));
    const email = { from: 'Lodestone <hello@example.com>', to: 'local@example.com', subject: 'Welcome', html: '<p>Hi</p>', text: 'Hi', headers: {} };

    const first = await mailer.send(email, { idempotencyKey: 'k', outboxId: outboxId! });
    const again = await mailer.send(email, { idempotencyKey: 'k', outboxId: outboxId! });

    expect(first).toEqual({ ok: true, providerId: `mailbox-${outboxId}` });
    expect(again).toEqual(first);
    const stored = await useStore().db.selectFrom('mailbox').selectAll().where('outbox_id', '=', outboxId!).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ to_address: 'local@example.com', subject: 'Welcome', text: 'Hi' });
    expect(log).toEqual([`[mailbox] message #${stored[0]!.id} stored for outbox row #${outboxId}`]);
  });
});
