import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../../src/ops/metrics.ts';
import { RESTART_DELAY_MS, SenderThread } from '../../src/server/sender-thread-control.ts';
import { waitFor } from '../support/databases.ts';

const FIXTURE = new URL('./fixtures/failing-sender-thread.ts', import.meta.url);

describe('SenderThread', () => {
  let directory: string;
  let log: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sender-thread-'));
    log = join(directory, 'events.log');
    process.env.SENDER_THREAD_LOG = log;
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const events = () => readFileSync(log, 'utf8').trim().split('\n');

  it('wakes the thread once per turn of the event loop, however many commits asked', async () => {
    const thread = new SenderThread(() => undefined, FIXTURE);
    await thread.start();
    for (let index = 0; index < 50; index++) thread.wake();
    await waitFor(() => events().some((line) => line.endsWith('wake')), 5_000, 'a wake');
    await thread.stop();
    expect(events().filter((line) => line.endsWith('wake'))).toHaveLength(1);
    expect(events().at(-1)).toMatch(/ stop$/);
  });

  it('starts a thread that died again, and stops cleanly afterwards', async () => {
    const lines: string[] = [];
    const thread = new SenderThread((line) => lines.push(line), FIXTURE);
    await thread.start();
    thread.wake();
    await waitFor(() => events().filter((line) => line.endsWith('wake')).length === 1, 5_000, 'the first wake');
    thread.wake();
    await waitFor(() => events().filter((line) => line.endsWith('ready')).length === 2, 5_000, 'a second thread');
    expect(lines.some((line) => line.includes('the sender thread broke'))).toBe(true);
    expect(lines.some((line) => line.includes('starting it again'))).toBe(true);
    const [first, second] = events()
      .filter((line) => line.endsWith('ready'))
      .map((line) => line.split(' ')[0]);
    expect(second).not.toBe(first);
    await thread.stop();
    expect(events().at(-1)).toBe(`${second} stop`);
  });

  it('stops at once while a dead thread waits to be started again, and starts no other', async () => {
    const lines: string[] = [];
    const thread = new SenderThread((line) => lines.push(line), FIXTURE);
    await thread.start();
    thread.wake();
    await waitFor(() => events().filter((line) => line.endsWith('wake')).length === 1, 5_000, 'the first wake');
    thread.wake();
    await waitFor(() => lines.some((line) => line.includes('starting it again')), 5_000, 'the thread to die');
    await thread.stop();
    // Nothing to wait for but the restart's own timer: past it, a restart would have logged 'ready'.
    await new Promise((done) => setTimeout(done, RESTART_DELAY_MS * 1.5));
    expect(events().filter((line) => line.endsWith('ready'))).toHaveLength(1);
  });

  it('counts what each thread reports on this thread, so the count goes on past a restart', async () => {
    const sent = async () => (await registry.getSingleMetric('lodestone_emails_sent_total')!.get()).values[0]!.value;
    const lines: string[] = [];
    const thread = new SenderThread((line) => lines.push(line), new URL('./fixtures/counting-sender-thread.ts', import.meta.url));
    const before = await sent();
    await thread.start();
    thread.wake();
    await waitFor(async () => (await sent()) === before + 2, 5_000, 'the first round’s count');
    thread.wake();
    await waitFor(() => lines.some((line) => line.includes('starting it again')), 5_000, 'the thread to die');
    await waitFor(async () => (await sent()) === before + 4, 5_000, 'the second round’s count');
    // The new thread takes wakes once it runs: the count goes on from where the old one left it.
    await waitFor(
      async () => {
        thread.wake();
        return (await sent()) >= before + 6;
      },
      5_000,
      'a round of the new thread',
    );
    await thread.stop();
  });
});
