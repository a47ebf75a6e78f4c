import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LeadStore } from '../db/database.ts';
import { checkReadiness } from './readiness.ts';

export interface HealthOptions {
  /** The lead store once the server has opened and migrated it; undefined while it starts. */
  store: () => LeadStore | undefined;
  outboxStuckAfterMs: number;
}

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (it should get traffic: see
 * checkReadiness). Unauthenticated, never cached, and nothing in them but the names of the checks.
 * Returns false for any other request.
 */
export function serveHealth(request: IncomingMessage, response: ServerResponse, options: HealthOptions): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = (request.url ?? '').split('?', 1)[0];
  if (path === '/healthz') {
    answer(response, 200, { status: 'ok' });
    return true;
  }
  if (path !== '/readyz') return false;
  const store = options.store();
  if (!store) {
    answer(response, 503, { status: 'starting' });
    return true;
  }
  void checkReadiness(store, { now: Date.now(), outboxStuckAfterMs: options.outboxStuckAfterMs }).then(({ ready, checks }) =>
    answer(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks }),
  );
  return true;
}

function answer(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}
