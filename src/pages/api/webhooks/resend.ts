import type { APIRoute } from 'astro';
import { readBodyOr413 } from '../../../leads/request-guards';
import { handleResendWebhook, WEBHOOK_MAX_BODY_BYTES } from '../../../nurture/resend-webhook';
import { getRuntime } from '../../../server/runtime';
import { logger, withoutAddresses } from '../../../ops/logger';

export const prerender = false;

/** Resend's events: signature checked on the raw body, replays refused, bounces and complaints suppress. */
export const POST: APIRoute = async ({ request }) => {
  const raw = await readBodyOr413(request, WEBHOOK_MAX_BODY_BYTES);
  if (raw instanceof Response) return raw;
  const payload = new TextDecoder().decode(raw);
  const runtime = await getRuntime();
  const { status, body } = await handleResendWebhook(
    runtime.store,
    runtime.env.resendWebhookSecret,
    { payload, headers: request.headers },
    Date.now(),
  );
  // A click makes its lead due for scoring: score it now.
  if (status === 200) runtime.sender.wake();
  // Signed by Resend yet unreadable: worth a look by whoever runs the site.
  if (status === 400) logger.warn({ component: 'webhooks/resend' }, withoutAddresses(String(body.error)));
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
};
