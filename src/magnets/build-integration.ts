import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildMagnetFiles } from './magnet-files.ts';

/**
 * Typesets every magnet's PDF at the end of `astro build`, into `dist/magnets/`: beside the site,
 * outside `dist/client/`, so no file is reachable at a public URL; the server streams them through
 * signed links.
 */
export function magnetFiles(siteUrl: URL): AstroIntegration {
  let outDir: URL;
  return {
    name: 'lodestone:magnet-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      'astro:build:done': async ({ logger }) => {
        const started = performance.now();
        const files = await buildMagnetFiles(fileURLToPath(new URL('magnets/', outDir)), siteUrl);
        const sizes = files.map((file) => `${file.slug} ${(file.bytes / 1024).toFixed(1)} KB`).join(', ');
        logger.info(`${files.length} magnet PDFs in ${Math.round(performance.now() - started)} ms: ${sizes}`);
      },
    },
  };
}
