import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import { oncePerBuildFor } from '../collections/once-per-build';

/** The attributes of a card's `<img>`, as `<Image>` writes them, but for `loading`, which depends on the card's place. */
export type CardImage = Record<string, unknown> & { src: string };

/** How a card shows a picture: an article's hero across the card's width, or a magnet's cover at the card's height. */
type Fit = 'hero' | 'cover';

const SIZING: Record<Fit, { widths?: number[]; sizes?: string; height?: number }> = {
  hero: { widths: [400, 800], sizes: '(min-width: 48rem) 24rem, 100vw' },
  cover: { height: 150 },
};

/**
 * A card's picture, sized once per build: a picture appears on many pages (an article's card on the
 * list, its topics, its author, and beside related articles; a magnet's cover on every card of the
 * articles offering it).
 */
export const cardImage = oncePerBuildFor(
  ({ src, fit }: { src: ImageMetadata; fit: Fit }) => `${fit} ${src.src}`,
  async ({ src, fit }): Promise<CardImage> => {
    const image = await getImage({ src, alt: '', ...SIZING[fit] });
    const srcset = image.srcSet.values.length > 0 ? { srcset: image.srcSet.attribute } : {};
    const { loading: _loading, ...attributes } = image.attributes;
    return { src: image.src, ...srcset, ...attributes };
  },
);
