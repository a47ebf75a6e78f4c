import type { APIRoute } from 'astro';
import { metaHandshake, META_WEBHOOK_MAX_BODY_BYTES, receiveMetaNotification, type WebhookAnswer } from '../../../lead-ads/meta-webhook';
import { bodyTooLarge, BodyTooLargeError, readBody } from '../../../leads/request-guards';
import { getRuntime } from '../../../server/runtime';
import { logLine } from '../../../ops/logger';

export const prerender = false;

const respond = ({ status, body, contentType }: WebhookAnswer) =>
  new Response(body, { status, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });

/** Meta's subscription handshake: the challenge echoed when the verify token matches. */
export const GET: APIRoute = async ({ url }) => respond(metaHandshake(url.searchParams, (await getRuntime()).env.leadAds.meta.verifyToken));

/** Meta's lead-ads notifications: signature checked over the raw body, each lead stored before the 200, then fetched and captured. */
export const POST: APIRoute = async ({ request }) => {
  let raw: Uint8Array;
  try {
    raw = await readBody(request, META_WEBHOOK_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLarge(META_WEBHOOK_MAX_BODY_BYTES);
    throw error;
  }
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
