import type { APIRoute } from 'astro';
import { readArticleIndex } from '../../seo/article-index';
import { cachedShareImage } from '../../seo/share-image';
import { shareCards } from '../../seo/share-image-files';

/**
 * `/og/<hash>.png` in `astro dev`: the share image of every article, magnet and landing-page variant,
 * drawn from its title and the site's name, taken from the cache when that title was drawn before.
 * A build prerenders none: the share-images integration (src/seo/share-image-files.ts) writes the
 * same cards as files at its end, cheaper than a route each. Astro forgets these paths when content
 * changes, so an edited title is read again.
 */
export async function getStaticPaths() {
  if (!import.meta.env.DEV) return [];
  const cards = await shareCards({ articles: readArticleIndex('./content/articles').values() });
  return [...cards].map(([image, card]) => ({ params: { image }, props: { card } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { png } = await cachedShareImage(props.card);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
