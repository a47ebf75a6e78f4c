import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger, type RequestContext } from './logger.ts';
import { observeRequest } from './metrics.ts';

/** Paths whose last part is a signed token: logged as the route, never the token. */
const TOKEN_ROUTES = ['/confirm/', '/download/', '/unsubscribe/'];

/**
 * The path as logged: no query string (it may carry a keyword or a click id), and a signed token in
 * the path replaced by `:token`. Tokens are bearer credentials; an address is never in a path.
 */
export function loggedRoute(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0]!;
  const prefix = TOKEN_ROUTES.find((route) => path.startsWith(route) && path.length > route.length);
  return prefix ? `${prefix}:token` : path;
}

/**
 * The route as a metrics label: the logged route with numeric ids as `:id` (an admin's lead), and
 * every 404 as one `unmatched` route, so a scan of made-up paths adds no series.
 */
export function metricsRoute(url: string | undefined, status: number): string {
  if (status === 404) return 'unmatched';
  return loggedRoute(url).replace(/\/\d+(?=\/|$)/g, '/:id');
}

/** An incoming `X-Request-Id` as a proxy sets it: short and plain, or not used. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The request's id: the proxy's `X-Request-Id` when TRUST_PROXY=1 and it looks like one, else a new UUID. */
export function requestId(request: IncomingMessage, trustProxy: boolean): string {
  const incoming = request.headers['x-request-id'];
  if (trustProxy && typeof incoming === 'string' && REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}

/**
 * Gives the request its id (echoed as `X-Request-Id`) and logs one line when its answer is sent:
 * method, route, status and milliseconds. Returns the context to answer it in.
 */
export function startRequest(request: IncomingMessage, response: ServerResponse, trustProxy: boolean): RequestContext {
  const context = { requestId: requestId(request, trustProxy) };
  const started = performance.now();
  response.setHeader('X-Request-Id', context.requestId);
  response.once('finish', () => {
    const seconds = (performance.now() - started) / 1000;
    observeRequest(request.url, request.method, response.statusCode, seconds);
    // Health checks come every few seconds: only at LOG_LEVEL=debug.
    const level = request.url === '/healthz' || request.url === '/readyz' ? 'debug' : 'info';
    logger[level](
      {
        requestId: context.requestId,
        method: request.method,
        route: loggedRoute(request.url),
        status: response.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
      },
      'request',
    );
  });
  return context;
}
