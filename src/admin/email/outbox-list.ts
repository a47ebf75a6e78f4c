import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { OutboxStatus } from '../../outbox/outbox-status.ts';

/** The states the Email view filters by: the outbox's own. */
export const OUTBOX_STATES = Object.values(OutboxStatus);

export interface OutboxPageQuery {
  /** One state, or every state when undefined. */
  state?: string;
  /** Keyset: rows older (smaller id) than this one. */
  before?: number;
  limit?: number;
}

/** One row as the Email view lists it. */
export interface OutboxListRow {
  id: number;
  kind: string;
  template: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  lead_id: number | null;
  lead_email: string | null;
  /** The local mailbox's copy, when the mailbox sent it. */
  mailbox_id: number | null;
}

/** A page of the outbox, newest first, and the id to continue from when there is more. */
export async function listOutbox(
  db: Kysely<Database>,
  { state, before, limit = 50 }: OutboxPageQuery,
): Promise<{ rows: OutboxListRow[]; next?: number }> {
  let query = db
    .selectFrom('outbox')
    .leftJoin('leads', 'leads.id', 'outbox.lead_id')
    .leftJoin('mailbox', 'mailbox.outbox_id', 'outbox.id')
    .select([
      'outbox.id',
      'outbox.kind',
      'outbox.template',
      'outbox.status',
      'outbox.attempts',
      'outbox.last_error',
      'outbox.next_attempt_at',
      'outbox.created_at',
      'outbox.sent_at',
      'outbox.lead_id',
      'leads.email as lead_email',
      'mailbox.id as mailbox_id',
    ])
    .orderBy('outbox.id', 'desc')
    .limit(limit + 1);
  if (state) query = query.where('outbox.status', '=', state);
  if (before !== undefined) query = query.where('outbox.id', '<', before);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return rows.length > limit ? { rows: page, next: page.at(-1)!.id } : { rows: page };
}

/** How many rows each state holds, for the filter's labels. */
export async function outboxCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const counts = await db
    .selectFrom('outbox')
    .select(['status', db.fn.countAll<string | number>().as('count')])
    .groupBy('status')
    .execute();
  return new Map(counts.map((entry) => [entry.status, Number(entry.count)]));
}
