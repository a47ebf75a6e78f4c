import type { APIRoute } from 'astro';
import { handleSignup, unavailable } from '../../leads/signup-handler';
import { getRuntime } from '../../server/runtime';
import { toResponse } from '../../server/endpoint-answer';
import { logError } from '../../ops/logger';

/** Used by `astro dev`; the production server (src/server/serve.ts) routes this path to the same function without Astro's page pipeline. */
export const prerender = false;

export const POST: APIRoute = async ({ request, clientAddress }) => {
  try {
    return toResponse(await handleSignup(request, { runtime: await getRuntime(), socketAddress: clientAddress }));
  } catch (error) {
    logError('api/leads', error);
    return toResponse(unavailable(request.headers));
  }
};
