import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticleIndex } from '../../src/seo/article-index';
import { BEACON_SNIPPET } from '../../src/page-views/beacon-snippet';
import { site as siteConfig } from '../../src/site.config';
import { countTags, fetchedUrls, jsonLd, linkHref, meta, scriptElements, title } from '../support/html';

/** The output of `npm run build`, which `npm test` runs first. */
const root = resolve(import.meta.dirname, '../..');
const client = join(root, 'dist/client');
const site = 'http://localhost:4321';

function read(path: string): string {
  return readFileSync(join(client, path), 'utf8');
}

function pageFile(url: string): string {
  return join(new URL(url).pathname, 'index.html');
}

const articles = [...readArticleIndex(join(root, 'content/articles')).values()];
const published = articles.filter((article) => !article.draft);
const drafts = articles.filter((article) => article.draft);

describe('built site', () => {
  it('was built by npm run build', () => {
    expect(existsSync(join(client, 'sitemap-index.xml')), 'run `npm run build` before the tests').toBe(true);
  });

  const sitemap = existsSync(join(client, 'sitemap-0.xml')) ? read('sitemap-0.xml') : '';
  const entries = [...sitemap.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?/g)].map(([, loc, lastmod]) => ({
    loc: loc!,
    lastmod,
  }));
  // Articles, not the article list's later pages (/articles/page/2/), which a larger site has.
  const articleUrls = entries.filter((entry) => /\/articles\/(?!page\/\d+\/$).+\/$/.test(entry.loc));

  describe('sitemap', () => {
    it('lists every published article with its last modification date', () => {
      expect(published.length).toBeGreaterThanOrEqual(8);
      for (const article of published) {
        const entry = entries.find((item) => item.loc === `${site}/articles/${article.slug}/`);
        expect(entry, article.slug).toBeDefined();
        expect(entry!.lastmod).toBe(article.lastmod.toISOString());
      }
    });

    it('lists no draft and no utility page', () => {
      expect(drafts.length).toBeGreaterThan(0);
      for (const draft of drafts) expect(sitemap).not.toContain(`/articles/${draft.slug}/`);
      expect(sitemap).not.toContain('/404');
    });

    it('is named in robots.txt', () => {
      expect(read('robots.txt')).toContain(`Sitemap: ${site}/sitemap-index.xml`);
    });
  });

  describe.each(articleUrls.map((entry) => [new URL(entry.loc).pathname, entry.loc]))('%s', (_, url) => {
    const html = read(pageFile(url));

    it('has one h1, a title, a description and its own canonical', () => {
      expect(countTags(html, 'h1')).toBe(1);
      expect(title(html)).toMatch(/. · Lodestone$/);
      expect(meta(html, 'description')?.length).toBeGreaterThanOrEqual(70);
      expect(linkHref(html, 'canonical')).toBe(url);
      expect(meta(html, 'robots')).toBe('index, follow');
    });

    it('has Open Graph and Twitter tags and Article JSON-LD', () => {
      for (const key of ['og:title', 'og:description', 'og:image', 'og:image:alt', 'og:url', 'twitter:card', 'twitter:title', 'twitter:image']) {
        expect(meta(html, key), key).toBeTruthy();
      }
      const article = jsonLd(html).find((item) => item['@type'] === 'Article' && item.mainEntityOfPage === url);
      expect(article).toBeDefined();
      // dateModified follows the frontmatter's `updated` (else `published`), as the sitemap's lastmod does.
      const indexed = articles.find((item) => `${site}/articles/${item.slug}/` === url)!;
      expect(article!.dateModified).toBe(indexed.lastmod.toISOString());
    });

    it('reserves space for every image so nothing shifts while it loads', () => {
      for (const [tag] of html.matchAll(/<img\s[^>]*>/g)) {
        expect(tag, tag).toMatch(/\swidth="\d+"/);
        expect(tag, tag).toMatch(/\sheight="\d+"/);
        // A decorative image (a card's picture beside its title) has an empty alt, written as a bare `alt`.
        expect(tag, tag).toMatch(/\salt(="|[\s>])/);
      }
    });

    it('runs JavaScript only for a form and the inline page-view beacon, and fetches nothing from another origin', () => {
      const scripts = scriptElements(html).filter(({ tag }) => !tag.includes('application/ld+json'));
      // The beacon: one plain inline script, the snippet and nothing else.
      expect(scripts.filter(({ body }) => body.includes('/api/events'))).toEqual([{ tag: '<script>', body: BEACON_SNIPPET }]);
      // The attribution script, and the form enhancement when the article offers a magnet; an article without a form runs nothing else.
      const others = scripts.filter(({ body }) => body !== BEACON_SNIPPET);
      expect(others.length).toBe(html.includes('data-enhance') ? 2 : html.includes('data-lead-form') ? 1 : 0);
      // No script is fetched: not one byte of external JavaScript.
      expect(scripts.every(({ tag }) => !tag.includes('src='))).toBe(true);
      for (const fetched of fetchedUrls(html)) {
        expect(new URL(fetched, url).origin, fetched).toBe(site);
      }
    });
  });

  it("shares an article's drawn card as its Open Graph image, and keeps its hero image in the Article JSON-LD", () => {
    const html = read('articles/lead-scoring-with-bant/index.html');
    const hero = /<img[^>]*class="article__hero"[^>]*>/.exec(html)?.[0];
    expect(hero).toMatch(/srcset="[^"]*480w[^"]*1200w"/);
    expect(meta(html, 'og:image')).toMatch(/^http:\/\/localhost:4321\/og\/[0-9a-f]{16}\.png$/);
    expect(existsSync(join(client, new URL(meta(html, 'og:image')!).pathname))).toBe(true);
    const article = jsonLd(html).find((item) => item['@type'] === 'Article');
    expect(JSON.stringify(article?.image)).toMatch(/\/_astro\/lead-scoring-three-leads\.[\w-]+\.png/);
  });

  it('keeps drafts reviewable but out of search', () => {
    for (const draft of drafts) {
      expect(meta(read(`articles/${draft.slug}/index.html`), 'robots')).toBe('noindex, follow');
    }
  });

  it('keeps drafts out of the article list, the home page and the feed', () => {
    const pages = [read('index.html'), read('articles/index.html'), read('rss.xml')];
    for (const draft of drafts) for (const page of pages) expect(page).not.toContain(`/articles/${draft.slug}/`);
  });

  it('lists every published article on /articles/, on one page while they fit one, with no pagination bar', () => {
    expect(published.length).toBeLessThanOrEqual(siteConfig.articlesPerPage);
    const html = read('articles/index.html');
    for (const article of published) expect(html).toContain(`href="/articles/${article.slug}/"`);
    expect(html).not.toContain('aria-label="Pagination"');
    expect(existsSync(join(client, 'articles/page'))).toBe(false);
  });

  it('lists every published article in the feed', () => {
    const feed = read('rss.xml');
    for (const article of published) expect(feed).toContain(`${site}/articles/${article.slug}/`);
  });

  describe('magnets', () => {
    const magnetSlugs = readdirSync(join(root, 'content/magnets'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.replace(/\.md$/, ''));

    it('lists the offers, and gives each an indexable page in the sitemap', () => {
      expect(magnetSlugs.length).toBeGreaterThanOrEqual(3);
      const list = read('magnets/index.html');
      for (const slug of magnetSlugs) {
        expect(list).toContain(`href="/magnets/${slug}/"`);
        const page = read(`magnets/${slug}/index.html`);
        expect(meta(page, 'robots')).toBe('index, follow');
        expect(page).toMatch(new RegExp(`<input type="hidden" name="magnet" value="${slug}"`));
        expect(entries.map((entry) => entry.loc)).toContain(`${site}/magnets/${slug}/`);
      }
    });

    it("renders the magnets' thank-you pages on demand (their questions depend on the reader), and keeps them out of the sitemap", () => {
      for (const slug of magnetSlugs) {
        expect(existsSync(join(client, `thanks/${slug}/index.html`))).toBe(false);
        expect(sitemap).not.toContain(`/thanks/${slug}/`);
      }
    });

    it("places an article's magnet after its introduction: before the first section heading", () => {
      const html = read('articles/lead-scoring-with-bant/index.html');
      const body = html.slice(html.indexOf('<div class="prose"'));
      const offer = body.indexOf('<aside class="offer"');
      expect(offer).toBeGreaterThan(body.indexOf('<p>'));
      expect(offer).toBeLessThan(body.indexOf('class="anchored anchored--h2"'));
      expect(html.match(/<aside class="offer"/g)).toHaveLength(1);
    });

    it('keeps the form enhancement under 1 KB gzipped', () => {
      const html = read('articles/lead-scoring-with-bant/index.html');
      const module = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].find(([, body]) => body!.includes('data-enhance'))?.[1] ?? '';
      expect(module).toContain('data-enhance');
      expect(gzipSync(module, { level: 9 }).byteLength).toBeLessThan(1024);
    });
  });

  describe('ad landing pages', () => {
    const landingPages = readdirSync(join(client, 'lp'), { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('index.html') && !name.includes('thanks'))
      .map((name) => `lp/${name}`);

    it('are built for every variant and for each landing page’s default', () => {
      expect(landingPages).toEqual(
        expect.arrayContaining([
          'lp/lead-scoring/index.html',
          'lp/lead-scoring/google-search/index.html',
          'lp/message-match/tiktok-founder/index.html',
        ]),
      );
    });

    it.each(landingPages.map((path) => [path]))(
      '%s is noindex, canonical to itself, out of the sitemap, with no way off the page but the form',
      (path) => {
        const html = read(path);
        const url = `${site}/${path.replace(/index\.html$/, '')}`;
        expect(meta(html, 'robots')).toMatch(/^noindex/);
        expect(linkHref(html, 'canonical')).toBe(url);
        expect(sitemap).not.toContain('/lp/');
        expect(html).not.toMatch(/<nav[\s>]/);
        const links = [...html.matchAll(/<a\s[^>]*href="([^"]+)"/g)].map(([, href]) => href!);
        expect(
          links.every((href) => href.startsWith('/download/')),
          links.join(' '),
        ).toBe(true);
        const form = /<form[^>]*action="\/api\/leads"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
        const variant = path.split('/')[2] === 'index.html' ? undefined : path.split('/')[2];
        expect(form).toMatch(new RegExp(`name="landing" value="${path.split('/')[1]}"`));
        if (variant) expect(form).toMatch(new RegExp(`name="variant" value="${variant}"`));
        for (const name of ['email', 'consent', 'utm_source', 'gclid', 'ttclid', 'fbclid']) expect(form, name).toContain(`name="${name}"`);
        // A magnet offer names its magnet; a consultation request asks for its own fields instead.
        expect(form).toMatch(path.startsWith('lp/scoring-review/') ? /name="company"/ : /name="magnet" value="[a-z-]+"/);
      },
    );

    it('gives a consultation request a thank-you page of its own, kept out of search', () => {
      const html = read('lp/scoring-review/thanks/index.html');
      expect(meta(html, 'robots')).toMatch(/^noindex/);
      expect(html).toContain('Your review is requested');
    });
  });

  it('publishes Organization and WebSite JSON-LD on the home page', () => {
    const types = jsonLd(read('index.html')).map((item) => item['@type']);
    expect(types).toEqual(expect.arrayContaining(['Organization', 'WebSite']));
  });

  it("puts a working signup form with two small scripts on the home page: attribution, and the lead forms' one script", () => {
    const html = read('index.html');
    const form = /<form[^>]*action="\/api\/leads"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
    for (const name of [
      'email',
      'consent',
      'page',
      'stamp',
      'website',
      'utm_source',
      'utm_campaign',
      'gclid',
      'fbclid',
      'ttclid',
      'landing_page',
      'referrer',
      'first_touch',
    ]) {
      expect(form, name).toContain(`name="${name}"`);
    }
    expect(/<form[^>]*action="\/api\/leads"[^>]*>/.exec(html)?.[0]).toContain('data-enhance');
    const scripts = (page: string) => [...read(page).matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map(([, body]) => body!);
    expect(scripts('index.html')).toHaveLength(2);
    // One keeps the visit's and the first touch's attribution by the server's rules; the other submits
    // the form in place. Both stay small, and both are the magnet pages' scripts, not copies of them.
    for (const script of scripts('index.html')) expect(gzipSync(script, { level: 9 }).byteLength).toBeLessThan(1024);
    expect(scripts('index.html')).toEqual(scripts('magnets/lead-scoring-worksheet/index.html'));
  });

  it('marks the 404 page noindex', () => {
    expect(meta(read('404.html'), 'robots')).toBe('noindex, follow');
  });

  describe('the page-view beacon', () => {
    it('is an inline snippet of a few dozen bytes, posting the path to this site only', () => {
      expect(Buffer.byteLength(BEACON_SNIPPET)).toBeLessThanOrEqual(100);
      expect(BEACON_SNIPPET).toBe("navigator.sendBeacon&&navigator.sendBeacon('/api/events',location.pathname)");
    });

    it('is on the pages worth counting: home, lists, magnets, every landing-page variant', () => {
      for (const path of [
        'index.html',
        'articles/index.html',
        'tags/index.html',
        'magnets/lead-scoring-worksheet/index.html',
        'lp/scoring-review/meta-review/index.html',
      ]) {
        expect(read(path).split(BEACON_SNIPPET).length - 1, path).toBe(1);
      }
    });

    it('is not on pages where a view means nothing: thank-you pages, the 404, drafts', () => {
      // The magnets' thank-you pages are rendered on demand: tests/pages/thanks-page.test.ts checks them.
      const utility = ['404.html', 'thanks/index.html', 'lp/scoring-review/thanks/index.html'];
      for (const path of [...utility, ...drafts.map((draft) => `articles/${draft.slug}/index.html`)])
        expect(read(path), path).not.toContain('/api/events');
    });
  });

  it('gives every tag a page that lists its articles', () => {
    const tags = [...read('tags/index.html').matchAll(/href="(\/tags\/[a-z0-9-]+\/)"/g)].map(([, path]) => path!);
    expect(tags.length).toBeGreaterThan(3);
    for (const path of tags) expect(read(join(path, 'index.html'))).toMatch(/href="\/articles\/[a-z0-9-]+\/"/);
  });
});
