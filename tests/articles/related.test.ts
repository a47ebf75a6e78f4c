import { describe, expect, it } from 'vitest';
import { relatedArticles } from '../../src/articles/related';

const article = (id: string, tags: string[], published: string) => ({ id, data: { tags, published: new Date(published) } });

const current = article('current', ['Forms', 'Conversion', 'Paid ads'], '2026-05-01');
const candidates = [
  article('current', ['Forms', 'Conversion', 'Paid ads'], '2026-05-01'),
  article('one-shared-old', ['Forms'], '2026-01-01'),
  article('one-shared-new', ['conversion'], '2026-04-01'),
  article('two-shared', ['Forms', 'Paid ads', 'Email nurture'], '2026-02-01'),
  article('unrelated', ['Measurement'], '2026-06-01'),
];

describe('relatedArticles', () => {
  it.each([
    [3, ['two-shared', 'one-shared-new', 'one-shared-old']],
    [2, ['two-shared', 'one-shared-new']],
    [10, ['two-shared', 'one-shared-new', 'one-shared-old']],
    [0, []],
  ])('with limit %i returns %j', (limit, ids) => {
    expect(relatedArticles(current, candidates, limit).map((item) => item.id)).toEqual(ids);
  });

  it('never lists the article itself or one sharing no tag', () => {
    const ids = relatedArticles(current, candidates, 10).map((item) => item.id);
    expect(ids).not.toContain('current');
    expect(ids).not.toContain('unrelated');
  });
});
