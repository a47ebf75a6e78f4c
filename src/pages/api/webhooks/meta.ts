import type { APIRoute } from 'astro';
import { metaHandshake, META_WEBHOOK_MAX_BODY_BYTES, receiveMetaNotification } from '../../../lead-ads/meta-webhook';
import { webhookResponse as respond } from '../../../lead-ads/webhook-answer';
import { readBodyOr413 } from '../../../leads/request-guards';
import { getRuntime } from '../../../server/runtime';
import { logLine } from '../../../ops/logger';

export const prerender = false;

/** Meta's subscription handshake: the challenge echoed when the verify token matches. */
export const GET: APIRoute = async ({ url }) => respond(metaHandshake(url.searchParams, (await getRuntime()).env.leadAds.meta.verifyToken));

/** Meta's lead-ads notifications: signature checked over the raw body, each lead stored before the 200, then fetched and captured. */
export const POST: APIRoute = async ({ request }) => {
  const raw = await readBodyOr413(request, META_WEBHOOK_MAX_BODY_BYTES);
  if (raw instanceof Response) return raw;
  const runtime = await getRuntime();
  const { answer, stored } = await receiveMetaNotification(
    runtime.store,
    runtime.env.leadAds.meta,
    raw,
    request.headers.get('x-hub-signature-256'),
    Date.now(),
    logLine,
  );
  if (stored > 0) runtime.sender.wake();
  return respond(answer);
};
