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
  const cookie = /(?:^|;\s*)([^=;]+)=([^;]*)/g;
  let current: string | undefined;
  for (const [, key, value] of (cookieHeader ?? '').matchAll(cookie)) if (key === name) current = decodeURIComponent(value!);
  const { variant, fresh } = assignVariant(landing.data, current, draw);
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
