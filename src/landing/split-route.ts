import type { LeadStore } from '../db/database.ts';
import type { Landing } from './landing-schema.ts';
import { assignVariant, SPLIT_COOKIE_MAX_AGE_S, splitCookieName } from './split.ts';

/**
 * `GET /lp/<slug>/` of a landing page that splits traffic, on demand: the visitor keeps the variant
 * in their cookie, or is assigned one by weight (and counted, for conversion per variant), then is
 * sent to that variant's prerendered page with the query string intact (UTM tags, click ids, kw).
 */
export async function assignSplit(
  store: LeadStore,
  landing: Landing,
  requestUrl: URL,
  cookieHeader: string | undefined,
  now: number,
  draw = Math.random(),
): Promise<Response> {
  const name = splitCookieName(landing.slug);
  const { variant, fresh } = assignVariant(landing.data, cookieValue(cookieHeader, name), draw);
  if (fresh) await store.write((trx) => trx.insertInto('variant_assignments').values({ landing: landing.slug, variant, created_at: now }).execute());
  const headers = new Headers({
    Location: `/lp/${landing.slug}/${variant}/${requestUrl.search}`,
    'Cache-Control': 'private, no-store',
    Vary: 'Cookie',
  });
  headers.append(
    'Set-Cookie',
    `${name}=${variant}; Path=/lp/${landing.slug}/; Max-Age=${SPLIT_COOKIE_MAX_AGE_S}; SameSite=Lax${requestUrl.protocol === 'https:' ? '; Secure' : ''}`,
  );
  return new Response(null, { status: 302, headers });
}

/**
 * The value of cookie `name`, or undefined when it is missing or not valid percent-encoding: a
 * visitor's cookie is whatever their browser (or a bot) sends, and a broken one only means a fresh
 * assignment.
 */
function cookieValue(header: string | undefined, name: string): string | undefined {
  let value: string | undefined;
  for (const [, key, raw] of (header ?? '').matchAll(/(?:^|;\s*)([^=;]+)=([^;]*)/g)) {
    if (key !== name) continue;
    try {
      value = decodeURIComponent(raw!);
    } catch {
      value = undefined;
    }
  }
  return value;
}
