import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs units of write work that arrive together in one SQLite transaction, each inside its own
 * savepoint, and settles them only after the shared COMMIT has reached the disk. A unit that fails
 * is rolled back to its savepoint alone. With `synchronous=FULL` every commit costs a disk sync;
 * sharing one among the signups of the same moment is what lets one SQLite file keep up with many
 * concurrent writers, without acknowledging anything before it is durable.
 */
export class GroupCommit {
  readonly #db: Kysely<Database>;
  #queue: Pending[] = [];
  #flushing = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (const item of batch) {
            await sql`savepoint unit`.execute(trx);
            try {
              outcomes.push({ ok: true, value: await item.work(trx) });
              await sql`release savepoint unit`.execute(trx);
            } catch (error) {
              await sql`rollback to savepoint unit`.execute(trx);
              await sql`release savepoint unit`.execute(trx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    }
    this.#flushing = false;
  }
}
