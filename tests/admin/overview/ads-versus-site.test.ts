import { describe, expect, it } from 'vitest';
import { adsVersusSite } from '../../../src/admin/overview/ads-versus-site.ts';
import type { SourceQuality } from '../../../src/admin/overview/source-queries.ts';

const row = (
  campaign: string | null,
  leads: number,
  marketingQualified: number,
  fromAds: number,
  adsQualified: number,
  source = 'facebook',
): SourceQuality => ({
  source,
  medium: null,
  campaign,
  leads,
  marketingQualified,
  salesReady: 0,
  fromAds,
  adsQualified,
});

describe('adsVersusSite', () => {
  it.each([
    ['nothing', [], []],
    ['a campaign without a name, left out', [row(null, 5, 1, 2, 1)], []],
    [
      'a campaign with leads from both, split',
      [row('4001', 10, 4, 6, 3)],
      [{ campaign: '4001', adLeads: 6, adQualified: 3, siteLeads: 4, siteQualified: 1 }],
    ],
    [
      'one campaign under two sources, added up, the larger campaign first',
      [row('spring', 2, 1, 0, 0, 'google'), row('4001', 3, 0, 3, 0), row('spring', 3, 2, 1, 1)],
      [
        { campaign: 'spring', adLeads: 1, adQualified: 1, siteLeads: 4, siteQualified: 2 },
        { campaign: '4001', adLeads: 3, adQualified: 0, siteLeads: 0, siteQualified: 0 },
      ],
    ],
  ])('%s', (_, sources, expected) => {
    expect(adsVersusSite(sources)).toEqual(expected);
  });
});
