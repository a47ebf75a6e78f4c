import { sql } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import { migrations } from '../db/migrate.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';

/** What `GET /readyz` checks, each `ok` or `failing`: names only, never an error's text. */
export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; migrations: CheckResult; outbox: CheckResult };
}

export type CheckResult = 'ok' | 'failing';

export interface ReadinessOptions {
  now: number;
  /** An outbox row due longer than this means no sender is emptying the outbox. */
  outboxStuckAfterMs: number;
  /** A database slower than this to answer counts as down. */
  timeoutMs?: number;
}

/**
 * Whether this instance should take traffic: the database answers, every migration this code
 * knows has been applied (a new instance beside an old schema, or the reverse, is not ready), and
 * the oldest due outbox row is younger than the threshold. Three small indexed queries, so a load
 * balancer may ask every few seconds.
 */
export async function checkReadiness(store: LeadStore, { now, outboxStuckAfterMs, timeoutMs = 2_000 }: ReadinessOptions): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'failing', migrations: 'failing', outbox: 'failing' };
  try {
    await withTimeout(
      (async () => {
        const applied = await appliedMigrations(store);
        checks.database = 'ok';
        const known = Object.keys(migrations(store));
        if (known.every((name) => applied.has(name))) checks.migrations = 'ok';
        const age = await oldestDueAge(store, now);
        if (age === undefined || age < outboxStuckAfterMs) checks.outbox = 'ok';
      })(),
      timeoutMs,
    );
  } catch {
    // Whatever failed stays `failing`; the reason is not the caller's business (and may hold paths or versions).
  }
  return { ready: Object.values(checks).every((check) => check === 'ok'), checks };
}

async function appliedMigrations(store: LeadStore): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
  return new Set(rows.map((row) => row.name));
}

/**
 * How long the oldest due row of the outbox has waited, in milliseconds; undefined when none is
 * due. A pending row is due from `next_attempt_at`; a row whose sender's claim lapsed, from
 * `locked_until`. Both are on the `outbox_due` index (status, next_attempt_at).
 */
export async function oldestDueAge(store: LeadStore, now: number): Promise<number | undefined> {
  const pending = await store.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('since'))
    .where('status', '=', OutboxStatus.Pending)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  const lapsed = await store.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('locked_until').as('since'))
    .where('status', '=', OutboxStatus.Sending)
    .where('locked_until', '<', now)
    .executeTakeFirst();
  const since = [pending?.since, lapsed?.since].filter((value): value is number => value !== null && value !== undefined).map(Number);
  return since.length ? now - Math.min(...since) : undefined;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
