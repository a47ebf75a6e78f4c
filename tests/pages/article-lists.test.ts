import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedArticles } from '../../src/articles/collection';
import ArticlesFirstPage from '../../src/pages/articles/index.astro';
import ArticlesLaterPage, { getStaticPaths as articlesLaterPaths } from '../../src/pages/articles/page/[page].astro';
import AuthorPage, { getStaticPaths as authorPaths } from '../../src/pages/authors/[author]/[...page].astro';
import TagPage, { getStaticPaths as tagPaths } from '../../src/pages/tags/[tag]/[...page].astro';
import { site } from '../../src/site.config';
import { countTags, linkHref, meta, title } from '../support/html';

/**
 * The list pages split into pages as a large site's would, shown with the shipped articles and a
 * page size of 3 (so 8 published articles make 3 pages), rendered without a build.
 */
const PAGE_SIZE = 3;
const origin = 'http://localhost:4321';
const shippedPageSize = site.articlesPerPage;
const published = await publishedArticles();
const pageCount = Math.ceil(published.length / PAGE_SIZE);

let container: AstroContainer;
beforeAll(async () => {
  site.articlesPerPage = PAGE_SIZE;
  container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
});
afterAll(() => {
  site.articlesPerPage = shippedPageSize;
});

const render = (component: Parameters<AstroContainer['renderToString']>[0], path: string, props: Record<string, unknown> = {}, params = {}) =>
  container.renderToString(component, { props, params, request: new Request(`${origin}${path}`) });

/** The cards' links, in order. */
const cardLinks = (html: string) => [...html.matchAll(/<a class="card__link" href="([^"]+)"/g)].map(([, href]) => href!);
/** The pagination bar: its links as `href` with ` current` on the current page's, or undefined when there is none. */
function paginationOf(html: string): string[] | undefined {
  const nav = /<nav class="pagination" aria-label="Pagination"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1];
  if (nav === undefined) return undefined;
  return [...nav.matchAll(/<a\s([^>]*)>/g)].map(([, attributes]) => {
    const href = /href="([^"]+)"/.exec(attributes!)?.[1];
    const rel = /rel="([^"]+)"/.exec(attributes!)?.[1];
    return [href, rel, attributes!.includes('aria-current="page"') ? 'current' : undefined].filter(Boolean).join(' ');
  });
}
const breadcrumb = (html: string) =>
  [.../<nav class="breadcrumb"[\s\S]*?<\/nav>/.exec(html)![0].matchAll(/<li[^>]*>\s*(?:<a href="([^"]+)"[^>]*>)?([^<]+)/g)].map(([, href, name]) =>
    href ? `${name} ${href}` : name,
  );

describe('the article list, paginated', () => {
  it('has enough shipped articles to need three pages', () => {
    expect(published.length).toBeGreaterThan(2 * PAGE_SIZE);
  });

  it('builds the later pages at /articles/page/<n>/, and page 1 stays /articles/', async () => {
    const paths = await articlesLaterPaths();
    expect(paths.map(({ params }) => `/articles/page/${params.page}/`)).toEqual(
      Array.from({ length: pageCount - 1 }, (_, index) => `/articles/page/${index + 2}/`),
    );
  });

  it('shows the first page of cards on /articles/ as before, with a bar to the next pages', async () => {
    const html = await render(ArticlesFirstPage, '/articles/');
    expect(title(html)).toBe('All articles · Lodestone');
    expect(linkHref(html, 'canonical')).toBe(`${origin}/articles/`);
    expect(breadcrumb(html)).toEqual(['Home /', 'Articles']);
    expect(cardLinks(html)).toEqual(published.slice(0, PAGE_SIZE).map((article) => `/articles/${article.id}/`));
    expect(paginationOf(html)).toEqual(['/articles/ current', '/articles/page/2/', '/articles/page/3/', '/articles/page/2/ next']);
  });

  it('gives page 2 its own title, description, canonical, breadcrumb and cards', async () => {
    const [second] = await articlesLaterPaths();
    const html = await render(ArticlesLaterPage, '/articles/page/2/', second!.props, second!.params);
    expect(title(html)).toBe(`All articles, page 2 of ${pageCount} · Lodestone`);
    expect(meta(html, 'description')).toBe(`All articles, page 2 of ${pageCount}: articles 4 to 6 of ${published.length}, newest first.`);
    expect(linkHref(html, 'canonical')).toBe(`${origin}/articles/page/2/`);
    expect(meta(html, 'robots')).toBe('index, follow');
    expect(breadcrumb(html)).toEqual(['Home /', 'Articles /articles/', 'Page 2']);
    expect(countTags(html, 'h1')).toBe(1);
    expect(cardLinks(html)).toEqual(published.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((article) => `/articles/${article.id}/`));
    expect(paginationOf(html)).toEqual(['/articles/ prev', '/articles/', '/articles/page/2/ current', '/articles/page/3/', '/articles/page/3/ next']);
  });
});

describe('a topic and an author, paginated', () => {
  it("puts a topic's later pages under its own address, and keeps its count on each", async () => {
    const paths = await tagPaths();
    const later = paths.find(({ params }) => params.page === 'page/2')!;
    expect(later, 'a shipped topic with more than three articles').toBeDefined();
    const base = `/tags/${later.params.tag}/`;
    expect(paths.find(({ params }) => params.tag === later.params.tag && params.page === undefined)).toBeDefined();
    const html = await render(TagPage, `${base}page/2/`, later.props, later.params);
    expect(title(html)).toBe(`${later.props.label} articles, page 2 of ${later.props.page.last} · Lodestone`);
    expect(linkHref(html, 'canonical')).toBe(`${origin}${base}page/2/`);
    expect(breadcrumb(html)).toEqual(['Home /', 'Topics /tags/', `${later.props.label} ${base}`, 'Page 2']);
    expect(html).toMatch(new RegExp(`<p[^>]*>${later.props.page.total} articles on this topic\\.</p>`));
    expect(paginationOf(html)).toContain(`${base}page/2/ current`);
    expect(paginationOf(html)?.[0]).toBe(`${base} prev`);
  });

  it("keeps an author's bio and Person JSON-LD on page 1, and lists their articles under one heading on the later pages", async () => {
    const paths = await authorPaths();
    const later = paths.find(({ params }) => params.page === 'page/2')!;
    expect(later, 'a shipped author with more than three articles').toBeDefined();
    const first = paths.find(({ params }) => params.author === later.params.author && params.page === undefined)!;
    const base = `/authors/${later.params.author}/`;
    const name = later.props.author.data.name;

    const firstHtml = await render(AuthorPage, base, first.props, first.params);
    expect(title(firstHtml)).toBe(`${name} · Lodestone`);
    expect(firstHtml).toContain(later.props.author.data.bio);
    expect(firstHtml).toContain('"@type":"Person"');
    expect(paginationOf(firstHtml)?.[0]).toBe(`${base} current`);

    const html = await render(AuthorPage, `${base}page/2/`, later.props, later.params);
    expect(title(html)).toBe(`Articles by ${name}, page 2 of ${later.props.page.last} · Lodestone`);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]).toBe(`Articles by ${name}`);
    expect(html).not.toContain('"@type":"Person"');
    expect(breadcrumb(html)).toEqual(['Home /', `${name} ${base}`, 'Page 2']);
    expect(countTags(html, 'h2')).toBe(cardLinks(html).length);
  });
});
