import { STATUS_CODES } from 'node:http';
import { defineMiddleware } from 'astro:middleware';

/**
 * Astro starts every page's response as "200 OK" and keeps the "OK" when a page sets only
 * `Astro.response.status`, so a 410 went out as "410 OK". Such a response gets its own reason phrase.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await withReasonPhrase(await next());
  // A page rendered on request gets a Content-Security-Policy with the hashes of its own inline code (built pages: src/server/serve.ts).
  // Not under `astro dev`, whose client injects styles and scripts at run time.
  if (context.isPrerendered || import.meta.env.DEV) return response;
  // Imported here, not at the top: the build prerenders every page through this middleware, and
  // would otherwise load the whole server (database, mailers, senders, logger) to render none of it.
  const [{ withPagePolicy }, { getRuntime }] = await Promise.all([import('./ops/security-headers.ts'), import('./server/runtime.ts')]);
  // Images may also come from SITE_URL, where emails (previewed in the admin) take the logo from.
  const siteOrigin = await getRuntime().then(
    (runtime) => [runtime.env.siteUrl.origin],
    () => [],
  );
  return withPagePolicy(response, siteOrigin);
});

function withReasonPhrase(response: Response): Response {
  if (response.status === 200 || response.statusText !== 'OK') return response;
  return new Response(response.body, { status: response.status, statusText: STATUS_CODES[response.status] ?? '', headers: response.headers });
}
