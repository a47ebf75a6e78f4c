import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { OutboxTable } from '../db/schema.ts';
import type { OutboundEmail } from '../email/mailer.ts';
import { OutboxStatus } from './outbox-status.ts';

export type OutboxRow = Selectable<OutboxTable>;

/**
 * How long a stored request may be repeated under its key. Resend remembers a key for 24 hours;
 * past that a repeat would be a new email, so an attempt that old is rendered and keyed anew.
 */
export const KEY_WINDOW_MS = 23 * 60 * 60_000;

/** One request to the provider, exactly as it was (or is about to be) made. */
export interface SendAttempt {
  id: number;
  idempotencyKey: string;
  /** The emails in request order; `outboxIds[i]` is the row of `emails[i]`. */
  emails: OutboundEmail[];
  outboxIds: number[];
  createdAt: number;
}

/** A request not yet stored: the rendered emails of some claimed rows. */
export interface AttemptDraft {
  rows: readonly OutboxRow[];
  emails: readonly OutboundEmail[];
}

/**
 * A key unique to one request. Never derived from the rows alone: the same rows sent again after a
 * definite refusal are a new request, and a key the provider saw with other bytes is refused.
 */
export function newAttemptKey(rows: readonly OutboxRow[]): string {
  return rows.length === 1 ? `${rows[0]!.idempotency_key}/${randomUUID()}` : `batch/${randomUUID()}`;
}

/** Whether a stored request may still be repeated as it is. */
export function isReplayable(attempt: SendAttempt, now: number): boolean {
  return now - attempt.createdAt < KEY_WINDOW_MS;
}

/**
 * Stores each request and ties its rows to it, in one durable write, before any of them is made:
 * whatever happens to the call, a retry finds the same key, bytes and members on disk.
 */
export async function recordAttempts(store: LeadStore, drafts: readonly AttemptDraft[], now: number): Promise<SendAttempt[]> {
  if (drafts.length === 0) return [];
  return store.write(async (trx) => {
    // Rows erased since they were claimed are left out: their emails are never requested. On
    // PostgreSQL the rows are locked until the commit, so an erasure waits for it and then sees them in flight.
    let held = trx
      .selectFrom('outbox')
      .select('id')
      .where(
        'id',
        'in',
        drafts.flatMap((draft) => draft.rows.map((row) => row.id)),
      )
      .where('status', '=', OutboxStatus.Sending);
    if (store.engine === 'postgres') held = held.forUpdate();
    const still = new Set((await held.execute()).map((row) => row.id));
    const attempts: SendAttempt[] = [];
    for (const whole of drafts) {
      const kept = whole.rows.flatMap((row, index) => (still.has(row.id) ? [index] : []));
      if (kept.length === 0) continue;
      const draft = { rows: kept.map((index) => whole.rows[index]!), emails: kept.map((index) => whole.emails[index]!) };
      const idempotencyKey = newAttemptKey(draft.rows);
      const outboxIds = draft.rows.map((row) => row.id);
      const { id } = await trx
        .insertInto('send_attempts')
        .values({ idempotency_key: idempotencyKey, emails: JSON.stringify(draft.emails), outbox_ids: JSON.stringify(outboxIds), created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('outbox').set({ attempt_id: id }).where('id', 'in', outboxIds).where('status', '=', OutboxStatus.Sending).execute();
      attempts.push({ id, idempotencyKey, emails: [...draft.emails], outboxIds, createdAt: now });
    }
    return attempts;
  });
}

/** The stored requests that carry these rows, by id. */
export async function loadAttempts(store: LeadStore, rows: readonly OutboxRow[]): Promise<Map<number, SendAttempt>> {
  const ids = [...new Set(rows.map((row) => row.attempt_id).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const stored = await store.db.selectFrom('send_attempts').selectAll().where('id', 'in', ids).execute();
  return new Map(
    stored.map((attempt) => [
      attempt.id,
      {
        id: attempt.id,
        idempotencyKey: attempt.idempotency_key,
        emails: JSON.parse(attempt.emails) as OutboundEmail[],
        outboxIds: JSON.parse(attempt.outbox_ids) as number[],
        createdAt: attempt.created_at,
      },
    ]),
  );
}
