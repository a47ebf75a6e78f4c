import type { APIRoute } from 'astro';
import type { WebhookAnswer } from '../../../lead-ads/meta-webhook';
import { receiveTikTokLeads, TIKTOK_WEBHOOK_MAX_BODY_BYTES } from '../../../lead-ads/tiktok-webhook';
import { bodyTooLarge, BodyTooLargeError, readBody } from '../../../leads/request-guards';
import { getRuntime } from '../../../server/runtime';
import { logLine } from '../../../ops/logger';

export const prerender = false;

const respond = ({ status, body, contentType }: WebhookAnswer) =>
  new Response(body, { status, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });

/** TikTok's lead-generation webhook: `TikTok-Signature` checked over the raw body, each lead stored before the 200, then captured. */
export const POST: APIRoute = async ({ request }) => {
  let raw: Uint8Array;
  try {
    raw = await readBody(request, TIKTOK_WEBHOOK_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLarge(TIKTOK_WEBHOOK_MAX_BODY_BYTES);
    throw error;
  }
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
