import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishedArticles, type Article } from '../../src/articles/collection';
import { listPagePath, type ListPage } from '../../src/articles/list-pages';
import ArticlesLaterPage from '../../src/pages/articles/page/[page].astro';
import { site } from '../../src/site.config';
import { useChromium } from '../support/browser.ts';
import { useDefaultServer } from '../support/default-server.ts';

const SIZES = {
  'a 360 px phone': { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  'a 640 px tablet': { viewport: { width: 640, height: 960 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  'a desktop': { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};
const published = await publishedArticles();

/**
 * The pagination bar of a long article list, in Chromium. The shipped articles fill one page, so
 * the list page is rendered from the current source with the Container API as page `current` of
 * `last`, and served in place of the built page, with the built site's stylesheet.
 */
describe('the pagination bar in Chromium', () => {
  const served = useDefaultServer();
  const chromium = useChromium();
  let container: AstroContainer;
  let stylesheets: string;

  beforeAll(async () => {
    container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
    const builtList = await (await fetch(`${served.server.base}/articles/`)).text();
    stylesheets = [...builtList.matchAll(/<link rel="stylesheet"[^>]*>/g)].map(([tag]) => tag).join('');
    expect(stylesheets).not.toBe('');
  });

  /** Opens page `current` of an article list `last` pages long. */
  async function openListPage(browserPage: Page, current: number, last: number): Promise<void> {
    const page: ListPage<Article> = {
      items: published.slice(0, 3),
      current,
      last,
      total: last * site.articlesPerPage,
      first: (current - 1) * site.articlesPerPage + 1,
      basePath: '/articles/',
    };
    const url = `${served.server.base}${listPagePath('/articles/', current)}`;
    const html = await container.renderToString(ArticlesLaterPage, { props: { page }, params: { page: String(current) }, request: new Request(url) });
    await browserPage.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html.replace('</head>', `${stylesheets}</head>`) }));
    await browserPage.goto(url, { waitUntil: 'load' });
  }

  /** The names of the bar's links a reader can see and a screen reader announces, in order. */
  const linkNames = async (page: Page) =>
    [...(await page.getByRole('navigation', { name: 'Pagination' }).ariaSnapshot()).matchAll(/- link "([^"]+)"/g)].map(([, name]) => name!);

  it.each<[keyof typeof SIZES, number, number, string[]]>([
    ['a 360 px phone', 1, 42, ['Page 1', 'Page 42', 'Next page']],
    ['a 360 px phone', 2, 42, ['Previous page', 'Page 1', 'Page 2', 'Page 42', 'Next page']],
    ['a 360 px phone', 21, 42, ['Previous page', 'Page 1', 'Page 21', 'Page 42', 'Next page']],
    ['a 360 px phone', 41, 42, ['Previous page', 'Page 1', 'Page 41', 'Page 42', 'Next page']],
    ['a 360 px phone', 42, 42, ['Previous page', 'Page 1', 'Page 42']],
    ['a 360 px phone', 210, 420, ['Previous page', 'Page 1', 'Page 210', 'Page 420', 'Next page']],
    ['a 640 px tablet', 210, 420, ['Previous page', 'Page 1', 'Page 209', 'Page 210', 'Page 211', 'Page 420', 'Next page']],
    ['a desktop', 21, 42, ['Previous page', 'Page 1', 'Page 20', 'Page 21', 'Page 22', 'Page 42', 'Next page']],
  ])('on %s, page %i of %i shows its items on one line, each link 44 px or more: %j', async (size, current, last, names) => {
    const page = await chromium.open(SIZES[size]);
    await openListPage(page, current, last);

    const boxes = await page
      .locator('.pagination li')
      .evaluateAll((items) =>
        items.filter((item) => item.getClientRects().length > 0).map((item) => item.getBoundingClientRect().toJSON() as DOMRect),
      );
    // On one line, every item spans the height the others share.
    const lineTop = Math.max(...boxes.map((box) => box.top));
    const lineBottom = Math.min(...boxes.map((box) => box.bottom));
    expect(lineTop, `items' tops ${boxes.map((box) => Math.round(box.top)).join(', ')}`).toBeLessThan(lineBottom);
    const links = await page
      .locator('.pagination a:visible')
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().toJSON() as DOMRect));
    for (const link of links) expect(Math.min(link.width, link.height)).toBeGreaterThanOrEqual(44);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'sideways scroll').toBe(0);
    expect(await linkNames(page)).toEqual(names);
  });
});
