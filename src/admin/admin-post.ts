import type { APIContext } from 'astro';
import type { Runtime } from '../server/runtime.ts';
import { ADMIN_HEADERS, guardAdminPost } from './admin-page.ts';

/**
 * The start of every state-changing admin request (retry, erase, export): guardAdminPost() — signed
 * in as for a page, and posted from a page of this site when a session cookie signs it in.
 */
export function openAdminPost(context: Pick<APIContext, 'request' | 'clientAddress'>): Promise<{ runtime: Runtime } | Response> {
  return guardAdminPost(context);
}

/** A 303 back to an admin page, with a message for it to show (`?notice=`). */
export function adminRedirect(path: string, notice: string): Response {
  const query = new URLSearchParams({ notice });
  return new Response(null, { status: 303, headers: { ...ADMIN_HEADERS, Location: `${path}?${query}` } });
}
