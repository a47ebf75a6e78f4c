import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { oncePerBuild } from './once-per-build';

/** A magnet as pages see it, cover as an optimised image. Pages only: src/magnets/ is plain TypeScript the server runs, and reads the same files through catalog.ts. */
export type MagnetEntry = CollectionEntry<'magnets'>;

/** One page per magnet, for getStaticPaths(). */
export async function magnetPaths(): Promise<{ params: { slug: string } }[]> {
  return (await getCollection('magnets')).map((magnet) => ({ params: { slug: magnet.id } }));
}

// Most article pages show a magnet's offer: a build looks each one up in one map, instead of each
// page resolving the entry (and its cover image) again.
const magnetsBySlug = oncePerBuild(async () => new Map((await getCollection('magnets')).map((magnet) => [magnet.id, magnet])));

/** The magnet with this slug, or undefined when content/magnets/ has no such file (the caller says where it was named). */
export async function magnetBySlug(slug: string): Promise<MagnetEntry | undefined> {
  if (import.meta.env.DEV) return getEntry('magnets', slug);
  return (await magnetsBySlug()).get(slug);
}

/** The magnet a page's URL names; a slug with no file stops the build, naming it. */
export async function magnetOfPage(slug: string | undefined): Promise<MagnetEntry> {
  const magnet = slug ? await magnetBySlug(slug) : undefined;
  if (!magnet) throw new Error(`No magnet with slug "${slug}" in content/magnets/`);
  return magnet;
}
