import { createHash, timingSafeEqual } from 'node:crypto';
import type { RateLimit } from '../config/rate-limit.ts';
import { clientKey, forgiveRateLimitHit, hitRateLimit } from '../leads/rate-limiter.ts';
import { clientAddress } from '../leads/request-guards.ts';
import type { Runtime } from './runtime.ts';

/** The admin's user name; the password is `ADMIN_PASSWORD`. */
export const ADMIN_USER = 'admin';

/**
 * Wrong passwords a client address may send before it must wait for its window to close. Counted
 * in the database with the signup limit's machinery, so the limit holds across server instances and
 * restarts, and an attacker spraying addresses grows a pruned table rather than server memory.
 */
export const ADMIN_ATTEMPTS: RateLimit = { max: 10, windowMs: 15 * 60_000 };

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The `user:password` of an HTTP Basic `Authorization` header; the scheme is case-insensitive (RFC 7235). */
export function basicCredentials(header: string | null): string | undefined {
  const match = /^basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header ?? '');
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : undefined;
}

/** Whether a request carries the admin's HTTP Basic credentials; compared in constant time. */
export function isAdmin(headers: Headers, password: string): boolean {
  const given = basicCredentials(headers.get('authorization'));
  return given !== undefined && timingSafeEqual(digest(given), digest(`${ADMIN_USER}:${password}`));
}

/**
 * Lets the admin through (undefined) or gives the answer to send instead: 401 to ask for the
 * password, 429 once an address has sent ADMIN_ATTEMPTS wrong ones. Every attempt is counted before
 * its password is compared, so concurrent guesses cannot slip past the limit; a right one is then
 * forgiven, so the admin's own browsing never counts.
 */
export async function guardAdmin(
  { store, env }: Pick<Runtime, 'store' | 'env'>,
  headers: Headers,
  socketAddress: string,
  now = Date.now(),
): Promise<Response | undefined> {
  if (basicCredentials(headers.get('authorization')) === undefined) return askForAdmin();
  const key = clientKey(clientAddress(socketAddress, headers, env.trustProxy), 'admin');
  const verdict = await hitRateLimit(store, key, ADMIN_ATTEMPTS, now);
  if (!verdict.allowed) return tooManyAttempts(verdict.retryAfterSeconds);
  if (!isAdmin(headers, env.adminPassword)) return askForAdmin();
  await forgiveRateLimitHit(store, key);
  return undefined;
}

/** The answer that makes a browser ask for the admin's name and password. */
export function askForAdmin(): Response {
  return new Response('Sign in as the admin (user "admin", password ADMIN_PASSWORD).', {
    status: 401,
    headers: {
      'WWW-Authenticate': 'Basic realm="Lodestone admin", charset="UTF-8"',
      'Cache-Control': 'no-store',
      'Content-Type': 'text/plain; charset=utf-8',
    },
  });
}

function tooManyAttempts(retryAfterSeconds: number): Response {
  return new Response(`Too many wrong passwords from your address; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
