import { afterEach, describe, expect, it } from 'vitest';
import { ROUND_GAP_MS, SendLoop } from '../../src/outbox/send-loop.ts';

/** A loop whose rounds claim what `claims` says, in turn (0 once it runs out), recording when each began. */
function loopOf(claims: number[], batchSize: number) {
  const starts: number[] = [];
  const errors: string[] = [];
  const loop = new SendLoop(
    async () => {
      starts.push(performance.now());
      return claims.shift() ?? 0;
    },
    60_000,
    (line) => errors.push(line),
    { batchSize },
  );
  return { loop, starts, errors };
}

const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));
const gaps = (starts: number[]) => starts.slice(1).map((start, index) => start - starts[index]!);

describe('SendLoop', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('starts a round at once on the first wake, then spaces rounds that found a few rows', async () => {
    const { loop, starts } = loopOf([3, 2, 1], 100);
    stop = () => loop.stop();
    const woken = performance.now();
    loop.start();
    await settle(5 * ROUND_GAP_MS);
    expect(starts).toHaveLength(4);
    expect(starts[0]! - woken).toBeLessThan(ROUND_GAP_MS / 2);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(ROUND_GAP_MS);
  });

  it('runs the next round at once after a full one: a backlog is not held back', async () => {
    const { loop, starts } = loopOf([10, 10, 10, 4], 10);
    stop = () => loop.stop();
    loop.start();
    await settle(4 * ROUND_GAP_MS);
    expect(starts).toHaveLength(5);
    const [afterFull1, afterFull2, afterFull3, afterPartial] = gaps(starts);
    for (const gap of [afterFull1, afterFull2, afterFull3]) expect(gap).toBeLessThan(ROUND_GAP_MS / 2);
    expect(afterPartial).toBeGreaterThanOrEqual(ROUND_GAP_MS);
  });

  it('makes wakes during a round share the round after it', async () => {
    const { loop, starts } = loopOf([1], 100);
    stop = () => loop.stop();
    loop.start();
    for (let wake = 0; wake < 50; wake++) loop.wake();
    await settle(4 * ROUND_GAP_MS);
    // The first round, the one its claim asked for, and one for all 50 wakes.
    expect(starts.length).toBeLessThanOrEqual(3);
  });

  it('starts no round once stopped, even one it was waiting to space', async () => {
    const { loop, starts } = loopOf([1, 1, 1], 100);
    loop.start();
    await settle(ROUND_GAP_MS / 4);
    expect(starts).toHaveLength(1);
    await loop.stop();
    await settle(2 * ROUND_GAP_MS);
    expect(starts).toHaveLength(1);
  });
});
