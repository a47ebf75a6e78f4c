/**
 * `npm run email:send-test -- <sequence>/<step> <address>`: renders one nurture step with sample
 * data and sends it for real, through Resend when RESEND_API_KEY is set, else to the local mailbox.
 * It goes through the outbox like any email, to a test lead for that address.
 */
import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '../leads/email-address.ts';
import { LeadStatus } from '../leads/lead-status.ts';
import { stepTemplate } from '../nurture/sequences.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';
import { startRuntime } from '../server/runtime.ts';

const [path, address] = process.argv.slice(2);
const [sequenceSlug, stepId] = (path ?? '').split('/');
const checked = normalizeEmail(address ?? '');
if (!sequenceSlug || !stepId || !checked.ok) {
  console.error('usage: npm run email:send-test -- <sequence>/<step> <address>   e.g. welcome/01-one-number you@example.com');
  process.exit(2);
}

const runtime = await startRuntime(process.env, console.log, { sender: 'manual' });
try {
  const sequence = runtime.sequences.get(sequenceSlug);
  if (!sequence?.steps.some((step) => step.id === stepId)) {
    throw new Error(
      `no step "${path}"; steps: ${[...runtime.sequences.values()].flatMap((s) => s.steps.map((step) => `${s.slug}/${step.id}`)).join(', ')}`,
    );
  }
  const magnet = runtime.magnets.list.find((candidate) => candidate.data.sequence === sequence.slug)?.slug;
  const now = Date.now();
  const outboxId = await runtime.store.write(async (trx) => {
    await trx
      .insertInto('leads')
      .values({ email: checked.address, name: null, status: LeadStatus.New, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .execute();
    const lead = await trx.selectFrom('leads').select(['id', 'name']).where('email', '=', checked.address).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('outbox')
      .values({
        kind: 'email',
        lead_id: lead.id,
        template: stepTemplate(sequence.slug, stepId),
        payload: JSON.stringify({ to: checked.address, name: lead.name ?? 'Sam', leadId: lead.id, magnet, sequence: sequence.slug, step: stepId }),
        idempotency_key: `test:${randomUUID()}`,
        status: OutboxStatus.Pending,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  await runtime.sender.drain();
  // A running server's sender may have claimed the row first: wait for whoever sends it to settle it.
  const settled = Date.now() + 30_000;
  let row = await runtime.store.db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', outboxId).executeTakeFirstOrThrow();
  while ((row.status === OutboxStatus.Pending || row.status === OutboxStatus.Sending) && Date.now() < settled) {
    await new Promise((done) => setTimeout(done, 100));
    row = await runtime.store.db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', outboxId).executeTakeFirstOrThrow();
  }
  if (row.status !== OutboxStatus.Sent) throw new Error(`not sent (${row.status}): ${row.last_error ?? 'no reason recorded'}`);
  console.log(`sent ${path} to ${checked.address} through ${runtime.mailer.name}`);
} catch (error) {
  console.error(`email:send-test: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await runtime.close();
}
