import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DeliveriesMessage, SenderThreadMessage } from '../outbox/sender-thread.ts';
import { forwardDeliveries } from '../ops/delivery-counts.ts';

/** How long a sender thread that stopped by itself waits before it is started again. */
export const RESTART_DELAY_MS = 1_000;

/**
 * Starts and wakes the outbox sender thread (src/outbox/sender-thread.ts) from the main thread. A
 * thread that dies (an error it could not handle) is started again after a second: its claims
 * lapse and the new one takes them over, as another worker process would.
 */
export class SenderThread {
  readonly #log: (line: string) => void;
  readonly #entry: URL;
  /** The running thread; undefined once it has exited. */
  #worker: Worker | undefined;
  #restart: NodeJS.Timeout | undefined;
  #stopping = false;
  #wakeQueued = false;

  /** `entry` is the thread's module; tests pass one of their own. */
  constructor(log: (line: string) => void, entry = new URL('../outbox/sender-thread.ts', import.meta.url)) {
    this.#log = log;
    this.#entry = entry;
  }

  /** Resolves once the thread has opened its store and runs. */
  async start(): Promise<void> {
    const worker = new Worker(this.#entry);
    this.#worker = worker;
    worker.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'deliveries' in message) {
        const { kind, counts } = (message as DeliveriesMessage).deliveries;
        forwardDeliveries(kind, counts);
      }
    });
    worker.on('error', (error) => this.#log(`[outbox] sender thread failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = undefined;
      if (this.#stopping) return;
      this.#log(`[outbox] sender thread stopped; starting it again in ${RESTART_DELAY_MS / 1000} s`);
      this.#restart = setTimeout(
        () => void this.start().catch((error) => this.#log(`[outbox] sender thread cannot start: ${error}`)),
        RESTART_DELAY_MS,
      ).unref();
    });
    const [message] = (await Promise.race([once(worker, 'message'), once(worker, 'exit').then(() => ['exited'])])) as [string];
    if (message !== 'ready') throw new Error('the outbox sender thread stopped while starting');
  }

  /**
   * Send due rows now (called right after a commit that queued an email). One message per turn of
   * the event loop, however many signups committed in it: the sender's round takes them all.
   */
  wake(): void {
    if (this.#wakeQueued) return;
    this.#wakeQueued = true;
    setImmediate(() => {
      this.#wakeQueued = false;
      this.#post('wake');
    });
  }

  /** Lets the sender finish the round it is in, closes its store and ends the thread. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restart);
    const worker = this.#worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    this.#post('stop');
    await exited;
  }

  #post(message: SenderThreadMessage): void {
    this.#worker?.postMessage(message);
  }
}
