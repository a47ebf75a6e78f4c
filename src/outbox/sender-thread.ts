/**
 * The server's background work (the qualifier, and the outbox senders: email, and CRM webhooks when
 * configured), on a thread of its own. Scoring leads, rendering emails, talking to Resend and to the
 * CRM, and settling rows all cost time that would otherwise come out of the thread answering
 * requests; here they run beside it, on their own event loop and their own database connection, as
 * a separate `npm run worker` process would. The main thread wakes them after each commit that
 * queued a row or made a lead due for scoring.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { isMainThread, parentPort } from 'node:worker_threads';
import { parseServerEnv } from '../config/server-env.ts';
import { openRuntime } from '../server/runtime.ts';
import { logLine } from '../ops/logger.ts';
import { onDeliveries, type DeliveryCounts } from '../ops/delivery-counts.ts';
import type { OutboxKind } from './outbox-kind.ts';

/** What the main thread sends the sender thread. */
export type SenderThreadMessage = 'wake' | 'stop';

/** What the sender thread sends back after each committed round: its tallies, counted in /metrics on the main thread. */
export interface DeliveriesMessage {
  deliveries: { kind: OutboxKind; counts: DeliveryCounts };
}

/**
 * Signups come first: when the CPU is short, the thread answering requests runs before this one,
 * which sends the backlog as soon as there is time (an email a few seconds late costs less than a
 * signup refused). Linux gives each thread its own niceness; elsewhere the thread keeps the default.
 */
function yieldToRequests(): void {
  try {
    const thread = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (thread) setPriority(thread, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or not allowed: the same priority as the request thread.
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  yieldToRequests();
  // The main thread has printed the notices and migrated the store already.
  const env = { ...parseServerEnv(process.env), notices: [] };
  // The counters live on the main thread, so they keep counting when this thread is started again.
  onDeliveries((kind, counts) => port.postMessage({ deliveries: { kind, counts } } satisfies DeliveriesMessage));
  const runtime = await openRuntime(env, logLine, { sender: 'in-process' });
  port.on('message', (message: SenderThreadMessage) => {
    if (message === 'wake') runtime.sender.wake();
    else if (message === 'stop') void runtime.close().then(() => process.exit(0));
  });
  port.postMessage('ready');
}
