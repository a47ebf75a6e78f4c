import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BEACON_SNIPPET } from '../../src/page-views/beacon-snippet.ts';
import { countedPageOf, readBuiltPages, type KnownPage } from '../../src/page-views/page-index.ts';
import { readArticleIndex } from '../../src/seo/article-index.ts';

const root = resolve(import.meta.dirname, '../..');
const beacon = `<script>${BEACON_SNIPPET}</script>`;
const tag = (value: string) => `<meta property="article:tag" content="${value}">`;

describe('countedPageOf', () => {
  it.each<[string, string, KnownPage | undefined]>([
    ['a page with the beacon', `<html><body>${beacon}</body></html>`, { path: '/x/', tags: [] }],
    [
      'an article with tags',
      `<head>${tag('Lead scoring')}${tag('Sales handoff')}</head>${beacon}`,
      { path: '/x/', tags: ['Lead scoring', 'Sales handoff'] },
    ],
    ['escaped tags', `${tag('Q&amp;A')}${tag('&quot;Pro&quot; &#39;tips&#x27;')}${beacon}`, { path: '/x/', tags: ['Q&A', `"Pro" 'tips'`] }],
    ['a page without the beacon', `<head>${tag('Lead scoring')}</head><body></body>`, undefined],
    ['a page that only names the endpoint', `<script>fetch('/api/events')</script>`, undefined],
  ])('reads %s', (_, html, page) => {
    expect(countedPageOf('/x/', html)).toEqual(page);
  });
});

describe('readBuiltPages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-pages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the HTML files that carry the beacon, at the paths they are served', () => {
    for (const [file, html] of [
      ['index.html', beacon],
      ['articles/a/index.html', `${tag('Forms')}${beacon}`],
      ['thanks/a/index.html', '<p>thanks</p>'],
      ['404.html', '<p>missing</p>'],
      ['_astro/x.css', beacon],
    ]) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), html!);
    }
    expect(readBuiltPages(dir)).toEqual([
      { path: '/articles/a/', tags: ['Forms'] },
      { path: '/', tags: [] },
    ]);
  });
});

describe('the built page index (dist/pages.json)', () => {
  const pages = new Map((JSON.parse(readFileSync(join(root, 'dist/pages.json'), 'utf8')) as KnownPage[]).map((page) => [page.path, page]));
  const articles = [...readArticleIndex(join(root, 'content/articles')).values()];

  it('counts every published article with its tags, and no draft', () => {
    for (const article of articles) {
      const page = pages.get(`/articles/${article.slug}/`);
      if (article.draft) expect(page, article.slug).toBeUndefined();
      else expect(page?.tags.length, article.slug).toBeGreaterThan(0);
    }
    expect(pages.get('/articles/lead-scoring-with-bant/')?.tags).toEqual(['Lead scoring', 'Qualification', 'Sales handoff']);
  });

  it('counts the home page, lists, magnets and every landing-page variant, without tags', () => {
    for (const path of [
      '/',
      '/articles/',
      '/tags/lead-scoring/',
      '/magnets/lead-scoring-worksheet/',
      '/lp/scoring-review/',
      '/lp/scoring-review/meta-review/',
    ]) {
      expect(pages.get(path), path).toEqual({ path, tags: [] });
    }
  });

  it('leaves out the pages where a view means nothing: thank-you pages, the 404', () => {
    const utility = [...pages.keys()].filter((path) => /^\/(thanks|download|confirm|unsubscribe|admin)\/|\/thanks\/$|^\/404/.test(path));
    expect(utility).toEqual([]);
  });
});
