import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { formatProblem } from '../content-checks/problem.ts';
import { checkContent } from '../landing/content-check.ts';
import { CONTENT_VERDICT_THREAD } from './content-verdict-thread.ts';
import { WELCOME_SEQUENCE, type Sequence } from './sequences.ts';

/** What the build needs of the content checks once they passed. */
export interface ContentVerdict {
  /** Rule warnings, formatted: printed, they do not stop the build. */
  warnings: string[];
  /** The nurture sequences, compiled by the checks. */
  sequences: Sequence[];
  /** How many landing-page variants passed the message-match check. */
  variants: number;
}

/**
 * The content checks of `npm run check:content` (message match per landing-page variant, form sizes,
 * the postal address, the scoring rules, the article rules, the chat scripts), and that every
 * sequence a magnet names exists. Rejects with every error; resolves to the warnings and sequences.
 */
export async function contentVerdict(): Promise<ContentVerdict> {
  const report = await checkContent();
  // Rule errors (articles, magnets, landing pages, sequences) stop the build with the other problems.
  const ruled = [...report.articles, ...report.others];
  const errors = [...report.problems, ...ruled.filter((problem) => problem.severity === 'error').map(formatProblem)];
  if (errors.length) throw new Error(`content checks failed:\n${errors.map((problem) => `- ${problem}`).join('\n')}`);
  const { sequences } = report;
  const slugs = new Set(sequences.map((sequence) => sequence.slug));
  if (!slugs.has(WELCOME_SEQUENCE)) throw new Error(`content/sequences/${WELCOME_SEQUENCE}/ is missing: every newsletter signup enters it`);
  for (const magnet of report.magnets) {
    if (!slugs.has(magnet.data.sequence)) {
      throw new Error(`content/magnets/${magnet.slug}.md: sequence: "${magnet.data.sequence}" has no folder in content/sequences/`);
    }
  }
  return {
    warnings: ruled.filter((problem) => problem.severity === 'warning').map(formatProblem),
    sequences,
    variants: report.landings.reduce((sum, landing) => sum + landing.data.variants.length, 0),
  };
}

// Started as the thread of contentVerdictOffThread() (src/nurture/content-verdict-thread.ts): run the checks and answer.
if (!isMainThread && workerData === CONTENT_VERDICT_THREAD) {
  contentVerdict().then(
    (verdict) => parentPort!.postMessage({ verdict }),
    (error: Error) => parentPort!.postMessage({ error: error.message }),
  );
}
