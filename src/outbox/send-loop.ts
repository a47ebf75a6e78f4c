import type { RetryPolicy } from './backoff.ts';

/** How an outbox sender claims, retries and paces: every sender's options share these. */
export interface SenderPacing {
  retry?: RetryPolicy;
  /** How many rows one claim takes. */
  batchSize?: number;
  /** How long a claim lasts before another sender may take the row over; longer than a round can take. */
  leaseMs?: number;
  /** Calls in flight at once: enough to keep up, few enough not to starve the server or the receiver. */
  concurrency?: number;
  /** Idle poll interval: catches rows queued by other processes and retries that come due. */
  pollMs?: number;
  clock?: () => number;
  log?: (line: string) => void;
}

/**
 * Rounds begin at least this far apart. A wake after a quiet spell starts a round at once; under
 * load, the rows of the next few milliseconds wait to share a round (one claim, one commit) instead
 * of each signup's wake running a round of its own, which cost more CPU than the signups themselves.
 */
export const ROUND_GAP_MS = 20;

/**
 * When a sender works: a round at once on `wake()` (right after a commit that queued a row), then
 * rounds until one claims nothing, then again after `pollMs` to catch rows queued by other processes
 * and retries that come due. One round at a time, begun at least ROUND_GAP_MS apart; a wake during
 * a round runs another after it.
 */
export class SendLoop {
  readonly #round: () => Promise<number>;
  readonly #pollMs: number;
  readonly #log: (line: string) => void;
  readonly #name: string;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #stopped = true;
  #again = false;
  #idle: Promise<void> = Promise.resolve();
  readonly #batchSize: number;
  readonly #gapMs: number;
  #lastStart = -Infinity;

  /** `round` claims and sends one batch and returns how many rows it claimed; `name` prefixes its errors in the log. */
  /**
   * `round` claims and works one batch and returns how many rows it claimed; a round that claims
   * `batchSize` left a backlog, so the next one starts at once. `name` prefixes its errors in the log.
   */
  constructor(
    round: () => Promise<number>,
    pollMs: number,
    log: (line: string) => void,
    { name = 'outbox', batchSize = Infinity, gapMs = ROUND_GAP_MS }: { name?: string; batchSize?: number; gapMs?: number } = {},
  ) {
    this.#round = round;
    this.#batchSize = batchSize;
    this.#gapMs = gapMs;
    this.#name = name;
    this.#pollMs = pollMs;
    this.#log = log;
  }

  start(): void {
    this.#stopped = false;
    this.wake();
  }

  /** Lets the round in progress finish; starts no other. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#idle;
  }

  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = true;
    this.#idle = this.#loop().finally(() => {
      this.#running = false;
      if (!this.#stopped) this.#timer = setTimeout(() => this.wake(), this.#pollMs);
    });
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      try {
        let claimed = 0;
        do {
          if (claimed < this.#batchSize) await this.#spaced();
          if (this.#stopped) return;
          this.#lastStart = performance.now();
          claimed = await this.#round();
        } while (claimed > 0 && !this.#stopped);
      } catch (error) {
        this.#log(`[${this.#name}] ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.#again && !this.#stopped);
  }

  /** Waits until `gapMs` after the last round began: under load, a moment's rows share one round. */
  async #spaced(): Promise<void> {
    // Timers may fire a little early by this clock: wait again for what is left.
    for (let wait = this.#lastStart + this.#gapMs - performance.now(); wait > 0; wait = this.#lastStart + this.#gapMs - performance.now()) {
      await new Promise((done) => setTimeout(done, wait));
    }
  }
}

/**
 * Background work done in rounds (a sender, the qualifier): `start()`, `wake()` and `stop()` drive a
 * SendLoop over the subclass's `runOnce()`.
 */
export abstract class RoundsWorker {
  readonly #loop: SendLoop;

  /** `batchSize`: what one round claims at most; a full round is followed by the next at once. */
  constructor(pollMs: number, log: (line: string) => void, { name, batchSize }: { name?: string; batchSize: number }) {
    this.#loop = new SendLoop(() => this.runOnce(), pollMs, log, { name, batchSize });
  }

  /** Does one round; returns how many rows or leads it took, 0 when there was nothing to do. */
  abstract runOnce(now?: number): Promise<number>;

  start(): void {
    this.#loop.start();
  }

  /** Lets the round in progress finish; starts no other. */
  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** Work now: called right after a commit that queued something. */
  wake(): void {
    this.#loop.wake();
  }
}
