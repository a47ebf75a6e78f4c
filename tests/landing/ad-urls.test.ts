import { describe, expect, it } from 'vitest';
import { adRows, adUrl, toCsv } from '../../src/landing/ad-urls.ts';
import { landingSchema, type Landing } from '../../src/landing/landing-schema.ts';

const variant = (slug: string, platform: string, content?: string) => ({
  slug,
  ad: { platform, headline: 'A headline, "quoted"', primary_text: 'Primary text', cta: 'Download', image: 'An image of it' },
  page: { headline: 'A page headline', subheadline: 'A page sub-headline', cta: 'Download it' },
  utm: { source: platform, medium: 'paid', ...(content ? { content } : {}) },
});
const landing: Landing = {
  slug: 'scoring',
  data: landingSchema.parse({
    title: 'Scoring campaign',
    offer: { magnet: 'lead-scoring-worksheet' },
    campaign: 'spring_2027',
    sections: {
      benefits: [
        { title: 'One', text: 'The first benefit.' },
        { title: 'Two', text: 'The second benefit.' },
      ],
      proof: { quote: 'It worked for us within a week.', name: 'A reader', role: 'Marketer' },
    },
    variants: [variant('fb', 'meta', 'photo-1'), variant('tt', 'tiktok'), variant('search', 'google'), variant('li', 'linkedin')],
  }),
};
const site = new URL('https://lodestone.example');

describe('adUrl', () => {
  it.each([
    ['fb', 'https://lodestone.example/lp/scoring/fb/?utm_source=meta&utm_medium=paid&utm_campaign=spring_2027&utm_content=photo-1&ad_id={{ad.id}}'],
    ['tt', 'https://lodestone.example/lp/scoring/tt/?utm_source=tiktok&utm_medium=paid&utm_campaign=spring_2027&utm_content=tt&ttclid=__CLICKID__'],
    [
      'search',
      'https://lodestone.example/lp/scoring/search/?utm_source=google&utm_medium=paid&utm_campaign=spring_2027&utm_content=search&gclid={gclid}&utm_term={keyword}&kw={keyword}',
    ],
    [
      'li',
      'https://lodestone.example/lp/scoring/li/?utm_source=linkedin&utm_medium=paid&utm_campaign=spring_2027&utm_content=li&li_fat_id={{CLICK_ID}}',
    ],
  ])('%s', (slug, url) => {
    expect(
      adUrl(
        site,
        landing,
        landing.data.variants.find((item) => item.slug === slug)!,
      ),
    ).toBe(url);
  });
});

describe('toCsv', () => {
  it('writes a header and one quoted row per variant, doubling quotes', () => {
    const csv = toCsv(adRows(site, [landing]));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('"landing","variant","platform","ad headline","final url"');
    expect(lines[1]).toBe(
      '"scoring","fb","meta","A headline, ""quoted""","https://lodestone.example/lp/scoring/fb/?utm_source=meta&utm_medium=paid&utm_campaign=spring_2027&utm_content=photo-1&ad_id={{ad.id}}"',
    );
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
  });
});
