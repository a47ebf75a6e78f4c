import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUILD_CACHE, cachedBuildFile } from '../collections/build-cache.ts';
import { site } from '../site.config.ts';

/** The size Facebook, LinkedIn and X show large: 1.91:1. */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;
/** Drawn images are kept here between builds. */
export const SHARE_IMAGE_CACHE = `${BUILD_CACHE}/share-images`;
/** Change it when the drawing changes, so every image is drawn anew. */
const DESIGN_VERSION = '1';

/** What one share image shows. */
export interface ShareCard {
  title: string;
  siteName: string;
}

/** The name of a card's image: a hash of what it shows, so a changed title gets a new URL (and social caches refetch it). */
export function shareImageName({ title, siteName }: ShareCard): string {
  return `${createHash('sha256')
    .update(JSON.stringify([DESIGN_VERSION, title, siteName]))
    .digest('hex')
    .slice(0, 16)}.png`;
}

/** The site path of a card's image: a file the build writes (src/seo/share-image-files.ts), served by src/pages/og/[image].ts in dev. */
export const shareImagePath = (card: ShareCard) => `/og/${shareImageName(card)}`;

/** What the SEO head needs for a page whose share image is drawn from its title. */
export function shareImageFor(title: string, origin: URL): { src: string; alt: string; width: number; height: number } {
  const card = { title, siteName: site.name };
  return { src: new URL(shareImagePath(card), origin).href, alt: `${title}, ${site.name}`, ...SHARE_IMAGE };
}

const require = createRequire(import.meta.url);
let fonts: Promise<{ name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[]> | undefined;
/** Inter from the @fontsource/inter package: satori turns the text into paths, so no system font is needed. */
function loadFonts() {
  fonts ??= Promise.all(
    ([400, 700] as const).map(async (weight) => ({
      name: 'Inter',
      data: await readFile(join(dirname(require.resolve('@fontsource/inter/LICENSE')), `files/inter-latin-${weight}-normal.woff`)),
      weight,
      style: 'normal' as const,
    })),
  );
  return fonts;
}

/** Draws a card: the title large on the left, the site's name below a rule, in the site's blue. */
export async function drawShareImage({ title, siteName }: ShareCard): Promise<Buffer> {
  // Loaded on the first card drawn: the pages that only name their image, and a build whose cards are
  // all cached, never load satori (about 0.1 s).
  const [{ default: satori }, { default: sharp }] = await Promise.all([import('satori'), import('sharp')]);
  const size = title.length > 60 ? 56 : title.length > 40 ? 64 : 72;
  const svg = await satori(
    {
      type: 'div',
      key: null,
      props: {
        // satori adds padding to a 100% size: the children's margins frame the card instead.
        style: {
          width: '100%',
          height: '100%',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          background: '#0b5cad',
          color: '#ffffff',
          fontFamily: 'Inter',
        },
        children: [
          {
            type: 'div',
            key: 'title',
            props: { style: { margin: '72px 80px 0', fontSize: size, fontWeight: 700, lineHeight: 1.15, display: 'flex' }, children: title },
          },
          {
            type: 'div',
            key: 'site',
            props: {
              style: { margin: '0 80px 64px', fontSize: 36, fontWeight: 400, borderTop: '4px solid #ffffff', paddingTop: 24, display: 'flex' },
              children: siteName,
            },
          },
        ],
      },
    },
    { ...SHARE_IMAGE, fonts: await loadFonts() },
  );
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The card's PNG from the cache, drawn and cached when it is not there: an unchanged page is not drawn again. */
export async function cachedShareImage(card: ShareCard, cacheDirectory = SHARE_IMAGE_CACHE): Promise<{ png: Buffer; drawn: boolean }> {
  const { bytes, made } = await cachedBuildFile(cacheDirectory, shareImageName(card), () => drawShareImage(card));
  return { png: bytes, drawn: made };
}
