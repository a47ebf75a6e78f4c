import type { APIRoute } from 'astro';
import { handleResendWebhook } from '../../../nurture/resend-webhook';
import { getRuntime } from '../../../server/runtime';

export const prerender = false;

/** Resend's events: signature checked on the raw body, replays refused, bounces and complaints suppress. */
export const POST: APIRoute = async ({ request }) => {
  if (Number(request.headers.get('content-length') ?? 0) > 256 * 1024) {
    return new Response(JSON.stringify({ error: 'The event is too large.' }), {
      status: 413,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
  }
  const runtime = await getRuntime();
  const payload = await request.text();
  const { status, body } = await handleResendWebhook(
    runtime.store,
    runtime.env.resendWebhookSecret,
    { payload, headers: request.headers },
    Date.now(),
  );
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
};
