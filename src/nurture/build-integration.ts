import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { SCORING_FILE } from '../scoring/rules.ts';
import { contentVerdictOffThread } from './content-verdict-thread.ts';
import type { Sequence } from './sequences.ts';

/**
 * Runs the content checks, which compile the nurture sequences, when Astro starts (a mistake stops
 * `astro dev` at once, and fails `astro build` with the file and the field), checks that every
 * sequence a magnet names exists, and writes them to `dist/sequences.json` at the end of the build,
 * for the server and the worker to render at send.
 */
export function compiledSequences(): AstroIntegration {
  let outDir: URL;
  let building = false;
  let checked: Promise<Sequence[]> = Promise.resolve([]);
  return {
    name: 'lodestone:sequences',
    hooks: {
      'astro:config:setup': ({ command }) => {
        building = command === 'build';
      },
      'astro:config:done': async ({ config, logger }) => {
        outDir = config.outDir;
        checked = runContentChecks(logger);
        // A build goes on while the checks read every article (about a second for 1,000), and fails at
        // its end if they found a mistake; `astro dev` waits for them, so a mistake stops it at once.
        if (building) checked.catch(() => {});
        else await checked;
      },
      'astro:build:done': async ({ logger }) => {
        const sequences = await checked;
        const file = fileURLToPath(new URL('sequences.json', outDir));
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(sequences));
        logger.info(`${sequences.length} sequences, ${sequences.reduce((sum, sequence) => sum + sequence.steps.length, 0)} steps compiled`);
      },
    },
  };
}

/** The content checks, off the main thread; their warnings printed, their errors left to reject. */
async function runContentChecks(logger: AstroIntegrationLogger): Promise<Sequence[]> {
  const { warnings, sequences, variants } = await contentVerdictOffThread();
  for (const warning of warnings) logger.warn(warning);
  logger.info(`content checks passed (${variants} landing-page variants, scoring rules in ${SCORING_FILE})`);
  return sequences;
}
