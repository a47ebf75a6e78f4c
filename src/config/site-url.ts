import { localOrigin, parseListenAddress } from './listen-address.ts';

/**
 * Reads `SITE_URL`, the canonical origin baked into every canonical link, sitemap entry and
 * JSON-LD id at build time, and into every emailed link at run time. A value that is not an absolute http(s) origin stops the build with a message naming the variable,
 * instead of shipping pages whose canonical URLs point nowhere.
 */
export function parseSiteUrl(value: string): URL {
  const raw = value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://example.com (got "${raw}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL must use http or https (got "${raw}")`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`SITE_URL must be a bare origin with no query, fragment or credentials (got "${raw}")`);
  }
  if (url.pathname !== '/') {
    throw new Error(`SITE_URL must be an origin without a path; serve the site from the root (got "${raw}")`);
  }
  return url;
}

/**
 * `SITE_URL`, or where `npm start` serves the site when it is unset: the origin HOST and PORT give
 * (see localOrigin), so the build and the server, which see the same environment, agree on every
 * link.
 */
export function siteUrlFromEnv(env: Record<string, string | undefined>): URL {
  return parseSiteUrl(env.SITE_URL?.trim() || localOrigin(parseListenAddress(env)));
}
