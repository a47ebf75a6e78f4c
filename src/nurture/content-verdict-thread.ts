import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ContentVerdict } from './content-verdict.ts';

/** Marks the thread contentVerdictOffThread() starts, so content-verdict.ts runs the checks when loaded there. */
export const CONTENT_VERDICT_THREAD = 'lodestone:content-verdict';

/**
 * contentVerdict() on a thread of its own: a build goes on with its other core meanwhile (a
 * 1,000-article site spends about a second of CPU in the checks, while Astro reads the same files on
 * the main thread), and the main thread does not even load the checks' modules. Where the checks'
 * module is not a file Node can start a thread from, they run on this thread.
 */
export async function contentVerdictOffThread(): Promise<ContentVerdict> {
  const checks = new URL('./content-verdict.ts', import.meta.url);
  if (checks.protocol !== 'file:' || !existsSync(fileURLToPath(checks))) return (await import('./content-verdict.ts')).contentVerdict();
  return new Promise((resolve, reject) => {
    // The thread's module is the checks' file, loaded by the line below: a flag for code given on the command line
    // (`node --input-type=module -e`) would stop it.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
    // The thread turns on Node's compile cache before it loads the checks, as Astro does on its own
    // thread: the checks' TypeScript modules are then not stripped and compiled again on every build.
    const start = `import { enableCompileCache } from 'node:module'; enableCompileCache?.(); await import(${JSON.stringify(checks.href)});`;
    const worker = new Worker(start, { eval: true, workerData: CONTENT_VERDICT_THREAD, execArgv });
    worker.once('message', (answer: { verdict: ContentVerdict } | { error: string }) =>
      'verdict' in answer ? resolve(answer.verdict) : reject(new Error(answer.error)),
    );
    worker.once('error', reject);
    // After an answer this changes nothing; without one, the thread died on its way.
    worker.once('exit', (code) => reject(new Error(`the content checks' thread exited with ${code} before answering`)));
  });
}
