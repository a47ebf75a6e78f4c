import { access, copyFile, link, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { fallbackHeadline } from '../landing/keyword-insertion.ts';
import { LANDING_DIR, loadLandings } from '../landing/landing-schema.ts';
import { loadMagnets, MAGNETS_DIR } from '../magnets/catalog.ts';
import { mapWithConcurrency } from '../outbox/map-with-concurrency.ts';
import { site } from '../site.config.ts';
import type { IndexedArticle } from './article-index.ts';
import { cachedShareImage, SHARE_IMAGE_CACHE, shareImageName, type ShareCard } from './share-image.ts';

/** Where the share images are written, under the client output directory: `/og/<hash>.png`, as `shareImagePath` names them. */
const SHARE_IMAGE_DIRECTORY = 'og';
/**
 * Cards drawn at once. satori lays a card out on the main thread while sharp rasterises others on
 * libuv's threads, so a few at a time keep both cores busy: 16 ms a card at four against 24 ms one
 * at a time (48 cards, 2 cores); eight were no faster. A worker thread per core, so that satori runs
 * on both, was no steadier gain on two cores shared with other work (1,019 cards in 8.0 to 19.9 s,
 * against 9.9 to 19.3 s here), for 0.3 to 0.7 s of start-up and about 3 s more CPU.
 */
const DRAWING_CONCURRENCY = 4;

/** Where the titles come from: the article index the config already reads, and the magnet and landing directories. */
export interface ShareCardSources {
  articles: Iterable<IndexedArticle>;
  magnetsDirectory?: string;
  landingDirectory?: string;
}

/**
 * Every card the site's pages point at, by file name: each article's (drafts included), each
 * magnet's, and each landing-page variant's headline as it reads without a keyword.
 */
export async function shareCards({
  articles,
  magnetsDirectory = MAGNETS_DIR,
  landingDirectory = LANDING_DIR,
}: ShareCardSources): Promise<Map<string, ShareCard>> {
  const titles = [
    ...[...articles].map((article) => article.title),
    ...(await loadMagnets(magnetsDirectory)).map((magnet) => magnet.data.title),
    ...(await loadLandings(landingDirectory)).flatMap((landing) => landing.data.variants.map((variant) => fallbackHeadline(variant.page.headline))),
  ];
  return new Map(titles.map((title) => [shareImageName({ title, siteName: site.name }), { title, siteName: site.name }]));
}

/**
 * Puts a cached image at `file`: a hard link costs a directory entry (11 ms for 1,000 images, against
 * 90 to 430 ms to copy them); a copy where linking fails, as across file systems. Sharing the file is
 * safe: the cache only ever gets new files by rename, never rewrites one in place.
 */
async function linkOrCopy(cached: string, file: string): Promise<void> {
  try {
    await link(cached, file);
  } catch {
    await copyFile(cached, file);
  }
}

/** Puts the image `name` of a card into `directory`, drawn into the cache first when it is not there; answers whether it was drawn. */
async function placeShareImage(name: string, card: ShareCard, directory: string, cacheDirectory: string): Promise<boolean> {
  const cached = join(cacheDirectory, name);
  const drawn = await access(cached).then(
    () => false,
    async () => (await cachedShareImage(card, cacheDirectory)).drawn,
  );
  await linkOrCopy(cached, join(directory, name));
  return drawn;
}

/** Writes every card's image into `directory` as `<hash>.png`, drawing those the cache lacks. Answers how many were drawn. */
export async function writeShareImages(
  cards: ReadonlyMap<string, ShareCard>,
  directory: string,
  cacheDirectory = SHARE_IMAGE_CACHE,
): Promise<{ drawn: number }> {
  await mkdir(directory, { recursive: true });
  const placed = await mapWithConcurrency([...cards], DRAWING_CONCURRENCY, ([name, card]) => placeShareImage(name, card, directory, cacheDirectory));
  return { drawn: placed.filter(Boolean).length };
}

/**
 * Writes the share images at the end of `astro build`, into `dist/client/og/`, where the pages'
 * `og:image` tags point and the server serves them as static files. Prerendered as 1,000 routes they
 * took 1.6 s of a 1,000-article build even with every image cached; linked from the cache, 0.2 s.
 * src/pages/og/[image].ts serves them in `astro dev` only.
 */
export function shareImageFiles(articles: () => Iterable<IndexedArticle>): AstroIntegration {
  return {
    name: 'lodestone:share-images',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const cards = await shareCards({ articles: articles() });
        const { drawn } = await writeShareImages(cards, fileURLToPath(new URL(`${SHARE_IMAGE_DIRECTORY}/`, dir)));
        logger.info(`${cards.size} share images, ${drawn} drawn, in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
