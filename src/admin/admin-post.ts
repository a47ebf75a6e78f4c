import type { APIContext, AstroGlobal } from 'astro';
import { isSameOrigin, siteOrigins } from '../leads/request-guards.ts';
import type { Runtime } from '../server/runtime.ts';
import { ADMIN_HEADERS, openAdminPage } from './admin-page.ts';

/**
 * The start of every state-changing admin request (retry, erase, export): signed in as for a page,
 * and posted from a page of this site, or a 403.
 */
export async function openAdminPost(context: Pick<APIContext, 'request' | 'clientAddress'>): Promise<{ runtime: Runtime } | Response> {
  const opened = await openAdminPage({ ...context, response: { headers: new Headers() } as AstroGlobal['response'] });
  if (opened instanceof Response) return opened;
  if (!isSameOrigin(context.request.headers, siteOrigins(opened.runtime.env.siteUrl, context.request.url))) {
    return new Response('Cross-site request refused', { status: 403, headers: { ...ADMIN_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return opened;
}

/** A 303 back to an admin page, with a message for it to show (`?notice=`). */
export function adminRedirect(path: string, notice: string): Response {
  const query = new URLSearchParams({ notice });
  return new Response(null, { status: 303, headers: { ...ADMIN_HEADERS, Location: `${path}?${query}` } });
}
