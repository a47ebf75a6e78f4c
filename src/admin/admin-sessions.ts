import { createHash, randomBytes } from 'node:crypto';
import type { LeadStore } from '../db/database.ts';

/** The cookie that carries an admin session's token; scoped to /admin, so no public page ever receives it. */
export const ADMIN_SESSION_COOKIE = 'lodestone_admin';

/** A session ends after this long unused… */
export const SESSION_IDLE_MS = 12 * 3_600_000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3_600_000;
/** How stale `seen_at` may grow before a visit writes it again: one write a minute, not one per page. */
const SEEN_EVERY_MS = 60_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Starts a session: a fresh random token for the cookie (256 bits), of which the table keeps only
 * the hash, so a copy of the database signs no one in. Expired sessions are pruned on the way.
 */
export async function startAdminSession(store: LeadStore, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await pruneAdminSessions(store, now);
  await store.write(async (trx) => {
    await trx
      .insertInto('admin_sessions')
      .values({ token_hash: hashOf(token), created_at: now, seen_at: now, expires_at: Math.min(now + SESSION_IDLE_MS, now + SESSION_ABSOLUTE_MS) })
      .execute();
  });
  return token;
}

/** Whether `token` names a live session; a live one is kept alive for another idle period. */
export async function isAdminSession(store: LeadStore, token: string | undefined, now: number): Promise<boolean> {
  if (!token) return false;
  const tokenHash = hashOf(token);
  const session = await store.db.selectFrom('admin_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!session || session.expires_at <= now) return false;
  if (now - session.seen_at >= SEEN_EVERY_MS) {
    const expiresAt = Math.min(now + SESSION_IDLE_MS, session.created_at + SESSION_ABSOLUTE_MS);
    // A lost refresh costs at most one minute of idle time: no disk sync needed.
    await store.write(
      (trx) => trx.updateTable('admin_sessions').set({ seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute(),
      {
        durable: false,
      },
    );
  }
  return true;
}

/** Drops every expired session (at each sign-in, and with the server's periodic pruning). */
export async function pruneAdminSessions(store: LeadStore, now: number): Promise<void> {
  await store.write((trx) => trx.deleteFrom('admin_sessions').where('expires_at', '<=', now).execute(), { durable: false });
}

/** Ends the session `token` names (signing out); nothing happens for an unknown token. */
export async function endAdminSession(store: LeadStore, token: string | undefined): Promise<void> {
  if (!token) return;
  await store.write((trx) => trx.deleteFrom('admin_sessions').where('token_hash', '=', hashOf(token)).execute());
}

/** The value of cookie `name` in a `Cookie` header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.split('=');
    if (key?.trim() === name) return value.join('=').trim() || undefined;
  }
  return undefined;
}

/** The `Set-Cookie` value for a new session: HttpOnly, SameSite=Strict, Secure when the site is served over https. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${ADMIN_SESSION_COOKIE}=${token}; Path=/admin; Max-Age=${SESSION_ABSOLUTE_MS / 1000}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${ADMIN_SESSION_COOKIE}=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
