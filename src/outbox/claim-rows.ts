import { expressionBuilder } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import { claimLeased } from '../db/lease-claim.ts';
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
 * Takes due rows of one kind (and rows whose claim lapsed), so two senders never take the same row;
 * with them, the other rows of any request they were sent in, so that request is made once. Each
 * claimed row counts one more attempt.
 */
export function claimDueRows(store: LeadStore, { kind, now, batchSize, leaseMs }: ClaimOptions): Promise<OutboxRow[]> {
  const eb = expressionBuilder<Database, 'outbox'>();
  return store.write((trx) =>
    claimLeased(trx, store.engine, {
      table: 'outbox',
      waiting: OutboxStatus.Pending,
      claimed: OutboxStatus.Sending,
      now,
      batchSize,
      leaseMs,
      only: eb('kind', '=', kind),
      // The request's other rows come along even if their backoff ends a little later: one request, made once.
      alongWith: (rows) => {
        const attemptIds = [...new Set(rows.flatMap((row) => (row.attempt_id === null ? [] : [row.attempt_id])))];
        return attemptIds.length ? eb('attempt_id', 'in', attemptIds) : undefined;
      },
    }),
  );
}
