import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_CACHE, cachedBuildFile } from '../collections/build-cache.ts';
import { loadMagnets, magnetPdfCover, MAGNETS_DIR } from './catalog.ts';
import { renderMagnetPdf, type PdfCover } from './pdf.ts';

export interface TypesetMagnet {
  slug: string;
  pdf: Buffer;
}

export interface BuiltFile {
  slug: string;
  path: string;
  bytes: number;
}

/** Typeset PDFs are kept here between builds, as the share images are: an unchanged magnet is not typeset again. */
export const MAGNET_PDF_CACHE = `${BUILD_CACHE}/magnet-pdfs`;
let typesetter: Promise<string> | undefined;
/** A hash of the code that typesets (ours and PDFKit's), part of each PDF's cache key; '' where it cannot be read, and then nothing is cached. */
function typesetterHash(): Promise<string> {
  typesetter ??= Promise.resolve()
    .then(() =>
      Promise.all(
        [new URL('./pdf.ts', import.meta.url), new URL('../email/markdown-text.ts', import.meta.url), import.meta.resolve('pdfkit')].map((source) =>
          readFile(new URL(source)),
        ),
      ),
    )
    .then(
      (files) => files.reduce((hash, file) => hash.update(file), createHash('sha256')).digest('hex'),
      () => '',
    );
  return typesetter;
}

/**
 * A magnet's PDF from the cache, typeset and cached when it is not there. The key is what the PDF
 * prints and the code that prints it; a cached PDF keeps the creation date of its first typesetting.
 * Typesetting the three shipped magnets costs about 0.4 s of CPU, in the middle of the bundling.
 */
export async function cachedMagnetPdf(cover: PdfCover, markdown: string, cacheDirectory = MAGNET_PDF_CACHE): Promise<Buffer> {
  const code = await typesetterHash();
  if (!code) return renderMagnetPdf(cover, markdown);
  const key = createHash('sha256')
    .update(JSON.stringify([code, cover, markdown]))
    .digest('hex')
    .slice(0, 32);
  return (await cachedBuildFile(cacheDirectory, `${key}.pdf`, () => renderMagnetPdf(cover, markdown))).bytes;
}

/** Typesets every magnet's PDF, in memory, or takes it from the cache. */
export async function typesetMagnets(siteUrl: URL, contentDir = MAGNETS_DIR, cacheDirectory = MAGNET_PDF_CACHE): Promise<TypesetMagnet[]> {
  const magnets = await loadMagnets(contentDir);
  return Promise.all(
    magnets.map(async (magnet) => ({ slug: magnet.slug, pdf: await cachedMagnetPdf(magnetPdfCover(magnet, siteUrl), magnet.body, cacheDirectory) })),
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
