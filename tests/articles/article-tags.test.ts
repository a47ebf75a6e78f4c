import { describe, expect, it } from 'vitest';
import { articleTags } from '../../src/articles/article-tags.ts';
import { loadArticles } from '../../src/content-checks/load-articles.ts';

describe('articleTags', () => {
  it.each([
    { name: 'no articles', articles: [], tags: [] },
    { name: 'one article', articles: [{ tags: ['Lead scoring', 'Forms'] }], tags: ['Forms', 'Lead scoring'] },
    {
      name: 'every tag once across articles, trimmed, drafts included',
      articles: [{ tags: ['Lead scoring', 'Forms'] }, { tags: ['Sales handoff', ' Forms '], draft: true }],
      tags: ['Forms', 'Lead scoring', 'Sales handoff'],
    },
    { name: 'an article without tags', articles: [{ title: 'No tags' }, { tags: ['Measurement'] }], tags: ['Measurement'] },
    {
      name: 'tags that are not a list, or not strings, left to the schema',
      articles: [{ tags: 'Forms' }, { tags: [3, null, 'Forms'] }],
      tags: ['Forms'],
    },
  ])('$name', ({ articles, tags }) => {
    expect(articleTags(articles.map((data) => ({ data })))).toEqual(tags);
  });

  it('finds the shipped articles’ tags, folders included', async () => {
    expect(articleTags(await loadArticles('content/articles'))).toContain('Lead scoring');
  });
});
