import { describe, expect, it } from 'vitest';
import { relatedArticles, relatedFinder } from '../../src/articles/related';

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

describe('relatedFinder', () => {
  it('answers for every article in turn from one index, as a fresh ranking of the whole list would', () => {
    const find = relatedFinder(candidates);
    for (const article of [...candidates, current, ...candidates]) {
      expect(find(article, 2).map((item) => item.id)).toEqual(relatedArticles(article, [...candidates], 2).map((item) => item.id));
    }
  });

  it('gives articles with the same tags the same ranking, each without itself', () => {
    const twins = [
      article('twin-old', ['Forms', 'Conversion'], '2026-01-01'),
      article('twin-new', ['conversion', 'Forms'], '2026-03-01'),
      article('twin-mid', ['Forms', 'Conversion', 'Forms'], '2026-02-01'),
      article('forms-only', ['Forms'], '2026-04-01'),
    ];
    const find = relatedFinder(twins);
    expect(find(twins[0]!, 2).map((item) => item.id)).toEqual(['twin-new', 'twin-mid']);
    expect(find(twins[1]!, 2).map((item) => item.id)).toEqual(['twin-mid', 'twin-old']);
    expect(find(twins[2]!, 2).map((item) => item.id)).toEqual(['twin-new', 'twin-old']);
    expect(find(twins[2]!, 3).map((item) => item.id)).toEqual(['twin-new', 'twin-old', 'forms-only']);
  });

  it('ranks equal tags and equal dates in the order the candidates were given', () => {
    const same = (id: string) => article(id, ['Forms'], '2026-03-01');
    const find = relatedFinder([same('first'), same('second'), same('third')]);
    expect(find(current, 2).map((item) => item.id)).toEqual(['first', 'second']);
  });
});
