import { createHash, timingSafeEqual } from 'node:crypto';

/** The admin's user name; the password is `ADMIN_PASSWORD`. */
export const ADMIN_USER = 'admin';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether a request carries the admin's HTTP Basic credentials; compared in constant time. */
export function isAdmin(headers: Headers, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(headers.get('authorization') ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'base64').toString('utf8');
  return timingSafeEqual(digest(given), digest(`${ADMIN_USER}:${password}`));
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
