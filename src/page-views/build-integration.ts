import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readBuiltPages } from './page-index.ts';

/**
 * Writes `dist/pages.json` at the end of the build: every page that carries the beacon, with an
 * article's tags, read from the built HTML. The server answers beacons from it; content is not
 * read again at run time, and the worker never needs it (a lead's view row keeps its tags).
 */
export function pageIndex(): AstroIntegration {
  let outDir: URL;
  return {
    name: 'lodestone:page-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const pages = readBuiltPages(fileURLToPath(dir));
        const file = fileURLToPath(new URL('pages.json', outDir));
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(pages));
        logger.info(`${pages.length} pages counted by the page-view beacon`);
      },
    },
  };
}
