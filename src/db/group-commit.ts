import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  /** Settle only once the commit is on disk (else at commit: counters whose loss harms nothing). */
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Compiled once: these run twice per unit, and building them through Kysely each time is most of their cost.
const SAVEPOINT = CompiledQuery.raw('savepoint unit');
const RELEASE = CompiledQuery.raw('release savepoint unit');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint unit');

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs units of write work that arrive together in one SQLite transaction, each inside its own
 * savepoint, and settles each unit only after the shared COMMIT has reached the disk. A unit that
 * fails is rolled back to its savepoint alone.
 *
 * The commit itself does not wait for the disk (`synchronous=NORMAL`); `durable()` does, off the
 * event loop, and meanwhile the next batch is already being written. So the disk is synced about
 * once per batch, every request goes on being served while it is, and nothing is acknowledged
 * before it would survive a power cut.
 */
export class GroupCommit {
  readonly #db: Kysely<Database>;
  readonly #durable: () => Promise<void>;
  #queue: Pending[] = [];
  #flushing = false;

  /** `durable` resolves once every commit made before the call is on disk. */
  constructor(db: Kysely<Database>, durable: () => Promise<void>) {
    this.#db = db;
    this.#durable = durable;
  }

  run<T>(work: Work<T>, options: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work: work as Work<unknown>, durable: options.durable ?? true, resolve: resolve as (value: unknown) => void, reject });
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
      const outcomes: Outcome[] = [];
      try {
        await this.#db.transaction().execute(async (trx) => {
          for (const item of batch) {
            await trx.executeQuery(SAVEPOINT);
            try {
              outcomes.push({ ok: true, value: await item.work(trx) });
              await trx.executeQuery(RELEASE);
            } catch (error) {
              await trx.executeQuery(ROLLBACK);
              await trx.executeQuery(RELEASE);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      const waiting: Pending[] = [];
      const values: unknown[] = [];
      batch.forEach((item, index) => {
        const outcome = outcomes[index]!;
        if (!outcome.ok) item.reject(outcome.error);
        else if (!item.durable) item.resolve(outcome.value);
        else {
          waiting.push(item);
          values.push(outcome.value);
        }
      });
      if (waiting.length === 0) continue;
      // Not awaited: the next batch is written while this one's sync runs.
      this.#durable().then(
        () => waiting.forEach((item, index) => item.resolve(values[index])),
        (error) => waiting.forEach((item) => item.reject(error)),
      );
    }
    this.#flushing = false;
  }
}
