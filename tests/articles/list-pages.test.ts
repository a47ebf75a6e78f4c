import { describe, expect, it } from 'vitest';
import {
  laterPageDescription,
  laterPageOf,
  listPagePath,
  listPages,
  pageBarItems,
  pageLinks,
  pageParam,
  pagedTitle,
  type BarItem,
  type PageLink,
} from '../../src/articles/list-pages.ts';

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('listPages', () => {
  it.each([
    ['no items: one empty page', 0, 24, [0]],
    ['fewer than a page: one page', 8, 24, [8]],
    ['exactly a page: one page', 24, 24, [24]],
    ['one more than a page: a second page of one', 25, 24, [24, 1]],
    ['1,000 items by 24: 41 full pages and 16 over', 1000, 24, [...Array(41).fill(24), 16]],
  ])('%s', (_, count, size, sizes) => {
    const pages = listPages(numbers(count), size, '/articles/');
    expect(pages.map((page) => page.items.length)).toEqual(sizes);
    expect(pages.map((page) => page.current)).toEqual(numbers(sizes.length));
    expect(new Set(pages.map((page) => page.last))).toEqual(new Set([sizes.length]));
  });

  it('keeps the order, each item on exactly one page, and says where each page starts', () => {
    const pages = listPages(numbers(50), 24, '/tags/forms/');
    expect(pages.flatMap((page) => page.items)).toEqual(numbers(50));
    expect(pages.map((page) => [page.first, page.total, page.basePath])).toEqual([
      [1, 50, '/tags/forms/'],
      [25, 50, '/tags/forms/'],
      [49, 50, '/tags/forms/'],
    ]);
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses a page size of %s', (size) => {
    expect(() => listPages(numbers(3), size, '/articles/')).toThrow(RangeError);
  });
});

describe('page addresses', () => {
  it.each([
    ['/articles/', 1, '/articles/', undefined],
    ['/articles/', 2, '/articles/page/2/', 'page/2'],
    ['/tags/lead-scoring/', 3, '/tags/lead-scoring/page/3/', 'page/3'],
    ['/authors/maya-okafor/', 42, '/authors/maya-okafor/page/42/', 'page/42'],
  ])('%s page %i is at %s (rest parameter %s)', (base, number, path, param) => {
    expect(listPagePath(base, number)).toBe(path);
    expect(pageParam(number)).toBe(param);
    if (number > 1) expect(laterPageOf(path)).toEqual({ basePath: base, number });
  });

  it.each(['/articles/', '/articles/page/', '/articles/page/0/', '/articles/page/02/', '/articles/page/2', '/articles/pages/2/'])(
    '%s is not a later page of a list',
    (path) => {
      expect(laterPageOf(path)).toBeUndefined();
    },
  );
});

describe('pageLinks', () => {
  it.each<[number, number, PageLink[]]>([
    [1, 1, [1]],
    [1, 2, [1, 2]],
    [2, 2, [1, 2]],
    [1, 5, [1, 2, 'gap', 5]],
    [3, 5, [1, 2, 3, 4, 5]],
    // A gap would stand for page 2 alone: page 2 is shown instead.
    [4, 42, [1, 2, 3, 4, 5, 'gap', 42]],
    [5, 42, [1, 'gap', 4, 5, 6, 'gap', 42]],
    [41, 42, [1, 'gap', 40, 41, 42]],
    [42, 42, [1, 'gap', 41, 42]],
  ])('page %i of %i shows %j', (current, last, links) => {
    expect(pageLinks(current, last)).toEqual(links);
  });
});

describe('pageBarItems', () => {
  const shownOn = (items: BarItem[], screen: 'wide' | 'narrow') =>
    items.filter((item) => item.only === undefined || item.only === screen).map((item) => item.link);

  it.each([
    [1, 1],
    [1, 42],
    [2, 42],
    [3, 42],
    [21, 42],
    [41, 42],
    [42, 42],
    [210, 420],
  ])('page %i of %i: wide screens show the neighbours of the current page, narrow ones only the first, the current and the last', (current, last) => {
    const items = pageBarItems(current, last);
    expect(shownOn(items, 'wide')).toEqual(pageLinks(current, last, 1));
    expect(shownOn(items, 'narrow')).toEqual(pageLinks(current, last, 0));
  });

  it('marks each item of page 21 of 42 with the screens it shows on', () => {
    expect(pageBarItems(21, 42)).toEqual([
      { link: 1 },
      { link: 'gap', only: 'wide' },
      { link: 20, only: 'wide' },
      { link: 'gap', only: 'narrow' },
      { link: 21 },
      { link: 22, only: 'wide' },
      { link: 'gap' },
      { link: 42 },
    ]);
  });
});

describe('titles and descriptions of later pages', () => {
  const [first, second] = listPages(numbers(1000), 24, '/articles/');

  it('leaves page 1 its title, and numbers the later pages', () => {
    expect(pagedTitle('All articles', first!)).toBe('All articles');
    expect(pagedTitle('All articles', second!)).toBe('All articles, page 2 of 42');
  });

  it('says which articles a later page holds', () => {
    expect(laterPageDescription('All articles', second!)).toBe('All articles, page 2 of 42: articles 25 to 48 of 1,000, newest first.');
    const last = listPages(numbers(1000), 24, '/articles/').at(-1)!;
    expect(laterPageDescription('Articles by Maya Okafor', last)).toBe(
      'Articles by Maya Okafor, page 42 of 42: articles 985 to 1,000 of 1,000, newest first.',
    );
  });
});
