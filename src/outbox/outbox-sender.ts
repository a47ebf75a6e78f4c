import type { Selectable } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { OutboxTable } from '../db/schema.ts';
import type { Mailer } from '../email/mailer.ts';
import { renderEmail, type EmailPayload, type MagnetInfo } from '../email/render.ts';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './backoff.ts';
import { OutboxStatus } from './outbox-status.ts';

type OutboxRow = Selectable<OutboxTable>;

export interface OutboxSenderOptions {
  store: LeadStore;
  mailer: Mailer;
  from: string;
  siteUrl: URL;
  /** Signs the links emails carry. */
  secret: string;
  /** The magnets emails can deliver, by slug. */
  magnets: ReadonlyMap<string, MagnetInfo>;
  retry?: RetryPolicy;
  /** How many rows one claim takes. */
  batchSize?: number;
  /** How long a claim lasts before another sender may take the row over; longer than a send can take. */
  leaseMs?: number;
  /** Sends in flight at once: enough to keep up, few enough not to starve the server's own requests. */
  concurrency?: number;
  /** Idle poll interval: catches rows queued by other processes and retries that come due. */
  pollMs?: number;
  clock?: () => number;
  log?: (line: string) => void;
}

/**
 * Sends what the outbox holds. `wake()` after a commit makes it send at once; otherwise it polls.
 * Rows are claimed with a lease (and `FOR UPDATE SKIP LOCKED` on PostgreSQL), so several senders
 * can run against one database and a row is handed to the mailer by one of them at a time.
 */
export class OutboxSender {
  readonly #options: Required<Omit<OutboxSenderOptions, 'retry'>> & { retry: RetryPolicy };
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #stopped = true;
  #again = false;
  #idle: Promise<void> = Promise.resolve();

  constructor(options: OutboxSenderOptions) {
    this.#options = {
      retry: DEFAULT_RETRY_POLICY,
      // A claim must outlive its slowest batch: 16 rows, 8 at a time, each send cut off after
      // SEND_TIMEOUT_MS (10 s), is at most 20 s, inside the 30 s lease.
      batchSize: 16,
      concurrency: 8,
      leaseMs: 30_000,
      pollMs: 1_000,
      clock: Date.now,
      log: console.log,
      ...options,
    };
  }

  start(): void {
    this.#stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#idle;
  }

  /** Send due rows now (called right after a signup commits). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = true;
    this.#idle = this.#loop().finally(() => {
      this.#running = false;
      if (!this.#stopped) this.#timer = setTimeout(() => this.wake(), this.#options.pollMs);
    });
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        while ((await this.runOnce()) > 0 && !this.#stopped);
      } catch (error) {
        this.#options.log(`[outbox] ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.#again && !this.#stopped);
  }

  /** Claims and sends one batch of due rows; returns how many were claimed. */
  async runOnce(now = this.#options.clock()): Promise<number> {
    const rows = await this.#claim(now);
    if (rows.length === 0) return 0;
    const results = await mapWithConcurrency(rows, this.#options.concurrency, (row) => this.#deliver(row));
    // One write for the whole batch (on SQLite shared with the signups of the moment): one disk sync, not one per email.
    await this.#options.store.write(async (trx) => {
      for (const { id, values } of results) {
        await trx
          .updateTable('outbox')
          .set({ locked_until: null, ...values })
          .where('id', '=', id)
          .where('status', '=', OutboxStatus.Sending)
          .execute();
      }
    });
    return rows.length;
  }

  /** Takes due rows (and rows whose claim lapsed) in one statement, so two senders never take the same row. */
  async #claim(now: number): Promise<OutboxRow[]> {
    const { store, batchSize, leaseMs } = this.#options;
    return store.write(async (trx) => {
      let due = trx
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'email')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', OutboxStatus.Pending), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', OutboxStatus.Sending), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(batchSize);
      if (store.engine === 'postgres') due = due.forUpdate().skipLocked();
      return trx
        .updateTable('outbox')
        .set((eb) => ({ status: OutboxStatus.Sending, locked_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', due)
        .returningAll()
        .execute();
    });
  }

  async #deliver(row: OutboxRow): Promise<{ id: number; values: Partial<OutboxRow> }> {
    const { mailer, from, siteUrl, secret, magnets, retry, clock, log } = this.#options;
    let outcome;
    try {
      const payload = JSON.parse(row.payload) as EmailPayload;
      const rendered = renderEmail(row.template, payload, { siteUrl, secret, magnets, now: clock() });
      outcome = await mailer.send(
        { from, to: payload.to, subject: rendered.subject, html: rendered.html, text: rendered.text, headers: {} },
        { idempotencyKey: row.idempotency_key, outboxId: row.id },
      );
    } catch (error) {
      outcome = { ok: false as const, retryable: false, error: `render: ${error instanceof Error ? error.message : String(error)}` };
    }

    if (outcome.ok) {
      return { id: row.id, values: { status: OutboxStatus.Sent, sent_at: clock(), provider_id: outcome.providerId, last_error: null } };
    }
    if (outcome.retryable && row.attempts < retry.maxAttempts) {
      const delay = retryDelay(row.attempts, retry, outcome.retryAfterMs);
      log(`[outbox] ${row.template} #${row.id} will retry in ${Math.round(delay / 1000)}s: ${outcome.error}`);
      return { id: row.id, values: { status: OutboxStatus.Pending, next_attempt_at: clock() + delay, last_error: outcome.error } };
    }
    log(`[outbox] ${row.template} #${row.id} failed: ${outcome.error}`);
    return { id: row.id, values: { status: OutboxStatus.Failed, last_error: outcome.error } };
  }
}

/** Like Promise.all over `items`, with at most `limit` calls of `task` running at once; results keep their order. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
