import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleSignup, unavailable } from '../leads/signup-handler.ts';
import { withAnswerPolicy } from '../ops/security-headers.ts';
import { isPostTo, serveEndpoint } from './node-endpoint.ts';
import type { Runtime } from './runtime.ts';

/**
 * `POST /api/leads` straight from Node's HTTP server to handleSignup(), skipping Astro's page
 * pipeline, which costs more per request than the whole signup. `src/pages/api/leads.ts` calls the
 * same function under `astro dev`.
 */
export function serveSignup(request: IncomingMessage, response: ServerResponse, runtime: Runtime): Promise<void> {
  // A form posted without JavaScript may get its page again (422): the policy follows that page's inline code.
  return serveEndpoint(
    request,
    response,
    (web, socketAddress) => handleSignup(web, { runtime, socketAddress }).then(withAnswerPolicy),
    unavailable,
    'api/leads',
  );
}

/** Whether a request is for the signup endpoint. */
export function isSignupPost(request: IncomingMessage): boolean {
  return isPostTo(request, '/api/leads');
}
