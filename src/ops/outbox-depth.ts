import type { LeadStore } from '../db/database.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';

/** Outbox rows waiting, for /metrics: every pending row, and those due now (pending and due, or a sender's claim lapsed). */
export interface OutboxDepth {
  pending: number;
  due: number;
}

/** Three counts on the `outbox_due` index (status, next_attempt_at), at scrape time. */
export async function outboxDepth(store: LeadStore, now: number): Promise<OutboxDepth> {
  const count = (query: { executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined> }) =>
    query.executeTakeFirst().then((row) => Number(row?.n ?? 0));
  const base = () => store.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n'));
  const [pending, duePending, lapsed] = await Promise.all([
    count(base().where('status', '=', OutboxStatus.Pending)),
    count(base().where('status', '=', OutboxStatus.Pending).where('next_attempt_at', '<=', now)),
    count(base().where('status', '=', OutboxStatus.Sending).where('locked_until', '<', now)),
  ]);
  return { pending, due: duePending + lapsed };
}
