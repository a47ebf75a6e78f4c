import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SignupRequest } from '../leads/request-guards.ts';
import { logError } from '../ops/logger.ts';
import type { EndpointAnswer, HeaderReader } from './endpoint-answer.ts';
import { bodyStream } from './http-server.ts';

/** An endpoint's one handler, called by its Astro route under `astro dev` and straight from Node's server in production. */
export type EndpointHandler = (request: SignupRequest, socketAddress: string) => Promise<EndpointAnswer>;

/**
 * Answers a request with `handle`, skipping Astro's page pipeline, which costs more per request
 * than the endpoints' own work. A handler that throws (the store is down) gets `unavailable(headers)`:
 * logged, never a 500.
 */
export async function serveEndpoint(
  request: IncomingMessage,
  response: ServerResponse,
  handle: EndpointHandler,
  unavailable: (headers: HeaderReader) => EndpointAnswer,
  label: string,
): Promise<void> {
  const headers = nodeHeaders(request);
  const host = request.headers.host ?? '127.0.0.1';
  let answer: EndpointAnswer;
  try {
    answer = await handle({ url: `http://${host}${request.url ?? '/'}`, headers, body: bodyStream(request) }, request.socket.remoteAddress ?? '');
  } catch (error) {
    logError(label, error);
    answer = unavailable(headers);
  }
  writeAnswer(response, answer);
}

/** Writes an answer to Node's response. A 204 or 304 has no body and, as HTTP asks, no Content-Length. */
export function writeAnswer(response: ServerResponse, { status, headers, cookies, body = '' }: EndpointAnswer): void {
  const bodiless = status === 204 || status === 304;
  response.writeHead(status, {
    ...headers,
    ...(bodiless ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
    ...(cookies?.length ? { 'set-cookie': [...cookies] } : {}),
  });
  response.end(bodiless ? undefined : body);
}

/**
 * Node's parsed request headers, read as a web Headers' get() reads them: by any casing, repeats
 * joined. Node keeps the first of a repeated header that may appear only once (Content-Type,
 * Content-Length, Referer…), where a web Headers would join them and fail the checks on them.
 */
function nodeHeaders(request: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Whether a request is a POST to `path` (with or without a trailing slash, whatever the query). */
export function isPostTo(request: IncomingMessage, path: string): boolean {
  if (request.method !== 'POST') return false;
  const target = (request.url ?? '').split('?', 1)[0];
  return target === path || target === `${path}/`;
}
