import type { IncomingMessage, ServerResponse } from 'node:http';
import { beaconUnavailable, handleBeacon } from '../page-views/beacon-handler.ts';
import { isPostTo, serveEndpoint } from './node-endpoint.ts';
import type { Runtime } from './runtime.ts';

/**
 * `POST /api/events` straight from Node's HTTP server to handleBeacon(): page views come with every
 * page a reader opens, far more often than signups, so they skip Astro's page pipeline too.
 * `src/pages/api/events.ts` calls the same function under `astro dev`.
 */
export function serveBeacon(request: IncomingMessage, response: ServerResponse, runtime: Runtime): Promise<void> {
  return serveEndpoint(request, response, (web, socketAddress) => handleBeacon(web, { runtime, socketAddress }), beaconUnavailable, 'api/events');
}

/** Whether a request is for the beacon endpoint. */
export function isBeaconPost(request: IncomingMessage): boolean {
  return isPostTo(request, '/api/events');
}
