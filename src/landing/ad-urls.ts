import type { Landing, Platform, Variant } from './landing-schema.ts';

/**
 * The click id each platform fills in on click: Google's ValueTrack `{gclid}` (and `{keyword}` for
 * keyword insertion), TikTok's `__CLICKID__`; Meta appends `fbclid` itself, so its URL carries the
 * ad id macro instead, for reporting per ad.
 */
const CLICK_MACROS: Record<Platform, Record<string, string>> = {
  google: { gclid: '{gclid}', utm_term: '{keyword}', kw: '{keyword}' },
  tiktok: { ttclid: '__CLICKID__' },
  meta: { ad_id: '{{ad.id}}' },
  linkedin: { li_fat_id: '{{CLICK_ID}}' },
};

/** The final URL to paste into the ad manager for one variant. */
export function adUrl(siteUrl: URL, landing: Landing, variant: Variant): string {
  const url = new URL(`/lp/${landing.slug}/${variant.slug}/`, siteUrl);
  const params: [string, string][] = [
    ['utm_source', variant.utm.source],
    ['utm_medium', variant.utm.medium],
    ['utm_campaign', landing.data.campaign],
    ['utm_content', variant.utm.content ?? variant.slug],
  ];
  // Macros stay readable: the platforms look for them verbatim, braces and all.
  const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  for (const [key, macro] of Object.entries(CLICK_MACROS[variant.ad.platform])) query.push(`${key}=${macro}`);
  return `${url.href}?${query.join('&')}`;
}

export interface AdRow {
  landing: string;
  variant: string;
  platform: Platform;
  headline: string;
  url: string;
}

export function adRows(siteUrl: URL, landings: readonly Landing[]): AdRow[] {
  return landings.flatMap((landing) =>
    landing.data.variants.map((variant) => ({
      landing: landing.slug,
      variant: variant.slug,
      platform: variant.ad.platform,
      headline: variant.ad.headline,
      url: adUrl(siteUrl, landing, variant),
    })),
  );
}

/** RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. */
export function toCsv(rows: readonly AdRow[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const header = ['landing', 'variant', 'platform', 'ad headline', 'final url'];
  return (
    [header, ...rows.map((row) => [row.landing, row.variant, row.platform, row.headline, row.url])]
      .map((fields) => fields.map(quote).join(','))
      .join('\r\n') + '\r\n'
  );
}
