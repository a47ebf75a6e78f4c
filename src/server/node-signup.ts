import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleSignup, unavailable } from '../leads/signup-handler.ts';
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
      { url: `http://${host}${request.url ?? '/'}`, headers, body: request },
      { runtime, socketAddress: request.socket.remoteAddress ?? '' },
    );
  } catch (error) {
    console.error('[api/leads]', error);
    answer = unavailable();
  }
  const body = Buffer.from(await answer.arrayBuffer());
  const out: Record<string, string> = { 'Content-Length': String(body.byteLength) };
  answer.headers.forEach((value, name) => (out[name] = value));
  response.writeHead(answer.status, out);
  response.end(body);
  if (!request.complete) discardRest(request);
}

/** Most we read and drop of a refused body before hanging up, and how long we wait for it. */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;
const DISCARD_LIMIT_MS = 5_000;

/**
 * A refused body may still be arriving. Hanging up at once makes the client's kernel see a reset while
 * it is still writing, so it never reads the 413 it was sent; reading and dropping the rest lets it.
 * A client that keeps sending past a few megabytes or seconds is cut off.
 */
function discardRest(request: IncomingMessage): void {
  if (request.destroyed) return;
  let dropped = 0;
  const timer = setTimeout(() => request.destroy(), DISCARD_LIMIT_MS).unref();
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > DISCARD_LIMIT_BYTES) request.destroy();
  });
  request.once('close', () => clearTimeout(timer));
  request.resume();
}

/** Whether a request is for the signup endpoint. */
export function isSignupPost(request: IncomingMessage): boolean {
  if (request.method !== 'POST') return false;
  const path = (request.url ?? '').split('?', 1)[0];
  return path === '/api/leads' || path === '/api/leads/';
}
