/** Longest path the beacon reads: longer than any page of the site, shorter than the body cap. */
export const MAX_PATH_LENGTH = 512;

/** What `location.pathname` can hold once the browser has percent-encoded it. */
const PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/**
 * The page path a beacon's body names, in the form the site links it (`/articles/x/`), or
 * undefined when the body is not a path at all. `/articles/x` and `/articles/x/index.html` are the
 * same page as `/articles/x/`; anything else is looked up as it is, so an unknown path stays unknown.
 */
export function beaconPath(body: string): string | undefined {
  const path = body.trim();
  if (path.length > MAX_PATH_LENGTH || !PATH.test(path) || path.startsWith('//')) return undefined;
  const page = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
  const last = page.slice(page.lastIndexOf('/') + 1);
  return last === '' || last.includes('.') ? page : `${page}/`;
}
