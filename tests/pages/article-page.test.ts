import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { getCollection } from 'astro:content';
import { beforeAll, describe, expect, it } from 'vitest';
import ArticlePage from '../../src/pages/articles/[...slug].astro';
import { BEACON_SNIPPET } from '../../src/page-views/beacon-snippet';
import { countTags, jsonLd, linkHref, meta, scriptElements, title } from '../support/html';

const articles = await getCollection('articles');
const withFaq = articles.find((article) => !article.data.draft && article.data.faq?.length && !article.data.magnet);
const withMagnet = articles.find((article) => !article.data.draft && article.data.magnet);
const draft = articles.find((article) => article.data.draft);

async function renderArticle(slug: string): Promise<string> {
  const container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
  return container.renderToString(ArticlePage, {
    params: { slug },
    request: new Request(`http://localhost:4321/articles/${slug}/`),
  });
}

describe('article page', () => {
  it('has content to render', () => {
    expect(withFaq, 'ship at least one published article with a FAQ').toBeDefined();
    expect(draft, 'ship at least one draft article').toBeDefined();
  });

  describe('a published article with a FAQ', () => {
    let html = '';
    beforeAll(async () => {
      html = await renderArticle(withFaq!.id);
    });

    it('has one h1, the title inside the site template and the meta description', () => {
      expect(countTags(html, 'h1')).toBe(1);
      expect(title(html)).toBe(`${withFaq!.data.seo?.title ?? withFaq!.data.title} · Lodestone`);
      expect(meta(html, 'description')).toBe(withFaq!.data.description);
      expect(meta(html, 'robots')).toBe('index, follow');
    });

    it('points canonical, Open Graph and Twitter tags at the article', () => {
      const url = `http://localhost:4321/articles/${withFaq!.id}/`;
      expect(linkHref(html, 'canonical')).toBe(url);
      expect(meta(html, 'og:url')).toBe(url);
      expect(meta(html, 'og:type')).toBe('article');
      expect(meta(html, 'og:title')).toBe(withFaq!.data.title);
      expect(meta(html, 'og:image')).toMatch(/^http:\/\/localhost:4321\/.+\.png$/);
      expect(meta(html, 'twitter:card')).toBe('summary_large_image');
      expect(meta(html, 'article:published_time')).toBe(withFaq!.data.published.toISOString());
    });

    it('publishes Article, BreadcrumbList and FAQPage JSON-LD', () => {
      const data = jsonLd(html);
      const article = data.find((item) => item['@type'] === 'Article');
      expect(article).toMatchObject({
        headline: withFaq!.data.title,
        datePublished: withFaq!.data.published.toISOString(),
        author: { '@type': 'Person', url: expect.stringMatching(/\/authors\/[a-z-]+\/$/) },
        image: [expect.stringMatching(/^http:\/\/localhost:4321\//)],
      });
      const crumbs = data.find((item) => item['@type'] === 'BreadcrumbList') as { itemListElement: { name: string }[] };
      expect(crumbs.itemListElement.map((crumb) => crumb.name)).toEqual(['Home', 'Articles', withFaq!.data.title]);
      const faq = data.find((item) => item['@type'] === 'FAQPage') as { mainEntity: { name: string }[] };
      expect(faq.mainEntity.map((question) => question.name)).toEqual(withFaq!.data.faq!.map((item) => item.question));
    });

    it('shows breadcrumb, table of contents, reading time, FAQ and author box', () => {
      expect(html).toMatch(/<nav[^>]*class="breadcrumb"[^>]*aria-label="Breadcrumb"/);
      expect(html).toMatch(/<nav[^>]*class="toc"/);
      expect(html).toMatch(/\d+ min read/);
      expect(html).toContain('Frequently asked questions');
      expect(html).toMatch(/class="author-box"/);
    });

    it('anchors every h2 and h3 of the body and links the table of contents to them', () => {
      const anchored = [...html.matchAll(/class="anchored anchored--h[23]"[^>]*>\s*<h[23][^>]*\sid="([^"]+)"/g)].map(([, id]) => id);
      expect(anchored.length).toBeGreaterThan(2);
      for (const id of anchored) {
        expect(html).toContain(`href="#${id}"`);
      }
    });

    it('ships no script but structured data and the inline page-view beacon', () => {
      const scripts = scriptElements(html).filter(({ tag }) => !tag.includes('application/ld+json'));
      expect(scripts).toEqual([{ tag: expect.stringMatching(/^<script(?:\s+data-astro-[\w-]+="[^"]*")*>$/), body: BEACON_SNIPPET }]);
    });
  });

  it("places the frontmatter's magnet once, after the introduction, with its form and enhancement", async () => {
    expect(withMagnet, 'ship at least one article with a magnet').toBeDefined();
    const html = await renderArticle(withMagnet!.id);
    expect(html.match(/<aside class="offer"/g)).toHaveLength(1);
    const offer = html.indexOf('<aside class="offer"');
    expect(offer).toBeLessThan(html.search(/class="anchored anchored--h2"/));
    expect(html).toMatch(new RegExp(`name="magnet" value="${withMagnet!.data.magnet!.id}"`));
  });

  describe('a draft', () => {
    it('is rendered for review with a banner, kept out of search engines and not counted', async () => {
      const html = await renderArticle(draft!.id);
      expect(meta(html, 'robots')).toBe('noindex, follow');
      expect(html).toMatch(/class="draft-banner"/);
      expect(html).not.toContain('/api/events');
    });
  });
});
