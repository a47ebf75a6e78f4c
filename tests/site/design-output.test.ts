import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PAGE_SEGMENT } from '../../src/articles/list-pages.ts';
import { projectRoot } from '../support/app-server.ts';

const client = join(projectRoot, 'dist/client');
// Every article's folder; `page/` holds the later pages of the article list when it has more than one.
const articles = readdirSync(join(client, 'articles'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== PAGE_SEGMENT)
  .map((entry) => entry.name);

/** What a reader's browser downloads to show an article, before images: the HTML and its stylesheets, gzipped. */
function articleWeight(slug: string): number {
  const html = readFileSync(join(client, 'articles', slug, 'index.html'), 'utf8');
  const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/g)].map(([, href]) =>
    readFileSync(join(client, href!)),
  );
  return [Buffer.from(html), ...stylesheets].reduce((total, file) => total + gzipSync(file, { level: 9 }).byteLength, 0);
}

describe('the design budgets of the built articles', () => {
  it.each(articles.map((slug) => [slug]))('%s weighs at most 30 KB gzipped, HTML and CSS together', (slug) => {
    expect(articleWeight(slug)).toBeLessThanOrEqual(30 * 1024);
  });
});

const read = (path: string) => readFileSync(join(client, path), 'utf8');

describe('the built landing pages', () => {
  it.each([
    ['lp/lead-scoring/meta-worksheet/index.html', 'A printed lead scoring worksheet on a desk'],
    ['lp/scoring-review/linkedin-review/index.html', 'A sales manager pointing at a list'],
  ])('%s shows its variant’s image as WebP in three widths, with width, height and its alt text', (path, alt) => {
    const img = /<img [^>]*class="lp-hero__image"[^>]*>/.exec(read(path))?.[0] ?? '';
    expect(img).toMatch(/\ssrc="\/_astro\/[^"]+\.webp"/);
    expect(img.match(/\.webp \d+w/g)).toHaveLength(3);
    expect(img).toMatch(/\swidth="\d+"/);
    expect(img).toMatch(/\sheight="\d+"/);
    expect(img).toContain(`alt="${alt}`);
  });

  it('starts the consultation’s heading with a capital, though its title reads mid-sentence elsewhere', () => {
    expect(read('lp/scoring-review/linkedin-review/index.html')).toMatch(/<h2 id="lp-inside"[^>]*>A free 20-minute lead scoring review<\/h2>/);
  });

  it('gives the testimonial a name, a role and an illustrated avatar', () => {
    const proof = /<figure class="lp-proof">([\s\S]*?)<\/figure>/.exec(read('lp/lead-scoring/meta-worksheet/index.html'))?.[1] ?? '';
    expect(proof).toMatch(/<blockquote>/);
    expect(proof).toMatch(/<svg class="avatar"/);
    expect(proof).toMatch(/class="lp-proof__name"[^>]*>Marta Lindqvist</);
    expect(proof).toMatch(/class="lp-proof__role"[^>]*>Operations lead, 12-person accounting software company</);
  });
});

describe('the built article lists', () => {
  it('show each card’s image with its size reserved, loading only the first screen’s at once', () => {
    const html = read('index.html');
    const cards = [...html.matchAll(/<article class="card">([\s\S]*?)<\/article>/g)].map(([, card]) => card!);
    expect(cards.length).toBeGreaterThan(3);
    const images = cards.flatMap((card) => [...(/<img [^>]+>/.exec(card) ?? [])]);
    expect(images.length).toBeGreaterThan(1);
    for (const img of images) {
      expect(img).toMatch(/\swidth="\d+"/);
      expect(img).toMatch(/\sheight="\d+"/);
    }
    expect(images.at(-1)).toContain('loading="lazy"');
    expect(images[0]).toContain('loading="eager"');
    for (const card of cards) expect(card).toMatch(/\d+ min read/);
  });
});
