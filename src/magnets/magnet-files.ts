import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadMagnets, magnetPdfCover, MAGNETS_DIR } from './catalog.ts';
import { renderMagnetPdf } from './pdf.ts';

export interface TypesetMagnet {
  slug: string;
  pdf: Buffer;
}

export interface BuiltFile {
  slug: string;
  path: string;
  bytes: number;
}

/** Typesets every magnet's PDF, in memory. */
export async function typesetMagnets(siteUrl: URL, contentDir = MAGNETS_DIR): Promise<TypesetMagnet[]> {
  const magnets = await loadMagnets(contentDir);
  return Promise.all(
    magnets.map(async (magnet) => ({ slug: magnet.slug, pdf: await renderMagnetPdf(magnetPdfCover(magnet, siteUrl), magnet.body) })),
  );
}

/** Writes typeset magnets into `outDir/<slug>.pdf`. */
export async function writeMagnetFiles(outDir: string, magnets: readonly TypesetMagnet[]): Promise<BuiltFile[]> {
  await mkdir(outDir, { recursive: true });
  return Promise.all(
    magnets.map(async ({ slug, pdf }) => {
      const path = join(outDir, `${slug}.pdf`);
      await writeFile(path, pdf);
      return { slug, path, bytes: pdf.byteLength };
    }),
  );
}
