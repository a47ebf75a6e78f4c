import { jsonEndpointAnswer, toResponse, type HeaderReader } from '../server/endpoint-answer.ts';

/** Media types `POST /api/leads` accepts. */
export const ACCEPTED_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** Largest body the endpoint reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The media type of a Content-Type header, or undefined when it is not one we accept. Only the
 * part before the first `;` counts and it must match exactly, so `text/plain; application/json`
 * or `application/json;x` tricks are refused rather than guessed at.
 */
export function acceptedMediaType(header: string | null): AcceptedType | undefined {
  if (!header) return undefined;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return (ACCEPTED_TYPES as readonly string[]).includes(type) ? (type as AcceptedType) : undefined;
}

/**
 * Whether a POST comes from a page of this site: `Origin` (or, when a browser omits it,
 * `Referer`) must be one of the allowed origins. A request with neither is refused, as Astro's own
 * check does.
 */
export function isSameOrigin(headers: HeaderReader, allowed: ReadonlySet<string>): boolean {
  const origin = headers.get('origin');
  if (origin !== null) return allowed.has(origin.toLowerCase());
  const referer = headers.get('referer');
  if (!referer || !URL.canParse(referer)) return false;
  return allowed.has(new URL(referer).origin);
}

/** The site's canonical origin, and the one a request was addressed to (a browser sets Host to the target, so a foreign page cannot pick it). */
export function siteOrigins(siteUrl: URL, requestUrl: string): Set<string> {
  const allowed = new Set([siteUrl.origin]);
  if (URL.canParse(requestUrl)) allowed.add(new URL(requestUrl).origin);
  return allowed;
}

/** The client address: the socket's, or with a trusted proxy the last `X-Forwarded-For` hop (the one the proxy added). */
export function clientAddress(socketAddress: string, headers: HeaderReader, trustProxy: boolean): string {
  if (!trustProxy) return socketAddress;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? socketAddress;
}

export class BodyTooLargeError extends Error {}

/** A request whose body can be read: a web `Request` or the server's own adapter of a Node request. */
export interface RequestWithBody {
  headers: HeaderReader;
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
}

/** What the signup handler reads of a request. */
export interface SignupRequest extends RequestWithBody {
  url: string;
}

/**
 * Reads at most `limit` bytes of a body, whatever its framing (a declared length or chunks); more
 * throws BodyTooLargeError without reading the rest. Every endpoint that takes a body reads it here.
 */
export async function readBody(request: RequestWithBody, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const source = request.body;
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as ReadableStream<Uint8Array>).values();
  for (;;) {
    const { done, value } = await iterator.next();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await iterator.return?.();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Largest body a page's own form (unsubscribe, confirm, fresh download link) may send: a few short fields. */
export const PAGE_FORM_MAX_BYTES = 8 * 1024;

/** The answer to a body over an endpoint's cap. */
export function bodyTooLarge(limit: number): Response {
  return toResponse(jsonEndpointAnswer(413, { error: `The request body is larger than ${limit / 1024} KB.` }));
}

/** The body, read up to `limit` bytes as readBody() reads it; over that, the 413 answer to return instead. */
export async function readBodyOr413(request: RequestWithBody, limit: number): Promise<Uint8Array<ArrayBuffer> | Response> {
  try {
    return await readBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLarge(limit);
    throw error;
  }
}

/**
 * The form a page's POST carries (URL-encoded or multipart; anything else reads as empty), read up
 * to PAGE_FORM_MAX_BYTES; over that, the 413 answer to return instead.
 */
export async function readPageForm(request: RequestWithBody): Promise<FormData | Response> {
  const body = await readBodyOr413(request, PAGE_FORM_MAX_BYTES);
  if (body instanceof Response) return body;
  const type = request.headers.get('content-type') ?? '';
  return new Response(body, { headers: { 'content-type': type } }).formData().catch(() => new FormData());
}

export type Decoded = { ok: true; fields: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** Turns a body of an accepted type into a plain record of fields (first value wins for repeated form fields). */
export async function decodeBody(type: AcceptedType, contentType: string, body: Uint8Array<ArrayBuffer>): Promise<Decoded> {
  if (type === 'application/json') {
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      return { ok: false, errors: { body: 'is not valid JSON' } };
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, errors: { body: 'must be a JSON object' } };
    return { ok: true, fields: data as Record<string, unknown> };
  }
  let form: FormData | URLSearchParams;
  try {
    form =
      type === 'multipart/form-data'
        ? await new Response(body, { headers: { 'content-type': contentType } }).formData()
        : new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { ok: false, errors: { body: 'could not be read as a form' } };
  }
  const fields: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (Object.hasOwn(fields, name) || Object.hasOwn(errors, name)) continue;
    if (typeof value === 'string') fields[name] = value;
    else errors[name] = 'must be text, not a file';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, fields };
}
