import { getCollection, getEntry, type CollectionEntry } from 'astro:content';

/** A magnet as pages see it, cover as an optimised image. Pages only: src/magnets/ is plain TypeScript the server runs, and reads the same files through catalog.ts. */
export type MagnetEntry = CollectionEntry<'magnets'>;

/** One page per magnet, for getStaticPaths(). */
export async function magnetPaths(): Promise<{ params: { slug: string } }[]> {
  return (await getCollection('magnets')).map((magnet) => ({ params: { slug: magnet.id } }));
}

/** The magnet a page's URL names; a slug with no file stops the build, naming it. */
export async function magnetOfPage(slug: string | undefined): Promise<MagnetEntry> {
  const magnet = slug ? await getEntry('magnets', slug) : undefined;
  if (!magnet) throw new Error(`No magnet with slug "${slug}" in content/magnets/`);
  return magnet;
}
