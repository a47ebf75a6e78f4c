import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { typesetMagnets, writeMagnetFiles, type TypesetMagnet } from './magnet-files.ts';

/**
 * Typesets every magnet's PDF during `astro build` and writes them at its end into `dist/magnets/`:
 * beside the site, outside `dist/client/`, so no file is reachable at a public URL; the server
 * streams them through signed links.
 */
export function magnetFiles(siteUrl: URL): AstroIntegration {
  let outDir: URL;
  let typeset: Promise<TypesetMagnet[]> | undefined;
  return {
    name: 'lodestone:magnet-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      // Typeset while the bundler works, mostly on threads of its own, instead of after the pages;
      // written at the end, as the build empties dist/ after this hook.
      'astro:build:start': () => {
        typeset = typesetMagnets(siteUrl);
        // A failure is reported when the build awaits it, not as an unhandled rejection meanwhile.
        typeset.catch(() => {});
      },
      'astro:build:done': async ({ logger }) => {
        const files = await writeMagnetFiles(fileURLToPath(new URL('magnets/', outDir)), await (typeset ?? typesetMagnets(siteUrl)));
        const sizes = files.map((file) => `${file.slug} ${(file.bytes / 1024).toFixed(1)} KB`).join(', ');
        logger.info(`${files.length} magnet PDFs: ${sizes}`);
      },
    },
  };
}
