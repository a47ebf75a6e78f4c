import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';

const client = join(projectRoot, 'dist/client');
const articles = readdirSync(join(client, 'articles'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
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
