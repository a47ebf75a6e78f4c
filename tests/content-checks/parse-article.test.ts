import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/content-checks/parse-article.ts';

const article = (frontmatter: string) => parseArticle('content/articles/x.mdx', 'x', `---\n${frontmatter}\n---\n\nBody text.\n`);

describe('parseArticle’s frontmatter', () => {
  it.each([
    ['a date stays the string it is written as', 'published: 2026-01-15', { published: '2026-01-15' }],
    [
      'booleans, lists and maps',
      'draft: true\ntags: [a, b]\nlint:\n  ignore: [orphan]',
      { draft: true, tags: ['a', 'b'], lint: { ignore: ['orphan'] } },
    ],
    ['a duplicate key is read, the last value kept, for the schema to report', 'title: one\ntitle: two', { title: 'two' }],
    ['no frontmatter at all', '', {}],
  ])('%s', (_case, frontmatter, data) => {
    expect(article(frontmatter).data).toEqual(data);
  });

  it('places a nested key on its own line and column', () => {
    expect(article('title: t\nfaq:\n  - question: q\n    answer: a').placeOf(['faq', 0, 'answer'])).toEqual({ line: 5, column: 5 });
  });
});
