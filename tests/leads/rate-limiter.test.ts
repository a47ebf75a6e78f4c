import { describe, expect, it } from 'vitest';
import { clientKey, forgiveRateLimitHit, hitRateLimit, pruneRateLimits } from '../../src/leads/rate-limiter.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

describe('clientKey', () => {
  it.each([
    ['203.0.113.9', 'signup:203.0.113.9'],
    ['::ffff:203.0.113.9', 'signup:203.0.113.9'],
    ['2001:db8::1', 'signup:2001:db8::1'],
  ])('%s → %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it('keeps admin attempts apart from signups', () => {
    expect(clientKey('::ffff:203.0.113.9', 'admin')).toBe('admin:203.0.113.9');
  });
});

describe.each(engines)('hitRateLimit on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  const limit = { max: 3, windowMs: 60_000 };
  const t0 = Date.UTC(2026, 10, 22, 12, 0, 59, 500);

  it('allows max requests per window opened by the first one, then says how long to wait', async () => {
    const verdicts = [];
    for (const offset of [0, 1_000, 2_000, 3_000]) verdicts.push(await hitRateLimit(useStore(), 'k1', limit, t0 + offset));
    expect(verdicts).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 57 }]);
  });

  it('does not reset at a clock minute: the window is the key’s own', async () => {
    expect(await hitRateLimit(useStore(), 'k1', limit, t0 + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('opens a new window once the old one has passed, and counts other keys apart', async () => {
    expect(await hitRateLimit(useStore(), 'k1', limit, t0 + 60_001)).toEqual({ allowed: true });
    expect(await hitRateLimit(useStore(), 'k2', limit, t0 + 30_000)).toEqual({ allowed: true });
  });

  it('counts the requests of one moment one by one: of eight at once from one address, three pass, in the order they came', async () => {
    const at = t0;
    const verdicts = await Promise.all([
      ...Array.from({ length: 8 }, () => hitRateLimit(useStore(), 'signup:198.51.100.7', limit, at)),
      hitRateLimit(useStore(), 'signup:198.51.100.8', limit, at),
      hitRateLimit(useStore(), 'admin:198.51.100.7', { max: 1, windowMs: 900_000 }, at),
    ]);
    expect(verdicts).toEqual([
      ...Array.from({ length: 3 }, () => ({ allowed: true })),
      ...Array.from({ length: 5 }, () => ({ allowed: false, retryAfterSeconds: 60 })),
      { allowed: true },
      { allowed: true },
    ]);
    expect(await hitRateLimit(useStore(), 'admin:198.51.100.7', { max: 1, windowMs: 900_000 }, at + 60_001)).toEqual({
      allowed: false,
      retryAfterSeconds: 840,
    });
    expect(await hitRateLimit(useStore(), 'signup:198.51.100.7', limit, at + 60_001)).toEqual({ allowed: true });
  });

  it('takes back a forgiven request', async () => {
    const limit1 = { max: 1, windowMs: 60_000 };
    expect(await hitRateLimit(useStore(), 'admin:a', limit1, t0)).toEqual({ allowed: true });
    await forgiveRateLimitHit(useStore(), 'admin:a');
    expect(await hitRateLimit(useStore(), 'admin:a', limit1, t0 + 1)).toEqual({ allowed: true });
    expect(await hitRateLimit(useStore(), 'admin:a', limit1, t0 + 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('prunes only the scope it is told, each with its own window', async () => {
    await hitRateLimit(useStore(), 'signup:203.0.113.9', limit, t0);
    await pruneRateLimits(useStore(), t0 + 120_002, limit.windowMs, 'signup');
    const keys = (await useStore().db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    expect(keys).toContain('admin:a');
    expect(keys).not.toContain('signup:203.0.113.9');
  });

  it('prunes counters whose window has closed', async () => {
    await pruneRateLimits(useStore(), t0 + 120_002, limit.windowMs);
    const keys = (await useStore().db.selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    expect(keys).toEqual([]);
  });
});
