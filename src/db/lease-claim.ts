import type { Expression, ExpressionBuilder, Generated, Selectable, SqlBool, Transaction } from 'kysely';
import type { Engine } from './database-url.ts';
import type { Database } from './schema.ts';

/** The columns a row worked under a lease has: its state, when it is due, when its claim ends, how often it was tried. */
interface LeaseColumns {
  id: Generated<number>;
  status: string;
  next_attempt_at: number;
  locked_until: number | null;
  attempts: number | Generated<number>;
}

/** The tables whose rows are claimed under a lease (the outbox, ad_leads): those with a lease's columns. */
export type LeasedTable = { [T in keyof Database]: Database[T] extends LeaseColumns ? T : never }[keyof Database];

/** The leased tables seen through their lease columns only. */
type LeasedView = Record<LeasedTable, LeaseColumns>;
type LeasedBuilder = ExpressionBuilder<LeasedView, LeasedTable>;

export interface LeaseClaim<T extends LeasedTable> {
  table: T;
  /** The status of a row waiting until `next_attempt_at`. */
  waiting: string;
  /** The status of a claimed row, until `locked_until`. */
  claimed: string;
  now: number;
  /** How many rows one claim takes. */
  batchSize: number;
  /** How long the claim lasts before another worker may take the rows over. */
  leaseMs: number;
  /** Narrows the rows to claim (the outbox: one kind); build it with `expressionBuilder<Database, T>()`. */
  only?: Expression<SqlBool>;
  /**
   * Other rows to claim with the ones taken, waiting or lapsed even if not yet due (the outbox: the
   * rest of a request they were sent in, so that request is made once); undefined for none.
   */
  alongWith?: (rows: Selectable<Database[T]>[]) => Expression<SqlBool> | undefined;
}

/**
 * Claims due rows (and rows whose claim lapsed), oldest first, for one worker: on PostgreSQL the
 * rows picked are locked and other workers skip them, on SQLite the write lock does the same, so two
 * workers never take the same row. Each claimed row counts one more attempt. Run it in a write.
 */
export async function claimLeased<T extends LeasedTable>(
  trx: Transaction<Database>,
  engine: Engine,
  claim: LeaseClaim<T>,
): Promise<Selectable<Database[T]>[]> {
  const { waiting, claimed, now } = claim;
  // Every leased table has these columns, so each is queried through them alike; what comes back is a whole row of T.
  const leased = trx as unknown as Transaction<LeasedView>;
  const table: LeasedTable = claim.table;
  const lapsed = (eb: LeasedBuilder) => eb.and([eb('status', '=', claimed), eb('locked_until', '<', now)]);
  const lease = (which: (eb: LeasedBuilder) => Expression<SqlBool>) =>
    leased
      .updateTable(table)
      .set((eb) => ({ status: claimed, locked_until: now + claim.leaseMs, attempts: eb('attempts', '+', 1) }))
      .where(which)
      .returningAll()
      .execute() as Promise<Selectable<Database[T]>[]>;

  let due = leased
    .selectFrom(table)
    .select('id')
    .where((eb) => eb.or([eb.and([eb('status', '=', waiting), eb('next_attempt_at', '<=', now)]), lapsed(eb)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(claim.batchSize);
  if (claim.only) due = due.where(claim.only);
  if (engine === 'postgres') due = due.forUpdate().skipLocked();
  const picked = await due.execute();
  if (picked.length === 0) return [];
  // Two statements, each on an index: one that picked and updated in one went through the whole table.
  // The picked rows cannot change in between: SQLite holds the write lock, PostgreSQL the row locks.
  const rows = await lease((eb) =>
    eb(
      'id',
      'in',
      picked.map((row) => row.id),
    ),
  );
  const along = claim.alongWith?.(rows);
  return along ? [...rows, ...(await lease((eb) => eb.and([along, eb.or([eb('status', '=', waiting), lapsed(eb)])])))] : rows;
}
