import { describe, expect, it } from 'vitest';
import { buildToc } from '../../src/articles/toc';

const h = (depth: number, slug: string) => ({ depth, slug, text: slug.toUpperCase() });

describe('buildToc', () => {
  it.each([
    ['no headings', [], []],
    ['h2s only', [h(2, 'a'), h(2, 'b')], ['a', 'b']],
    ['h3s under their h2', [h(2, 'a'), h(3, 'a1'), h(3, 'a2'), h(2, 'b'), h(3, 'b1')], ['a[a1,a2]', 'b[b1]']],
    ['an h3 before any h2 stays at the top', [h(3, 'x'), h(2, 'a')], ['x', 'a']],
    ['h4 and h1 left out', [h(1, 't'), h(2, 'a'), h(4, 'deep')], ['a']],
  ])('%s', (_, headings, expected) => {
    const shape = buildToc(headings).map((entry) =>
      entry.children.length ? `${entry.slug}[${entry.children.map((child) => child.slug).join(',')}]` : entry.slug,
    );
    expect(shape).toEqual(expected);
  });
});
