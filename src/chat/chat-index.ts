import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { sitePassages } from './passages.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';

/** Where the build leaves the chat's search index, relative to the project root. */
export const CHAT_INDEX = 'dist/chat-index.json';

/** The index the build wrote; without a build (`astro dev`, tests of the pure parts) it is made from content/ now. */
export async function loadChatIndex(file = CHAT_INDEX): Promise<SearchIndex> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as SearchIndex;
  return buildSearchIndex(await sitePassages());
}

/**
 * Writes `dist/chat-index.json` at the end of the build, from the content files: no network, nothing
 * read at run time but this file. The content checks check the scripts (a script naming a landing
 * page or magnet the site lacks fails the build, and `npm run check:content`).
 */
export function chatIndex(): AstroIntegration {
  let outDir: URL;
  let indexed: Promise<SearchIndex> | undefined;
  return {
    name: 'lodestone:chat-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      // Indexed while the bundler works, mostly on threads of its own; written at the end, as the build empties dist/ after this hook.
      'astro:build:start': () => {
        indexed = sitePassages().then(buildSearchIndex);
        // A failure is reported when the build awaits it, not as an unhandled rejection meanwhile.
        indexed.catch(() => {});
      },
      'astro:build:done': async ({ logger }) => {
        const index = await (indexed ?? sitePassages().then(buildSearchIndex));
        const file = fileURLToPath(new URL('chat-index.json', outDir));
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(index));
        logger.info(`${index.passages.length} passages indexed for the chat`);
      },
    },
  };
}
