import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MagnetInfo } from '../email/render.ts';
import type { SignupForm } from '../leads/signup-forms.ts';
import { loadMagnets, magnetForms, magnetPdfCover, MAGNETS_DIR, type Magnet } from './catalog.ts';

/** Where the build writes the magnets' PDFs: beside the site, never inside its public files. */
export const MAGNET_FILES_DIR = 'dist/magnets';

/** The server's view of the magnets: their data, their signup forms and their files. */
export interface MagnetLibrary {
  readonly list: readonly Magnet[];
  get(slug: string): Magnet | undefined;
  /** Signup forms keyed `magnet:<slug>`. */
  readonly forms: ReadonlyMap<string, SignupForm>;
  /** What emails need to know of each magnet, by slug. */
  readonly info: ReadonlyMap<string, MagnetInfo>;
  /** The magnet's PDF as built; under the dev server, where nothing was built, typeset on first use. */
  file(slug: string): Promise<Buffer>;
}

export interface LibraryOptions {
  contentDir?: string;
  filesDir?: string;
  siteUrl: URL;
}

export async function openMagnetLibrary({ contentDir = MAGNETS_DIR, filesDir = MAGNET_FILES_DIR, siteUrl }: LibraryOptions): Promise<MagnetLibrary> {
  const list = await loadMagnets(contentDir);
  const bySlug = new Map(list.map((magnet) => [magnet.slug, magnet]));
  const typeset = new Map<string, Promise<Buffer>>();
  return {
    list,
    get: (slug) => bySlug.get(slug),
    forms: magnetForms(list),
    info: new Map(list.map(({ slug, data }) => [slug, { title: data.title, kind: data.kind, promise: data.promise, thanks: data.thanks }])),
    async file(slug) {
      const magnet = bySlug.get(slug);
      if (!magnet) throw new Error(`magnet "${slug}" is not on this site`);
      try {
        return await readFile(join(filesDir, `${slug}.pdf`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      let pending = typeset.get(slug);
      if (!pending) {
        const { renderMagnetPdf } = await import('./pdf.ts');
        pending = renderMagnetPdf(magnetPdfCover(magnet, siteUrl), magnet.body);
        typeset.set(slug, pending);
      }
      return pending;
    },
  };
}
