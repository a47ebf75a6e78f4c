import type { APIRoute } from 'astro';
import { adminRedirect, openAdminPost } from '../../../../admin/admin-post';
import { retryFailedRow } from '../../../../outbox/retry-failed';

/** Makes a failed outbox row due again (POST from the Email view), then wakes the sender. */
export const prerender = false;

export const POST: APIRoute = async (context) => {
  const opened = await openAdminPost(context);
  if (opened instanceof Response) return opened;
  const { runtime } = opened;
  const id = Number(context.params.id);
  const result = Number.isSafeInteger(id) ? await retryFailedRow(runtime.store, id, Date.now()) : { status: 'not-failed' as const };
  if (result.status === 'queued') runtime.sender.wake();
  const notice = {
    queued: `Email #${id} is due again and goes out now.`,
    'not-failed': `Email #${id} has not failed: nothing to retry.`,
    'key-expired': `Email #${id} may have been delivered before its answer was lost, and Resend no longer remembers its key: a retry could send it twice, so it was not retried.`,
  }[result.status];
  return adminRedirect('/admin/email/', notice);
};
