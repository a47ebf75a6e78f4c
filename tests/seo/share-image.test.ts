import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedShareImage, drawShareImage, shareImageFor, shareImageName } from '../../src/seo/share-image.ts';

const card = { title: 'Speed to lead: answer within five minutes', siteName: 'Lodestone' };
const cache = mkdtempSync(join(tmpdir(), 'lodestone-share-images-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('share images', () => {
  it.each([
    ['another title', { ...card, title: 'Speed to lead: answer within ten minutes' }],
    ['another site name', { ...card, siteName: 'Compass' }],
  ])('get a new file name for %s, the same one for the same card', (_, other) => {
    expect(shareImageName(card)).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(shareImageName({ ...card })).toBe(shareImageName(card));
    expect(shareImageName(other)).not.toBe(shareImageName(card));
  });

  it('are 1200×630 PNGs with the title drawn, from the font package alone', async () => {
    const [drawn, other] = await Promise.all([drawShareImage(card), drawShareImage({ ...card, title: 'Another title entirely' })]);
    const metadata = await sharp(drawn).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 1200, 630]);
    // The text is drawn: two titles give two different pictures.
    expect(Buffer.compare(drawn, other)).not.toBe(0);
  });

  it('are drawn once: the second build takes the cached file', async () => {
    const first = await cachedShareImage(card, cache);
    const second = await cachedShareImage(card, cache);
    expect([first.drawn, second.drawn]).toEqual([true, false]);
    expect(second.png.equals(first.png)).toBe(true);
    expect(readdirSync(cache)).toEqual([shareImageName(card)]);
    expect((await cachedShareImage({ ...card, title: 'A changed title' }, cache)).drawn).toBe(true);
  });

  it('are referenced with their size and an alt text naming the title', () => {
    expect(shareImageFor(card.title, new URL('https://example.com'))).toEqual({
      src: `https://example.com/og/${shareImageName(card)}`,
      alt: `${card.title}, Lodestone`,
      width: 1200,
      height: 630,
    });
  });
});
