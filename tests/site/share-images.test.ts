import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readArticleIndex } from '../../src/seo/article-index.ts';
import { shareImageName } from '../../src/seo/share-image.ts';
import { shareCards } from '../../src/seo/share-image-files.ts';
import { site } from '../../src/site.config.ts';
import { projectRoot } from '../support/app-server.ts';
import { useDefaultServer } from '../support/default-server.ts';
import { meta } from '../support/html.ts';

const client = join(projectRoot, 'dist/client');
const read = (page: string) => readFileSync(join(client, page, 'index.html'), 'utf8');
/** Every built HTML page, relative to dist/client. */
const builtPages = () => readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));

describe('share images of the built site', () => {
  const served = useDefaultServer();

  it("serves an article's og:image as a 1200×630 PNG, the size its tags state, also as twitter:image", async () => {
    const html = read('articles/speed-to-lead');
    const image = meta(html, 'og:image')!;
    expect(meta(html, 'twitter:image')).toBe(image);
    expect([meta(html, 'og:image:width'), meta(html, 'og:image:height')]).toEqual(['1200', '630']);
    const response = await fetch(new URL(new URL(image).pathname, served.server.base));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 1200, 630]);
  });

  it('gives every article, magnet and landing-page variant a card of its own that the build wrote', () => {
    const pages = [
      ...readdirSync(join(client, 'articles'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `articles/${entry.name}`),
      ...readdirSync(join(client, 'magnets'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `magnets/${entry.name}`),
      ...readdirSync(join(client, 'lp'), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isDirectory() && entry.parentPath !== join(client, 'lp') && entry.name !== 'thanks')
        .map((entry) => join(entry.parentPath.slice(client.length + 1), entry.name)),
    ];
    expect(pages.length).toBeGreaterThan(15);
    const images = pages.map((page) => new URL(meta(read(page), 'og:image')!).pathname);
    for (const image of images) expect(image).toMatch(/^\/og\/[0-9a-f]{16}\.png$/);
    expect(new Set(images).size, 'one card per page').toBe(pages.length);
    const written = new Set(readdirSync(join(client, 'og')).map((name) => `/og/${name}`));
    expect(images.filter((image) => !written.has(image))).toEqual([]);
  });

  it('resolves the og:image of every built page to a 1200×630 PNG file in dist/client', async () => {
    const images = new Set(
      builtPages()
        .map((page) => meta(readFileSync(join(client, page), 'utf8'), 'og:image'))
        .filter((image) => image !== undefined)
        .map((image) => new URL(image).pathname),
    );
    expect(images.size).toBeGreaterThan(15);
    for (const image of images) {
      const metadata = await sharp(join(client, image)).metadata();
      expect([image, metadata.format, metadata.width, metadata.height]).toEqual([image, 'png', 1200, 630]);
    }
  });

  it('writes exactly the cards of the content, drafts included', async () => {
    const articles = [...readArticleIndex(join(projectRoot, 'content/articles')).values()];
    const cards = await shareCards({ articles });
    const written = readdirSync(join(client, 'og'));
    expect(written.sort()).toEqual([...cards.keys()].sort());
    const drafts = articles.filter((article) => article.draft);
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) expect(written).toContain(shareImageName({ title: draft.title, siteName: site.name }));
  });
});
