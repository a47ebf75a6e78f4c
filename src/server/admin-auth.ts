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

/** What a password attempt came to: right, wrong, or refused unchecked because the address sent too many wrong ones. */
export type PasswordVerdict = { ok: true } | { ok: false; retryAfterSeconds?: number };

/**
 * Checks `user:password` as the admin's, for HTTP Basic and the sign-in form alike. Every attempt is
 * counted per client address before its password is compared (in constant time), so concurrent
 * guesses cannot slip past ADMIN_ATTEMPTS; a right one is then forgiven, so the admin's own browsing
 * never counts.
 */
export async function checkAdminPassword(
  { store, env }: Pick<Runtime, 'store' | 'env'>,
  given: string,
  headers: Headers,
  socketAddress: string,
  now = Date.now(),
): Promise<PasswordVerdict> {
  const key = clientKey(clientAddress(socketAddress, headers, env.trustProxy), 'admin');
  const verdict = await hitRateLimit(store, key, ADMIN_ATTEMPTS, now);
  if (!verdict.allowed) return { ok: false, retryAfterSeconds: verdict.retryAfterSeconds };
  if (!timingSafeEqual(digest(given), digest(`${ADMIN_USER}:${env.adminPassword}`))) return { ok: false };
  await forgiveRateLimitHit(store, key);
  return { ok: true };
}

/**
 * Lets the admin through on HTTP Basic (undefined) or gives the answer to send instead: 401 to ask
 * for the password, 429 once an address has sent ADMIN_ATTEMPTS wrong ones.
 */
export async function guardAdmin(
  runtime: Pick<Runtime, 'store' | 'env'>,
  headers: Headers,
  socketAddress: string,
  now = Date.now(),
): Promise<Response | undefined> {
  const given = basicCredentials(headers.get('authorization'));
  if (given === undefined) return askForAdmin();
  const verdict = await checkAdminPassword(runtime, given, headers, socketAddress, now);
  if (verdict.ok) return undefined;
  return verdict.retryAfterSeconds === undefined ? askForAdmin() : tooManyAttempts(verdict.retryAfterSeconds);
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

/** What the admin is told while an address must wait. */
export const tooManyAttemptsMessage = (retryAfterSeconds: number) =>
  `Too many wrong passwords from your address; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`;

function tooManyAttempts(retryAfterSeconds: number): Response {
  return new Response(tooManyAttemptsMessage(retryAfterSeconds), {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
