import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase, type LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DatabaseLockedError } from '../../src/db/sqlite-dialect.ts';
import { holdWriteLock, type LockHolder } from '../support/lock-holder.ts';

/** The longest the event loop stood still while `work` ran: a timer that should fire every 5 ms. */
async function longestStall<T>(work: Promise<T>): Promise<{ value: PromiseSettledResult<T>; stallMs: number }> {
  let stallMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const [value] = await Promise.allSettled([work]);
  clearInterval(timer);
  // A stall that lasted until the work settled never let the timer run at all.
  return { value, stallMs: Math.max(stallMs, performance.now() - last) };
}

describe('SQLite while another process holds the write lock', () => {
  let directory: string;
  let store: LeadStore;
  let holder: LockHolder | undefined;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sqlite-lock-'));
    store = openDatabase(parseDatabaseUrl(`file:${join(directory, 'lodestone.db')}`), { lockTimeoutMs: 2_500 });
    await migrateToLatest(store);
    await store.write((trx) =>
      trx.insertInto('leads').values({ email: 'known@example.com', name: null, status: 'new', created_at: 1, updated_at: 1 }).execute(),
    );
    holder = await holdWriteLock(join(directory, 'lodestone.db'));
  });
  afterEach(async () => {
    await holder?.release();
    holder = undefined;
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const addLead = (email: string) =>
    store.write((trx) => trx.insertInto('leads').values({ email, name: null, status: 'new', created_at: 2, updated_at: 2 }).execute());

  it('answers reads at once', async () => {
    const started = performance.now();
    const rows = await store.db.selectFrom('leads').select('email').execute();
    expect(rows.map((row) => row.email)).toEqual(['known@example.com']);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('makes a write wait for the lock without stopping the event loop, then stores it', async () => {
    const write = addLead('waited@example.com');
    // Released after a second: an event loop that waited inside SQLite would stall for all of it.
    setTimeout(() => void holder!.release().then(() => (holder = undefined)), 1_000);
    const { value, stallMs } = await longestStall(write);
    expect(value.status).toBe('fulfilled');
    expect(stallMs).toBeLessThan(400);
    const stored = await store.db.selectFrom('leads').select('email').where('email', '=', 'waited@example.com').execute();
    expect(stored).toHaveLength(1);
  });

  it('gives up on a write after the lock timeout, having stored nothing, and the event loop ran all along', async () => {
    const { value, stallMs } = await longestStall(addLead('refused@example.com'));
    expect(value.status).toBe('rejected');
    expect((value as PromiseRejectedResult).reason).toBeInstanceOf(DatabaseLockedError);
    expect(stallMs).toBeLessThan(400);
    await holder!.release();
    holder = undefined;
    const stored = await store.db.selectFrom('leads').select('email').where('email', '=', 'refused@example.com').execute();
    expect(stored).toHaveLength(0);
    await expect(addLead('after@example.com')).resolves.toBeDefined();
  });
});
