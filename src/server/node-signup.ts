import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleSignup, unavailable } from '../leads/signup-handler.ts';
import { bodyStream } from './http-server.ts';
import type { Runtime } from './runtime.ts';

/**
 * `POST /api/leads` straight from Node's HTTP server to handleSignup(), skipping Astro's page
 * pipeline, which costs more per request than the whole signup. `src/pages/api/leads.ts` calls the
 * same function under `astro dev`.
 */
export async function serveSignup(request: IncomingMessage, response: ServerResponse, runtime: Runtime): Promise<void> {
  const headers = new Headers();
  for (let index = 0; index < request.rawHeaders.length; index += 2) headers.append(request.rawHeaders[index]!, request.rawHeaders[index + 1]!);
  const host = request.headers.host ?? '127.0.0.1';
  let answer: Response;
  try {
    answer = await handleSignup(
      { url: `http://${host}${request.url ?? '/'}`, headers, body: bodyStream(request) },
      { runtime, socketAddress: request.socket.remoteAddress ?? '' },
    );
  } catch (error) {
    console.error('[api/leads]', error);
    answer = unavailable();
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

/** Whether a request is for the signup endpoint. */
export function isSignupPost(request: IncomingMessage): boolean {
  if (request.method !== 'POST') return false;
  const path = (request.url ?? '').split('?', 1)[0];
  return path === '/api/leads' || path === '/api/leads/';
}
