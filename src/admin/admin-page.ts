import type { AstroGlobal } from 'astro';
import { guardAdmin } from '../server/admin-auth.ts';
import { getRuntime, type Runtime } from '../server/runtime.ts';

/** What every admin page answers with: never cached, never indexed. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' };

/**
 * The start of every page under /admin: the runtime once the admin is signed in, or the answer to
 * send instead (the sign-in, 401, 429). Sets the admin headers on the page's response.
 *
 * ```astro
 * const opened = await openAdminPage(Astro);
 * if (opened instanceof Response) return opened;
 * const { runtime } = opened;
 * ```
 */
export async function openAdminPage(astro: Pick<AstroGlobal, 'request' | 'clientAddress' | 'response'>): Promise<{ runtime: Runtime } | Response> {
  const runtime = await getRuntime();
  const refused = await guardAdmin(runtime, astro.request.headers, astro.clientAddress);
  if (refused) return refused;
  for (const [name, value] of Object.entries(ADMIN_HEADERS)) astro.response.headers.set(name, value);
  return { runtime };
}
