import type { AstroGlobal } from 'astro';
import { askForAdmin, guardAdmin } from '../server/admin-auth.ts';
import { isSameOrigin, siteOrigins } from '../leads/request-guards.ts';
import { getRuntime, type Runtime } from '../server/runtime.ts';
import { ADMIN_SESSION_COOKIE, cookieValue, isAdminSession } from './admin-sessions.ts';

/** What every admin page answers with: never cached, never indexed. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' };

/** What an admin page or endpoint reads of Astro's page global or an endpoint's context. */
export type AdminRequest = Pick<AstroGlobal, 'request' | 'clientAddress'> & { response?: Pick<AstroGlobal['response'], 'headers'> };

/**
 * The start of every page under /admin: the runtime once the admin is signed in (a session cookie,
 * or HTTP Basic for scripts), or the answer to send instead: a browser's page navigation goes to the
 * sign-in form (303), anything else gets 401 with a Basic challenge, too many wrong passwords 429.
 * Sets the admin headers on the page's response.
 *
 * ```astro
 * const opened = await openAdminPage(Astro);
 * if (opened instanceof Response) return opened;
 * const { runtime } = opened;
 * ```
 */
export async function openAdminPage(astro: AdminRequest): Promise<{ runtime: Runtime } | Response> {
  const runtime = await getRuntime();
  const { request } = astro;
  const signedIn = await hasAdminSession(runtime, request);
  if (!signedIn) {
    if (!request.headers.has('authorization') && wantsPage(request)) return toSignIn(request.url);
    const refused = await guardAdmin(runtime, request.headers, astro.clientAddress);
    if (refused) return refused;
  }
  for (const [name, value] of Object.entries(ADMIN_HEADERS)) astro.response?.headers.set(name, value);
  return { runtime };
}

/**
 * The start of every admin POST (erase, retry, sign-out…): as openAdminPage, and the request must
 * come from a page of this site when the browser's session cookie signs it in. A Basic-signed
 * script may omit `Origin`, but a foreign `Origin` is refused either way (browsers replay cached
 * Basic credentials cross-site). Refusals are 403, 401 or 429, but a browser's form posted after
 * its session ended goes to the sign-in form (303), to come back to the page it was posted from.
 *
 * ```ts
 * export const POST: APIRoute = async (context) => {
 *   const opened = await guardAdminPost(context);
 *   if (opened instanceof Response) return opened;
 *   const { runtime } = opened;
 * ```
 */
export async function guardAdminPost(context: AdminRequest): Promise<{ runtime: Runtime } | Response> {
  const runtime = await getRuntime();
  const { request } = context;
  const fromSite = isSameOrigin(request.headers, siteOrigins(runtime.env.siteUrl, request.url));
  const saysWhere = request.headers.has('origin') || request.headers.has('referer');
  if (!fromSite && saysWhere) return crossSite();
  if (await hasAdminSession(runtime, request)) {
    if (!fromSite) return crossSite();
  } else {
    if (!request.headers.has('authorization')) return wantsPage(request) ? toSignIn(request.headers.get('referer') ?? '') : askForAdmin();
    const refused = await guardAdmin(runtime, request.headers, context.clientAddress);
    if (refused) return refused;
  }
  for (const [name, value] of Object.entries(ADMIN_HEADERS)) context.response?.headers.set(name, value);
  return { runtime };
}

/** Whether the request's session cookie names a live admin session. */
export function hasAdminSession(runtime: Pick<Runtime, 'store'>, request: Request, now = Date.now()): Promise<boolean> {
  return isAdminSession(runtime.store, cookieValue(request.headers.get('cookie'), ADMIN_SESSION_COOKIE), now);
}

/** Whether the session cookie must carry `Secure`: the site, or this request, is served over https. */
export function secureCookies(runtime: Pick<Runtime, 'env'>, request: Request): boolean {
  return runtime.env.siteUrl.protocol === 'https:' || request.url.startsWith('https:');
}

/** Where the sign-in form sends the admin back to: an admin path of this site, never anywhere else. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s\0]/.test(next)) return '/admin/';
  const url = URL.parse(next, 'http://admin.invalid');
  if (!url || url.origin !== 'http://admin.invalid' || !/^\/admin(\/|$)/.test(url.pathname) || url.pathname.startsWith('/admin/login'))
    return '/admin/';
  return `${url.pathname}${url.search}`;
}

/** The sign-in form, to come back to `returnTo` (the page asked for). */
export function toSignIn(returnTo: string): Response {
  const url = URL.parse(returnTo);
  const next = url ? safeNext(`${url.pathname}${url.search}`) : '/admin/';
  return new Response(null, { status: 303, headers: { Location: `/admin/login?next=${encodeURIComponent(next)}`, ...ADMIN_HEADERS } });
}

/** A browser navigating to a page or posting a form (it asks for HTML), as opposed to a script or a fetch of data. */
function wantsPage(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

/** The answer to an admin POST from another site. */
export function crossSite(): Response {
  return new Response('Cross-site admin requests are refused.', {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...ADMIN_HEADERS },
  });
}
