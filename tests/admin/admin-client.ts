/** Talks to the admin of a server under test as a browser or a script would. */
export const ADMIN_PASSWORD = 'admin-password-0123';

export const basic = (password = ADMIN_PASSWORD) => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

/** The `name=value` part of a response's Set-Cookie for the admin session, or undefined. */
export function sessionFrom(response: Response): string | undefined {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('lodestone_admin='));
  return cookie?.split(';', 1)[0];
}

export interface SignInOptions {
  password?: string;
  origin?: string | null;
  next?: string;
  /** Sent as X-Forwarded-For (the harness trusts the proxy), so each test can come from an address of its own. */
  address?: string;
  cookie?: string;
}

/** Posts the sign-in form as the browser does. */
export function postSignIn(base: string, options: SignInOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' };
  const origin = options.origin === undefined ? base : options.origin;
  if (origin !== null) headers.Origin = origin;
  if (options.address) headers['X-Forwarded-For'] = options.address;
  if (options.cookie) headers.Cookie = options.cookie;
  const body = new URLSearchParams({ user: 'admin', password: options.password ?? ADMIN_PASSWORD, ...(options.next ? { next: options.next } : {}) });
  return fetch(`${base}/admin/login`, { method: 'POST', headers, body, redirect: 'manual' });
}

/** Signs in through the form and returns the session cookie (`lodestone_admin=…`). */
export async function signInCookie(base: string, address?: string): Promise<string> {
  const response = await postSignIn(base, { address });
  const cookie = sessionFrom(response);
  if (response.status !== 303 || !cookie) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookie;
}

/** GETs an admin page as a browser navigating to it (Accept: text/html), with the given cookie or Authorization. */
export function browse(base: string, path: string, auth: { cookie?: string; authorization?: string; accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: auth.accept ?? 'text/html,application/xhtml+xml' };
  if (auth.cookie) headers.Cookie = auth.cookie;
  if (auth.authorization) headers.Authorization = auth.authorization;
  return fetch(`${base}${path}`, { headers, redirect: 'manual' });
}
