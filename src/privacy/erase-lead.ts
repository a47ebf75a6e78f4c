import { sql, type Transaction } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { OutboxKind } from '../outbox/outbox-kind.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';
import type { OutboundEmail } from '../email/mailer.ts';
import { findLead, type LeadRef } from './lead-ref.ts';

export type EraseResult =
  | { status: 'erased'; /** CRM hand-offs already delivered: the CRM holds a copy this cannot reach. */ crmDeliveries: number }
  | { status: 'not-found' };

export interface EraseOptions {
  reason?: string;
  clock?: () => number;
  /** How long to wait for an email to the lead that is being handed to the provider right now. */
  waitMs?: number;
}

/**
 * Erases a lead on request: the lead, its touches, answers, downloads, page views, status history,
 * email events, its outbox rows (unsent ones too, CRM webhooks included: nothing more leaves for
 * it), its local mailbox messages, and its emails inside stored provider requests; records that an
 * erasure happened, without who. Anonymous counts (page views per day, variant assignments) stay.
 * An email already being handed to the provider is waited for, never cut off: once this returns,
 * nothing more is sent to the address. A later signup from it is a new lead.
 */
export async function eraseLead(
  store: LeadStore,
  ref: LeadRef,
  { reason, clock = Date.now, waitMs = 45_000 }: EraseOptions = {},
): Promise<EraseResult> {
  const deadline = clock() + waitMs;
  for (;;) {
    const result = await store.write((trx) => eraseOnce(trx, store.engine, ref, clock(), reason));
    if (result !== 'busy') return result;
    if (clock() > deadline) throw new Error('an email to this lead is being sent right now; try again in a minute');
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function eraseOnce(
  trx: Transaction<Database>,
  engine: LeadStore['engine'],
  ref: LeadRef,
  now: number,
  reason: string | undefined,
): Promise<EraseResult | 'busy'> {
  const lead = await findLead(trx, ref);
  if (!lead) return { status: 'not-found' };
  // Rows addressed to the lead without naming it (none today) are found by the address in their payload.
  const quoted = JSON.stringify(lead.email);
  const contains = engine === 'postgres' ? sql<boolean>`strpos(payload, ${quoted}) > 0` : sql<boolean>`instr(payload, ${quoted}) > 0`;
  let mine = trx
    .selectFrom('outbox')
    .select(['id', 'kind', 'status', 'attempt_id', 'locked_until'])
    .where((eb) => eb.or([eb('lead_id', '=', lead.id), eb.and([eb('lead_id', 'is', null), contains])]));
  // Locks the lead's rows: a sender recording a request for one of them waits for this, then finds it gone.
  if (engine === 'postgres') mine = mine.forUpdate();
  const rows = await mine.execute();
  const rowIds = rows.map((row) => row.id);
  const attemptIds = [...new Set(rows.flatMap((row) => (row.attempt_id === null ? [] : [row.attempt_id])))];
  // A request under way to the provider (its rows claimed with a live lease) may carry the lead's email: let it finish.
  const inFlight = await trx
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', OutboxStatus.Sending)
    .where('locked_until', '>=', now)
    .where((eb) => eb.or([eb.and([eb('id', 'in', [0, ...rowIds]), eb('attempt_id', 'is not', null)]), eb('attempt_id', 'in', [0, ...attemptIds])]))
    .executeTakeFirst();
  if (inFlight) return 'busy';

  const crmDeliveries = rows.filter((row) => row.kind === OutboxKind.Webhook && row.status === OutboxStatus.Sent).length;
  const erasedRows = new Set(rowIds);
  for (const attemptId of attemptIds) {
    const attempt = await trx.selectFrom('send_attempts').select(['emails', 'outbox_ids']).where('id', '=', attemptId).executeTakeFirst();
    if (!attempt) continue;
    const emails = JSON.parse(attempt.emails) as OutboundEmail[];
    const outboxIds = JSON.parse(attempt.outbox_ids) as number[];
    const kept = outboxIds.flatMap((id, index) => (erasedRows.has(id) ? [] : [index]));
    if (kept.length === 0) {
      await trx.deleteFrom('send_attempts').where('id', '=', attemptId).execute();
      continue;
    }
    // A batch shared with other leads keeps their emails under its key: if the provider took the
    // first request, the repeat (now other bytes) is answered as a replay; if not, it sends theirs alone.
    await trx
      .updateTable('send_attempts')
      .set({ emails: JSON.stringify(kept.map((index) => emails[index])), outbox_ids: JSON.stringify(kept.map((index) => outboxIds[index])) })
      .where('id', '=', attemptId)
      .execute();
  }
  const byLead = [lead.id];
  await trx
    .deleteFrom('mailbox')
    .where((eb) => eb.or([eb('outbox_id', 'in', [0, ...rowIds]), eb('to_address', '=', lead.email)]))
    .execute();
  await trx
    .deleteFrom('email_events')
    .where((eb) => eb.or([eb('lead_id', 'in', byLead), eb('outbox_id', 'in', [0, ...rowIds])]))
    .execute();
  if (rowIds.length) await trx.deleteFrom('outbox').where('id', 'in', rowIds).execute();
  for (const table of ['touches', 'downloads', 'page_views', 'qualification_changes'] as const) {
    await trx.deleteFrom(table).where('lead_id', 'in', byLead).execute();
  }
  await trx.deleteFrom('leads').where('id', '=', lead.id).execute();
  await trx
    .insertInto('erasures')
    .values({ erased_at: now, reason: reason?.trim() || null })
    .execute();
  return { status: 'erased', crmDeliveries };
}
