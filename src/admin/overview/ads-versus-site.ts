import type { SourceQuality } from './source-queries.ts';

/** One campaign's leads from the ad platforms' own lead forms beside those from the site, with how many of each qualified. */
export interface AdsVersusSite {
  campaign: string;
  adLeads: number;
  /** Of the ad leads, those that reached marketing-qualified (or went past it). */
  adQualified: number;
  siteLeads: number;
  siteQualified: number;
}

/**
 * Per utm_campaign (a lead ad's campaign id, or the tag of a site visit), leads from lead ads beside
 * leads from the site: whether a platform's form brings leads as good as the landing page does.
 * Campaigns without a name are left out; those with the most leads come first.
 */
export function adsVersusSite(sources: readonly SourceQuality[]): AdsVersusSite[] {
  const campaigns = new Map<string, AdsVersusSite>();
  for (const row of sources) {
    if (row.campaign === null) continue;
    let entry = campaigns.get(row.campaign);
    if (!entry) campaigns.set(row.campaign, (entry = { campaign: row.campaign, adLeads: 0, adQualified: 0, siteLeads: 0, siteQualified: 0 }));
    entry.adLeads += row.fromAds;
    entry.adQualified += row.adsQualified;
    entry.siteLeads += row.leads - row.fromAds;
    entry.siteQualified += row.marketingQualified - row.adsQualified;
  }
  return [...campaigns.values()].sort(
    (a, b) => b.adLeads + b.siteLeads - (a.adLeads + a.siteLeads) || (a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : 0),
  );
}
