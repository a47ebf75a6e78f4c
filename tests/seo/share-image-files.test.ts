import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { shareImageName } from '../../src/seo/share-image.ts';
import { shareCards, writeShareImages } from '../../src/seo/share-image-files.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lodestone-share-image-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const article = (slug: string, title: string, draft = false) => ({ slug, title, draft, lastmod: new Date('2026-01-02') });
const card = (title: string) => ({ title, siteName: 'Lodestone' });

describe('the share cards a build writes', () => {
  it("are every article's (drafts too), every magnet's and every landing variant's headline without its keyword mark", async () => {
    const cards = await shareCards({
      articles: [article('speed-to-lead', 'Speed to lead: answer within five minutes'), article('handoff', 'A draft about lead handoff', true)],
    });
    const titles = [...cards.values()].map((entry) => entry.title);
    expect(titles).toEqual(expect.arrayContaining(['Speed to lead: answer within five minutes', 'A draft about lead handoff']));
    // Shipped content: three magnets, and a landing headline that marks its keyword as [[lead scoring worksheet|title]].
    expect(titles).toContain('The free lead scoring worksheet with BANT points');
    expect(titles.filter((title) => title.includes('[['))).toEqual([]);
    for (const [name, entry] of cards) expect(name).toBe(shareImageName(entry));
  });

  it('are one per title, however many pages share it', async () => {
    const cards = await shareCards({ articles: [article('one', 'The same title twice'), article('two', 'The same title twice')] });
    expect([...cards.values()].filter((entry) => entry.title === 'The same title twice')).toHaveLength(1);
  });
});

describe('writing the share images', () => {
  it('draws an image the cache lacks into the directory and the cache, 1200×630', async () => {
    const cache = join(scratch, 'draw-cache');
    const out = join(scratch, 'draw-out');
    const cards = new Map([[shareImageName(card('Drawn at the end of the build')), card('Drawn at the end of the build')]]);
    expect(await writeShareImages(cards, out, cache)).toEqual({ drawn: 1 });
    const [name] = cards.keys();
    expect(readdirSync(out)).toEqual([name]);
    expect(readFileSync(join(out, name!)).equals(readFileSync(join(cache, name!)))).toBe(true);
    const metadata = await sharp(join(out, name!)).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 1200, 630]);
  });

  it('takes an image the cache has as it is, without drawing it again', async () => {
    const cache = join(scratch, 'cached-cache');
    const out = join(scratch, 'cached-out');
    const cached = card('Drawn by an earlier build');
    mkdirSync(cache);
    // Not a real drawing: were the card drawn again, the file would differ.
    writeFileSync(join(cache, shareImageName(cached)), 'the cached bytes');
    expect(await writeShareImages(new Map([[shareImageName(cached), cached]]), out, cache)).toEqual({ drawn: 0 });
    expect(readFileSync(join(out, shareImageName(cached)), 'utf8')).toBe('the cached bytes');
  });
});
