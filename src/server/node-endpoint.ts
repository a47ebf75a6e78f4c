import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignupRequest } from '../leads/request-guards.ts';
import { logError } from '../ops/logger.ts';
import { bodyStream } from './http-server.ts';

/** An endpoint's one handler, called by its Astro route under `astro dev` and straight from Node's server in production. */
export type EndpointHandler = (request: SignupRequest, socketAddress: string) => Promise<Response>;

/**
 * Answers a request with `handle`, skipping Astro's page pipeline, which costs more per request
 * than the endpoints' own work. A handler that throws (the store is down) gets `unavailable(headers)`:
 * logged, never a 500.
 */
export async function serveEndpoint(
  request: IncomingMessage,
  response: ServerResponse,
  handle: EndpointHandler,
  unavailable: (headers: Headers) => Response,
  label: string,
): Promise<void> {
  const headers = new Headers();
  for (let index = 0; index < request.rawHeaders.length; index += 2) headers.append(request.rawHeaders[index]!, request.rawHeaders[index + 1]!);
  const host = request.headers.host ?? '127.0.0.1';
  let answer: Response;
  try {
    answer = await handle({ url: `http://${host}${request.url ?? '/'}`, headers, body: bodyStream(request) }, request.socket.remoteAddress ?? '');
  } catch (error) {
    logError(label, error);
    answer = unavailable(headers);
  }
  const body = Buffer.from(await answer.arrayBuffer());
  const out: Record<string, string | string[]> = { 'Content-Length': String(body.byteLength) };
  answer.headers.forEach((value, name) => (out[name] = value));
  // A signup sets two cookies; forEach would keep only the last.
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) out['set-cookie'] = cookies;
  response.writeHead(answer.status, out);
  response.end(body);
}

/** Whether a request is a POST to `path` (with or without a trailing slash, whatever the query). */
export function isPostTo(request: IncomingMessage, path: string): boolean {
  if (request.method !== 'POST') return false;
  const target = (request.url ?? '').split('?', 1)[0];
  return target === path || target === `${path}/`;
}
