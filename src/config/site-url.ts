/** Where the site lives when nobody says otherwise: the dev and `npm start` address. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/**
 * Reads `SITE_URL`, the canonical origin baked into every canonical link, sitemap entry and
 * JSON-LD id at build time. A value that is not an absolute http(s) origin stops the build with a
 * message naming the variable, instead of shipping pages whose canonical URLs point nowhere.
 */
export function parseSiteUrl(value: string | undefined): URL {
  const raw = value?.trim() || DEFAULT_SITE_URL;
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
