import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { holdWriteLock } from '../support/lock-holder.ts';
import { postSignup, stamp } from '../support/signup-client.ts';

/** The server's own wait for another process's write lock (src/db/sqlite-dialect.ts). */
const LOCK_TIMEOUT_MS = 5_000;

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

describe('the built server while another process holds the SQLite write lock', () => {
  const app = useAppHarness('sqlite', { RATE_LIMIT: '10/min' });

  it('goes on serving pages and form stamps in milliseconds; signups wait for the lock, and one that cannot be stored in time gets 503 with Retry-After', async () => {
    const signup = (email: string) => postSignup(app.server.base, { email, consent: true, stamp: stamp() });
    const target = parseDatabaseUrl(app.databaseUrl);
    if (target.engine !== 'sqlite') throw new Error('the harness should run on SQLite');
    const holder = await holdWriteLock(target.path);
    const held = performance.now();
    // The rate limit's counter is a write too: this signup waits for the lock from its first step.
    const tooLate = signup('too-late@example.com');

    const answers: { status: number; ms: number }[] = [];
    while (performance.now() - held < 2_500) {
      answers.push(await timed(`${app.server.base}/`), await timed(`${app.server.base}/api/form-stamp`));
      await new Promise((done) => setTimeout(done, 100));
    }
    const inTime = signup('in-time@example.com');

    const refused = await tooLate;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(performance.now() - held).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 100);
    await holder.release();
    expect((await inTime).status).toBe(202);

    expect(answers.length).toBeGreaterThan(4);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // Far under the 5 s a blocked event loop took; loose enough for a busy CI machine.
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(1_000);
    const stored = await app.store.db.selectFrom('leads').select('email').orderBy('email').execute();
    expect(stored.map((row) => row.email)).toEqual(['in-time@example.com']);
  });
});
