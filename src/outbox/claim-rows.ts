import type { ExpressionBuilder } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { OutboxKind } from './outbox-kind.ts';
import { OutboxStatus } from './outbox-status.ts';
import type { OutboxRow } from './send-attempts.ts';

export interface ClaimOptions {
  kind: OutboxKind;
  now: number;
  /** How many rows one claim takes. */
  batchSize: number;
  /** How long the claim lasts before another sender may take the rows over. */
  leaseMs: number;
}

/**
 * Takes due rows of one kind (and rows whose claim lapsed) in one statement, so two senders never
 * take the same row; with them, the other rows of any request they were sent in, so that request
 * is made once. Each claimed row counts one more attempt.
 */
export function claimDueRows(store: LeadStore, { kind, now, batchSize, leaseMs }: ClaimOptions): Promise<OutboxRow[]> {
  return store.write(async (trx) => {
    const expired = (eb: ExpressionBuilder<Database, 'outbox'>) => eb.and([eb('status', '=', OutboxStatus.Sending), eb('locked_until', '<', now)]);
    let due = trx
      .selectFrom('outbox')
      .select(['id', 'attempt_id'])
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb.and([eb('status', '=', OutboxStatus.Pending), eb('next_attempt_at', '<=', now)]), expired(eb)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batchSize);
    if (store.engine === 'postgres') due = due.forUpdate().skipLocked();
    const picked = await due.execute();
    if (picked.length === 0) return [];
    const attemptIds = [...new Set(picked.flatMap((row) => (row.attempt_id === null ? [] : [row.attempt_id])))];
    // Two statements, each on an index: one that picked and updated in one went through the whole table.
    // The picked rows cannot change in between: SQLite holds the write lock, PostgreSQL the row locks.
    return trx
      .updateTable('outbox')
      .set((eb) => ({ status: OutboxStatus.Sending, locked_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
      .where((eb) =>
        eb.or([
          eb(
            'id',
            'in',
            picked.map((row) => row.id),
          ),
          // The request's other rows come along even if their backoff ends a little later: one request, made once.
          ...(attemptIds.length ? [eb.and([eb('attempt_id', 'in', attemptIds), eb.or([eb('status', '=', OutboxStatus.Pending), expired(eb)])])] : []),
        ]),
      )
      .returningAll()
      .execute();
  });
}
