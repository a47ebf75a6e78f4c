import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { formatProblem } from '../content-checks/problem.ts';
import { checkContent } from '../landing/content-check.ts';
import { SCORING_FILE } from '../scoring/rules.ts';
import { WELCOME_SEQUENCE, type Sequence } from './sequences.ts';

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

/**
 * The content checks of `npm run check:content` (message match per landing-page variant, form sizes,
 * the postal address, the scoring rules, the article rules): errors reject with every problem,
 * warnings are only printed. Resolves to the compiled sequences, once every magnet's sequence exists.
 */
async function runContentChecks(logger: AstroIntegrationLogger): Promise<Sequence[]> {
  const report = await checkContent();
  // Rule errors (articles, magnets, landing pages, sequences) stop the build with the other problems.
  const ruled = [...report.articles, ...report.others];
  for (const warning of ruled.filter((problem) => problem.severity === 'warning')) logger.warn(formatProblem(warning));
  const errors = [...report.problems, ...ruled.filter((problem) => problem.severity === 'error').map(formatProblem)];
  if (errors.length) throw new Error(`content checks failed:\n${errors.map((problem) => `- ${problem}`).join('\n')}`);
  const variants = report.landings.reduce((sum, landing) => sum + landing.data.variants.length, 0);
  logger.info(`content checks passed (${variants} landing-page variants, scoring rules in ${SCORING_FILE})`);
  // The checks compiled the sequences and loaded the magnets already.
  const { sequences } = report;
  const slugs = new Set(sequences.map((sequence) => sequence.slug));
  if (!slugs.has(WELCOME_SEQUENCE)) throw new Error(`content/sequences/${WELCOME_SEQUENCE}/ is missing: every newsletter signup enters it`);
  for (const magnet of report.magnets) {
    if (!slugs.has(magnet.data.sequence)) {
      throw new Error(`content/magnets/${magnet.slug}.md: sequence: "${magnet.data.sequence}" has no folder in content/sequences/`);
    }
  }
  return sequences;
}
