import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { fallbackHeadline } from '../../landing/keyword-insertion';
import { cachedShareImage, shareImageName } from '../../seo/share-image';
import { site } from '../../site.config';

/**
 * `/og/<hash>.png`: the share image of every article, magnet and landing-page variant, drawn from
 * its title and the site's name at build, taken from the cache when that title was drawn before.
 */
export async function getStaticPaths() {
  const titles = [
    ...(await getCollection('articles')).map((article) => article.data.title),
    ...(await getCollection('magnets')).map((magnet) => magnet.data.title),
    ...(await getCollection('landing')).flatMap((landing) => landing.data.variants.map((variant) => fallbackHeadline(variant.page.headline))),
  ];
  const cards = new Map(titles.map((title) => [shareImageName({ title, siteName: site.name }), { title, siteName: site.name }]));
  return [...cards].map(([image, card]) => ({ params: { image }, props: { card } }));
}

export const GET: APIRoute = async ({ props }) => {
  const { png } = await cachedShareImage(props.card);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
