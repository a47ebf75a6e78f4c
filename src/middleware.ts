import { STATUS_CODES } from 'node:http';
import { defineMiddleware } from 'astro:middleware';

/**
 * Astro starts every page's response as "200 OK" and keeps the "OK" when a page sets only
 * `Astro.response.status`, so a 410 went out as "410 OK". Such a response gets its own reason phrase.
 */
export const onRequest = defineMiddleware(async (_, next) => {
  const response = await next();
  if (response.status === 200 || response.statusText !== 'OK') return response;
  return new Response(response.body, { status: response.status, statusText: STATUS_CODES[response.status] ?? '', headers: response.headers });
});
