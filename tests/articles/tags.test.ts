import { describe, expect, it } from 'vitest';
import { summarizeTags, tagSlug } from '../../src/articles/tags';

describe('tagSlug', () => {
  it.each([
    ['Lead scoring', 'lead-scoring'],
    ['  Paid ads ', 'paid-ads'],
    ['Sales & marketing', 'sales-and-marketing'],
    ['Café conversion', 'cafe-conversion'],
    ['B2B/SaaS', 'b2b-saas'],
    ['--Forms--', 'forms'],
  ])('%j → %s', (label, slug) => {
    expect(tagSlug(label)).toBe(slug);
  });

  it('slugs a label the same way every time it is asked, also after more distinct labels than it keeps', () => {
    expect(tagSlug('Lead scoring')).toBe('lead-scoring');
    for (let index = 0; index < 1_500; index++) expect(tagSlug(`Topic ${index}`)).toBe(`topic-${index}`);
    expect(tagSlug('Lead scoring')).toBe('lead-scoring');
    expect(tagSlug('Café conversion')).toBe('cafe-conversion');
  });
});

describe('summarizeTags', () => {
  it('counts each tag once per article, most used first, then alphabetical', () => {
    const summary = summarizeTags([{ tags: ['Forms', 'Conversion'] }, { tags: ['Conversion', 'conversion'] }, { tags: ['Analytics'] }]);
    expect(summary).toEqual([
      { slug: 'conversion', label: 'Conversion', count: 2 },
      { slug: 'analytics', label: 'Analytics', count: 1 },
      { slug: 'forms', label: 'Forms', count: 1 },
    ]);
  });

  it('returns nothing for no articles', () => {
    expect(summarizeTags([])).toEqual([]);
  });
});
