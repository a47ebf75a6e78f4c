import { getImage } from 'astro:assets';
import type { CollectionEntry } from 'astro:content';
import { oncePerBuildFor } from '../collections/once-per-build';

/** The attributes of a magnet's cover `<img>` in the offer card of an article, as `<Image width={160} loading="lazy">` writes them. */
export type OfferCover = Record<string, unknown> & { src: string };

async function loadOfferCover(magnet: CollectionEntry<'magnets'>): Promise<OfferCover> {
  const image = await getImage({ src: magnet.data.cover.image, alt: magnet.data.cover.alt, width: 160, loading: 'lazy' });
  const srcset = image.srcSet.values.length > 0 ? { srcset: image.srcSet.attribute } : {};
  return { src: image.src, ...srcset, ...image.attributes };
}

/**
 * A magnet's offer-card cover, shared by every page of a build: every article that offers a magnet
 * shows the same cover, so a build sizes it once per magnet rather than once per page.
 */
export const offerCover = oncePerBuildFor((magnet: CollectionEntry<'magnets'>) => magnet.id, loadOfferCover);
