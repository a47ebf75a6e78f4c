import { leadOfRequest } from '../leads/lead-cookie.ts';
import { clientKey, hitRateLimit } from '../leads/rate-limiter.ts';
import { BodyTooLargeError, clientAddress, isSameOrigin, readBody, siteOrigins, type SignupRequest } from '../leads/request-guards.ts';
import type { EndpointAnswer } from '../server/endpoint-answer.ts';
import type { Runtime } from '../server/runtime.ts';
import { beaconPath } from './beacon-path.ts';
import type { PageLookup } from './page-index.ts';
import { recordPageView } from './record-view.ts';
import { viewerLead } from './view-scope.ts';

/** Largest beacon body read: a path, with room to spare. */
export const BEACON_MAX_BYTES = 1024;

export interface BeaconRequestContext {
  runtime: Runtime;
  /** The socket's remote address. */
  socketAddress: string;
  /** Where known pages are looked up; the runtime's built index unless given (`astro dev` renders pages instead). */
  pages?: PageLookup;
  now?: number;
}

/** A beacon's answer: nobody reads its body, so a short line of text says why for the one who debugs. */
function answer(status: number, reason?: string, headers: Record<string, string> = {}): EndpointAnswer {
  return {
    status,
    headers: { 'cache-control': 'no-store', ...(reason ? { 'content-type': 'text/plain; charset=utf-8' } : {}), ...headers },
    body: reason,
  };
}

/** The answer when the store cannot count a view (database down): never a 500. */
export function beaconUnavailable(): EndpointAnswer {
  return answer(503, 'The view could not be counted right now.', { 'retry-after': '5' });
}

/**
 * `POST /api/events`, the page-view beacon: guard (origin, type, size, rate) → the path → a page
 * the site counts → the anonymous count, and the lead's view when a live lead cookie names one and
 * the browser does not opt out (`Sec-GPC: 1`, `DNT: 1`) → 204. It sets no cookie and stores
 * nothing of the request itself (no address, no user agent).
 */
export async function handleBeacon(request: SignupRequest, context: BeaconRequestContext): Promise<EndpointAnswer> {
  const { runtime } = context;
  const { env } = runtime;
  const now = context.now ?? Date.now();

  if (!isSameOrigin(request.headers, siteOrigins(env.siteUrl, request.url))) return answer(403, 'Views are only counted from this site’s own pages.');
  const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'text/plain') return answer(415, 'Send the page’s path as text/plain.');

  let body: Uint8Array;
  try {
    body = await readBody(request, BEACON_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, `The body is larger than ${BEACON_MAX_BYTES / 1024} KB.`);
    throw error;
  }

  if (env.beaconRateLimit) {
    const address = clientAddress(context.socketAddress, request.headers, env.trustProxy);
    const verdict = await hitRateLimit(runtime.store, clientKey(address, 'beacon'), env.beaconRateLimit, now);
    if (!verdict.allowed) return answer(429, 'Too many page views from your address.', { 'retry-after': String(verdict.retryAfterSeconds) });
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return answer(400, 'The body must be a path.');
  }
  const path = beaconPath(text);
  if (!path) return answer(400, 'The body must be a path.');
  // A path the site does not count (unknown, or a utility page) is ignored: clients can send anything.
  const page = await (context.pages ?? runtime.pages)(path);
  if (!page) return answer(204);

  const leadId = viewerLead(request.headers, leadOfRequest(env.secret, request.headers, now));
  // The lead is due for scoring now: the qualifier scores it within a second.
  if (await recordPageView(runtime.store, page, leadId, now)) runtime.sender.wake();
  return answer(204);
}
