import type { LeadStore } from '../../src/db/database.ts';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { waitFor } from './databases.ts';

/**
 * Waits until the outbox has no email due and none in flight. A signup or a click is on disk before
 * its response, so once this returns every email such a request queued has reached the mail fake or
 * settled otherwise (skipped, failed, or planned for later): the state to wait for before asserting
 * that something was NOT sent, instead of a sleep.
 */
export async function waitForOutboxIdle(store: LeadStore, timeoutMs = 5_000): Promise<void> {
  await waitFor(
    async () => {
      const busy = await store.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'email')
        .where((eb) =>
          eb.or([
            eb('status', '=', OutboxStatus.Sending),
            eb.and([eb('status', '=', OutboxStatus.Pending), eb('next_attempt_at', '<=', Date.now())]),
          ]),
        )
        .limit(1)
        .executeTakeFirst();
      return busy === undefined;
    },
    timeoutMs,
    'the outbox to have no email due or in flight',
  );
}
