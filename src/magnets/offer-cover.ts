import { getImage } from 'astro:assets';
import type { CollectionEntry } from 'astro:content';

/** The attributes of a magnet's cover `<img>` in the offer card of an article, as `<Image width={160} loading="lazy">` writes them. */
export type OfferCover = Record<string, unknown> & { src: string };

async function loadOfferCover(magnet: CollectionEntry<'magnets'>): Promise<OfferCover> {
  const image = await getImage({ src: magnet.data.cover.image, alt: magnet.data.cover.alt, width: 160, loading: 'lazy' });
  const srcset = image.srcSet.values.length > 0 ? { srcset: image.srcSet.attribute } : {};
  return { src: image.src, ...srcset, ...image.attributes };
}

// Every article that offers a magnet shows the same cover: a build sizes it once per magnet rather
// than once per page. The dev server sizes it each time, as the cover may change under it.
const covers = new Map<string, Promise<OfferCover>>();

/** A magnet's offer-card cover, shared by every page of a build. */
export function offerCover(magnet: CollectionEntry<'magnets'>): Promise<OfferCover> {
  if (import.meta.env.DEV) return loadOfferCover(magnet);
  let cover = covers.get(magnet.id);
  if (!cover) covers.set(magnet.id, (cover = loadOfferCover(magnet)));
  return cover;
}
