import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../src/db/wal-sync.ts';

/** A flush the test finishes by hand, counting how many were started. */
function manualFlush() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    started: () => pending.length,
    flush: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    finish: (index: number, error?: Error) => (error ? pending[index]!.reject(error) : pending[index]!.resolve()),
  };
}

const settledFlags = (promises: Promise<void>[]) => {
  const flags = promises.map(() => false);
  promises.forEach((promise, index) => promise.then(() => (flags[index] = true)).catch(() => (flags[index] = true)));
  return flags;
};
/** Waits for a state instead of a fixed time: the flushes run on the thread pool. */
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((done) => setTimeout(done, 2));
};

describe('WalSync', () => {
  let directory: string;
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  function walFor(): string {
    directory = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    const database = join(directory, 'lodestone.db');
    writeFileSync(`${database}-wal`, 'frames');
    return database;
  }

  it('resolves a call only once a sync that started after it has finished', async () => {
    const manual = manualFlush();
    const wal = new WalSync(walFor(), manual.flush);
    const first = wal.sync();
    await until(() => manual.started() === 1);
    // Committed while the first sync runs: that sync may not cover it.
    const second = wal.sync();
    const flags = settledFlags([first, second]);
    manual.finish(0);
    await until(() => manual.started() === 2);
    expect(flags).toEqual([true, false]);
    manual.finish(1);
    await second;
    expect(flags).toEqual([true, true]);
  });

  it('shares one sync among every call made while another runs', async () => {
    const manual = manualFlush();
    const wal = new WalSync(walFor(), manual.flush);
    const first = wal.sync();
    await until(() => manual.started() === 1);
    const waiting = Array.from({ length: 50 }, () => wal.sync());
    manual.finish(0);
    await first;
    await until(() => manual.started() === 2);
    manual.finish(1);
    await Promise.all(waiting);
    expect(manual.started()).toBe(2);
  });

  it('rejects the calls a failed sync covered, and syncs again for the next', async () => {
    const manual = manualFlush();
    const wal = new WalSync(walFor(), manual.flush);
    const failed = wal.sync();
    await until(() => manual.started() === 1);
    manual.finish(0, new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    const next = wal.sync();
    await until(() => manual.started() === 2);
    manual.finish(1);
    await expect(next).resolves.toBeUndefined();
  });

  it('syncs the real -wal file', async () => {
    await expect(new WalSync(walFor()).sync()).resolves.toBeUndefined();
  });
});
