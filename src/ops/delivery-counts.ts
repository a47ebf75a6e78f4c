import type { OutboxKind } from '../outbox/outbox-kind.ts';

/** How one claimed outbox row ended its round: sent, failed but due again, refused for good, or out of retries. */
export type DeliveryResult = 'sent' | 'retrying' | 'refused' | 'gave_up';

/** One round's settled rows of one kind, tallied by result. */
export type DeliveryCounts = Partial<Record<DeliveryResult, number>>;

type Sink = (kind: OutboxKind, counts: DeliveryCounts) => void;

let sink: Sink | undefined;

/**
 * Where the senders' tallies go: the metrics on the thread that serves /metrics, or a message to it
 * from the sender thread (src/outbox/sender-thread.ts). With none set (the `npm run worker` process),
 * they go nowhere.
 */
export function onDeliveries(next: Sink): void {
  sink = next;
}

/** Reports a committed round: one call per round, not per row. */
export function reportDeliveries(kind: OutboxKind, results: readonly { result?: DeliveryResult }[]): void {
  if (!sink || results.length === 0) return;
  const counts: DeliveryCounts = {};
  for (const { result } of results) if (result) counts[result] = (counts[result] ?? 0) + 1;
  sink(kind, counts);
}

/** Passes tallies already made (posted from the sender thread) to the sink. */
export function forwardDeliveries(kind: OutboxKind, counts: DeliveryCounts): void {
  sink?.(kind, counts);
}
