/** Where the beacon posts: the page's path as `text/plain`, a body that needs no CORS preflight. */
export const BEACON_ENDPOINT = '/api/events';

/**
 * The whole client side of page views, inlined at the end of every counted page: one request with
 * the path, no cookie set, nothing read from the browser. A page that carries it is a counted page
 * (the build's page index looks for it), so the layouts decide what counts in one place.
 */
export const BEACON_SNIPPET = `navigator.sendBeacon&&navigator.sendBeacon('${BEACON_ENDPOINT}',location.pathname)`;
