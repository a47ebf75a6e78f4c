import type { APIRoute } from 'astro';
import { beaconUnavailable, handleBeacon } from '../../page-views/beacon-handler';
import { renderedPageLookup } from '../../page-views/page-index';
import { getRuntime } from '../../server/runtime';
import { toResponse } from '../../server/endpoint-answer';
import { logError } from '../../ops/logger';

/** Used by `astro dev`; the production server (src/server/serve.ts) routes this path to the same function without Astro's page pipeline. */
export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress }) => {
  try {
    // Nothing is built under `astro dev`: the dev server renders the page to see whether it counts.
    const pages = import.meta.env.DEV ? renderedPageLookup(new URL(request.url).origin) : undefined;
    return toResponse(await handleBeacon(request, { runtime: await getRuntime(), socketAddress: clientAddress, pages }));
  } catch (error) {
    logError('api/events', error);
    return toResponse(beaconUnavailable());
  }
};
