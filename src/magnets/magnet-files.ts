import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadMagnets, magnetPdfCover, MAGNETS_DIR } from './catalog.ts';
import { renderMagnetPdf } from './pdf.ts';

export interface BuiltFile {
  slug: string;
  path: string;
  bytes: number;
}

/** Typesets every magnet into `outDir/<slug>.pdf`; run at the end of the site build. */
export async function buildMagnetFiles(outDir: string, siteUrl: URL, contentDir = MAGNETS_DIR): Promise<BuiltFile[]> {
  const magnets = await loadMagnets(contentDir);
  await mkdir(outDir, { recursive: true });
  return Promise.all(
    magnets.map(async (magnet) => {
      const pdf = await renderMagnetPdf(magnetPdfCover(magnet, siteUrl), magnet.body);
      const path = join(outDir, `${magnet.slug}.pdf`);
      await writeFile(path, pdf);
      return { slug: magnet.slug, path, bytes: pdf.byteLength };
    }),
  );
}
