import { sql } from 'kysely';
import type { RateLimit } from '../config/rate-limit.ts';
import type { LeadStore } from '../db/database.ts';

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Hit {
  key: string;
  limit: RateLimit;
  now: number;
  resolve: (verdict: RateVerdict) => void;
  reject: (error: unknown) => void;
}

const pending = new WeakMap<LeadStore, Hit[]>();

/**
 * Counts one request for `key` in its window, in the database, so the limit holds across every
 * server instance sharing a PostgreSQL database. A window opens at a key's first request and lasts
 * `windowMs`, so no clock boundary resets everybody's count at once. The requests of one moment are
 * counted together, one statement for all their keys.
 */
export function hitRateLimit(store: LeadStore, key: string, limit: RateLimit, now: number): Promise<RateVerdict> {
  return new Promise((resolve, reject) => {
    let hits = pending.get(store);
    if (!hits) {
      pending.set(store, (hits = []));
      setImmediate(() => {
        pending.delete(store);
        void countHits(store, hits!);
      });
    }
    hits.push({ key, limit, now, resolve, reject });
  });
}

/** One upsert per window length (one, unless admin logins come too) for every key of the moment; each request then learns its place in its key's count. */
async function countHits(store: LeadStore, hits: Hit[]): Promise<void> {
  const byWindow = new Map<number, Map<string, Hit[]>>();
  for (const hit of hits) {
    const byKey = byWindow.get(hit.limit.windowMs) ?? new Map<string, Hit[]>();
    byWindow.set(hit.limit.windowMs, byKey);
    const keyHits = byKey.get(hit.key);
    if (keyHits) keyHits.push(hit);
    else byKey.set(hit.key, [hit]);
  }
  let counted: { key: string; count: number; window_start: number }[];
  try {
    // A count lost in a power cut lets one more request through: not worth a disk sync.
    counted = await store.write(
      async (trx) => {
        const rows = [];
        for (const [windowMs, byKey] of byWindow) {
          const open = sql`excluded.window_start - ${windowMs}`;
          rows.push(
            ...(await trx
              .insertInto('rate_limits')
              .values([...byKey].map(([key, keyHits]) => ({ key, window_start: Math.max(...keyHits.map((hit) => hit.now)), count: keyHits.length })))
              .onConflict((conflict) =>
                conflict.column('key').doUpdateSet({
                  // A window still open when these requests came adds them; a closed one starts again with them.
                  count: sql`case when rate_limits.window_start > ${open} then rate_limits.count + excluded.count else excluded.count end`,
                  window_start: sql`case when rate_limits.window_start > ${open} then rate_limits.window_start else excluded.window_start end`,
                }),
              )
              .returning(['key', 'count', 'window_start'])
              .execute()),
          );
        }
        return rows;
      },
      { durable: false },
    );
  } catch (error) {
    for (const hit of hits) hit.reject(error);
    return;
  }
  const byKey = new Map([...byWindow.values()].flatMap((keys) => [...keys]));
  for (const row of counted) {
    const keyHits = byKey.get(row.key)!;
    keyHits.forEach((hit, index) => {
      const count = row.count - (keyHits.length - 1 - index);
      if (count <= hit.limit.max) hit.resolve({ allowed: true });
      else hit.resolve({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.window_start + hit.limit.windowMs - hit.now) / 1000)) });
    });
  }
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

/** What a limit counts: signups, page-view beacons, or wrong admin passwords. */
export type RateLimitScope = 'signup' | 'beacon' | 'admin';

/** The rate-limit key for a client address; IPv4-mapped IPv6 is folded to IPv4. */
export function clientKey(address: string, scope: RateLimitScope = 'signup'): string {
  return `${scope}:${address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')}`;
}
