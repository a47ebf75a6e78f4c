import type { APIRoute } from 'astro';
import { receiveTikTokLeads, TIKTOK_WEBHOOK_MAX_BODY_BYTES } from '../../../lead-ads/tiktok-webhook';
import { webhookResponse as respond } from '../../../lead-ads/webhook-answer';
import { readBodyOr413 } from '../../../leads/request-guards';
import { getRuntime } from '../../../server/runtime';
import { logLine } from '../../../ops/logger';

export const prerender = false;

/** TikTok's lead-generation webhook: `TikTok-Signature` checked over the raw body, each lead stored before the 200, then captured. */
export const POST: APIRoute = async ({ request }) => {
  const raw = await readBodyOr413(request, TIKTOK_WEBHOOK_MAX_BODY_BYTES);
  if (raw instanceof Response) return raw;
  const runtime = await getRuntime();
  const { answer, stored } = await receiveTikTokLeads(
    runtime.store,
    runtime.env.leadAds.tiktok,
    raw,
    request.headers.get('tiktok-signature'),
    Date.now(),
    logLine,
  );
  if (stored > 0) runtime.sender.wake();
  return respond(answer);
};
