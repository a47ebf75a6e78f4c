import type { APIRoute } from 'astro';
import { ADMIN_HEADERS, crossSite, secureCookies } from '../../admin/admin-page';
import { ADMIN_SESSION_COOKIE, clearedSessionCookie, cookieValue, endAdminSession } from '../../admin/admin-sessions';
import { isSameOrigin, siteOrigins } from '../../leads/request-guards';
import { getRuntime } from '../../server/runtime';

/**
 * Signs the admin out: deletes the session the cookie names (its token is dead from then on) and
 * clears the cookie. Only from a page of this site; needs no password, since it only ends a session.
 */
export const prerender = false;

export const POST: APIRoute = async ({ request }) => {
  const runtime = await getRuntime();
  if (!isSameOrigin(request.headers, siteOrigins(runtime.env.siteUrl, request.url))) {
    return crossSite();
  }
  await endAdminSession(runtime.store, cookieValue(request.headers.get('cookie'), ADMIN_SESSION_COOKIE));
  return new Response(null, {
    status: 303,
    headers: { Location: '/admin/login', 'Set-Cookie': clearedSessionCookie(secureCookies(runtime, request)), ...ADMIN_HEADERS },
  });
};
