import { sql } from 'kysely';
import type { RateLimit } from '../config/rate-limit.ts';
import type { LeadStore } from '../db/database.ts';

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request for `key` in its window, in the database, so the limit holds across every
 * server instance sharing a PostgreSQL database. A window opens at a key's first request and lasts
 * `windowMs`, so no clock boundary resets everybody's count at once.
 */
export async function hitRateLimit(store: LeadStore, key: string, limit: RateLimit, now: number): Promise<RateVerdict> {
  const open = now - limit.windowMs;
  // A count lost in a power cut lets one more request through: not worth a disk sync per request.
  const row = await store.write(
    (trx) =>
      trx
        .insertInto('rate_limits')
        .values({ key, window_start: now, count: 1 })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            count: sql`case when rate_limits.window_start > ${open} then rate_limits.count + 1 else 1 end`,
            window_start: sql`case when rate_limits.window_start > ${open} then rate_limits.window_start else ${now} end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow(),
    { durable: false },
  );
  if (row.count <= limit.max) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + limit.windowMs - now) / 1000)) };
}

/** Takes back one counted request of `key`, for a request that turned out to cost nothing (the admin's right password). */
export async function forgiveRateLimitHit(store: LeadStore, key: string): Promise<void> {
  await store.write(
    (trx) =>
      trx
        .updateTable('rate_limits')
        .set({ count: sql`count - 1` })
        .where('key', '=', key)
        .where('count', '>', 0)
        .execute(),
    {
      durable: false,
    },
  );
}

/** Drops counters whose window has closed; with `scope`, only that scope's (each scope has its own window). */
export async function pruneRateLimits(store: LeadStore, now: number, windowMs: number, scope?: RateLimitScope): Promise<void> {
  await store.write(
    async (trx) => {
      let query = trx.deleteFrom('rate_limits').where('window_start', '<=', now - windowMs);
      if (scope) query = query.where('key', 'like', `${scope}:%`);
      await query.execute();
    },
    { durable: false },
  );
}

/** What a limit counts: signups, or wrong admin passwords. */
export type RateLimitScope = 'signup' | 'admin';

/** The rate-limit key for a client address; IPv4-mapped IPv6 is folded to IPv4. */
export function clientKey(address: string, scope: RateLimitScope = 'signup'): string {
  return `${scope}:${address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')}`;
}
