import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { loadLandings } from '../landing/landing-schema.ts';
import { loadMagnets } from '../magnets/catalog.ts';
import { shippedScoringRules } from '../scoring/load-rules.ts';
import { chatReferenceProblems, loadChatScripts } from './chat-script.ts';
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
 * Checks the chat scripts when the build starts (a script naming a landing page or magnet the site
 * lacks stops it), and writes `dist/chat-index.json` at its end, from the content files: no network,
 * nothing read at run time but this file.
 */
export function chatIndex(): AstroIntegration {
  let outDir: URL;
  return {
    name: 'lodestone:chat-index',
    hooks: {
      'astro:config:done': async ({ config }) => {
        outDir = config.outDir;
        const scripts = await loadChatScripts(await shippedScoringRules());
        const landings = new Set((await loadLandings()).map((landing) => landing.slug));
        const magnets = new Set((await loadMagnets()).map((magnet) => magnet.slug));
        const problems = chatReferenceProblems(scripts.values(), { landings, magnets });
        if (problems.length) throw new Error(`chat scripts failed:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
      },
      'astro:build:done': async ({ logger }) => {
        const index = buildSearchIndex(await sitePassages());
        const file = fileURLToPath(new URL('chat-index.json', outDir));
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(index));
        logger.info(`${index.passages.length} passages indexed for the chat`);
      },
    },
  };
}
