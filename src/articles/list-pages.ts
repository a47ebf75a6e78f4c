/**
 * Pages of a long article list (all articles, a topic, an author). Page 1 stays at the list's own
 * address; later pages follow at `<list>/page/<n>/`, one scheme for every list. Astro's paginate()
 * does not fit that scheme: with `[...page]` it puts page 2 at `<list>/2/`, with `[page]` page 1 at
 * `<list>/1/`.
 */

/** The path segment before a later page's number: `/articles/page/2/`. */
export const PAGE_SEGMENT = 'page';

/** One page of a list: its items, which page it is of how many, and where the list starts. */
export interface ListPage<T> {
  items: readonly T[];
  /** 1 for the first page. */
  current: number;
  last: number;
  /** Items in the whole list. */
  total: number;
  /** Position in the whole list of this page's first item, from 1. */
  first: number;
  /** Path of the list's first page, with a trailing slash: `/tags/forms/`. */
  basePath: string;
}

/** Path of page `number` of the list at `basePath`: the list's own path for page 1. */
export function listPagePath(basePath: string, number: number): string {
  return number === 1 ? basePath : `${basePath}${PAGE_SEGMENT}/${number}/`;
}

/**
 * The list and page number a path names if it has the form of a later page (`/tags/forms/page/2/`
 * is page 2 of `/tags/forms/`), whether or not the list has that page; undefined for any other path.
 */
export function laterPageOf(path: string): { basePath: string; number: number } | undefined {
  const match = new RegExp(`^(/(?:.+/)?)${PAGE_SEGMENT}/([1-9][0-9]*)/$`).exec(path);
  return match ? { basePath: match[1]!, number: Number(match[2]) } : undefined;
}

/** The value of a `[...page]` route parameter for page `number`: none for page 1, `page/2` after. */
export function pageParam(number: number): string | undefined {
  return number === 1 ? undefined : `${PAGE_SEGMENT}/${number}`;
}

/** `items` cut into pages of `pageSize`, in order; an empty list still has its page 1. */
export function listPages<T>(items: readonly T[], pageSize: number, basePath: string): ListPage<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a positive integer, not ${pageSize}`);
  const last = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: last }, (_, index) => ({
    items: items.slice(index * pageSize, (index + 1) * pageSize),
    current: index + 1,
    last,
    total: items.length,
    first: index * pageSize + 1,
    basePath,
  }));
}

/** A numbered link in a pagination bar, or a gap standing for the numbers left out. */
export type PageLink = number | 'gap';

/**
 * The page numbers a pagination bar shows: the first, the last, and `around` either side of the
 * current one, with a gap for each run left out. A gap never hides a single number: the number
 * takes no more room than the ellipsis.
 */
export function pageLinks(current: number, last: number, around = 1): PageLink[] {
  const shown = new Set([1, last]);
  for (let number = current - around; number <= current + around; number++) if (number >= 1 && number <= last) shown.add(number);
  const numbers = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  for (const number of numbers) {
    const previous = links.at(-1);
    if (typeof previous === 'number' && number - previous === 2) links.push(previous + 1);
    else if (typeof previous === 'number' && number - previous > 2) links.push('gap');
    links.push(number);
  }
  return links;
}

/** An item of a pagination bar, and the screens it shows on when not on all of them. */
export interface BarItem {
  link: PageLink;
  only?: 'wide' | 'narrow';
}

/**
 * The items of a pagination bar for wide and narrow screens at once, so CSS alone picks (no
 * script): wide screens show the current page's neighbours, narrow ones only the first, the
 * current and the last, so the bar stays on one line on a 360 px phone.
 */
export function pageBarItems(current: number, last: number): BarItem[] {
  // Numbers and gaps in one order: number n at 2n, the gap before n at 2n - 1 (a bar ends with a number).
  const byPosition = (links: PageLink[]) =>
    new Map(links.map((link, index) => [link === 'gap' ? 2 * (links[index + 1] as number) - 1 : 2 * link, link]));
  const wide = byPosition(pageLinks(current, last, 1));
  const narrow = byPosition(pageLinks(current, last, 0));
  return [...new Set([...wide.keys(), ...narrow.keys()])]
    .sort((a, b) => a - b)
    .map((position) => {
      const link = (wide.get(position) ?? narrow.get(position))!;
      if (wide.has(position) && narrow.has(position)) return { link };
      return { link, only: wide.has(position) ? 'wide' : 'narrow' };
    });
}

/** The title of a later page: "All articles, page 2 of 42"; page 1 keeps the list's title. */
export function pagedTitle(title: string, page: Pick<ListPage<unknown>, 'current' | 'last'>): string {
  return page.current === 1 ? title : `${title}, page ${page.current} of ${page.last}`;
}

/**
 * The description of a later page, which says which page and which articles it holds:
 * "All articles, page 2 of 42: articles 25 to 48 of 1,000, newest first."
 */
export function laterPageDescription(title: string, page: ListPage<unknown>): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const through = page.first + page.items.length - 1;
  return `${pagedTitle(title, page)}: articles ${count(page.first)} to ${count(through)} of ${count(page.total)}, newest first.`;
}
