import { signFormStamp } from '../../src/leads/form-stamp.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

/** A stamp issued `ageMs` ago, as the form page would have carried it. */
export function stamp(ageMs = 3_000, secret = TEST_SECRET): string {
  return signFormStamp(secret, Date.now() - ageMs);
}

export interface PostOptions {
  type?: string;
  origin?: string | null;
  accept?: string;
  headers?: Record<string, string>;
}

/** Posts a signup to `base/api/leads` as a browser on `base` would, unless told otherwise. */
export function postSignup(
  base: string,
  body: Record<string, unknown> | string | Uint8Array<ArrayBuffer>,
  options: PostOptions = {},
): Promise<Response> {
  const type = options.type ?? 'application/json';
  const headers: Record<string, string> = { 'Content-Type': type, ...options.headers };
  const origin = options.origin === undefined ? base : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.accept) headers.Accept = options.accept;
  let payload: string | Uint8Array<ArrayBuffer>;
  if (typeof body === 'string' || body instanceof Uint8Array) payload = body as string | Uint8Array<ArrayBuffer>;
  else if (type.startsWith('application/json')) payload = JSON.stringify(body);
  else payload = new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)])).toString();
  return fetch(`${base}/api/leads`, { method: 'POST', headers, body: payload, redirect: 'manual' });
}

/** A valid JSON signup for `email`. */
export function signup(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { email, consent: true, stamp: stamp(), ...extra };
}
