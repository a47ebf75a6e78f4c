import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';

type Outcome = { code: number; stdout: string; stderr: string };
const run = (cwd: string, args: string[]): Promise<Outcome> =>
  promisify(execFile)(process.execPath, args, { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Outcome) => error,
  );

const STEP = 'content/sequences/welcome/01-one-number.mdx';
let directory = '';
/** A copy of the project whose first welcome step has a 90-character subject. */
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'lodestone-offers-'));
  symlinkSync(join(projectRoot, 'src'), join(directory, 'src'));
  symlinkSync(join(projectRoot, 'node_modules'), join(directory, 'node_modules'));
  cpSync(join(projectRoot, 'content'), join(directory, 'content'), { recursive: true });
  const source = readFileSync(join(directory, STEP), 'utf8');
  const edited = source.replace(/^subject: .*$/m, `subject: "${'A subject far too long for any inbox '.repeat(3).trim()}"`);
  expect(edited).not.toBe(source);
  writeFileSync(join(directory, STEP), edited);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run check:content on sequences, magnets and landing pages', () => {
  it('names a step’s long subject at its line with its rule id, once, and exits 1', async () => {
    const outcome = await run(directory, ['src/cli/check-content.ts']);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`${STEP}:2:1  subject-length  subject has 110 characters; keep it between 5 and 78`);
    // The step's schema refuses it too; its message would repeat the same problem without a line.
    expect(outcome.stderr).not.toContain('keep the subject to 78 characters');
  });

  it('stops the build as Astro starts, with the same line', async () => {
    const hook = `import { compiledSequences } from './src/nurture/build-integration.ts';
await compiledSequences().hooks['astro:config:done']({ config: { outDir: new URL('file://${directory}/dist/') }, logger: { info() {}, warn() {} } });`;
    const outcome = await run(directory, ['--input-type=module', '-e', hook]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`${STEP}:2:1  subject-length`);
  });

  it('gives the problem to editors as JSON with its rule and place', async () => {
    const { problems } = JSON.parse((await run(directory, ['src/cli/check-content.ts', '--json'])).stdout) as { problems: unknown[] };
    expect(problems).toEqual([
      { file: STEP, line: 2, column: 1, rule: 'subject-length', severity: 'error', message: expect.stringContaining('110 characters') },
    ]);
  });

  it('prints the internal linking report with --links, and exits 0', async () => {
    const outcome = await run(projectRoot, ['src/cli/check-content.ts', '--links', '--json']);
    expect(outcome.code).toBe(0);
    const { links } = JSON.parse(outcome.stdout) as { links: { file: string; line: number; target: string }[] };
    for (const link of links)
      expect(link).toMatchObject({ file: expect.stringMatching(/^content\/articles\/.+\.mdx$/), target: expect.stringMatching(/^\/articles\//) });
  });
});
