import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

const TITLE = 'Lead scoring for small sales teams in practice';
const SLUG = 'lead-scoring-for-small-sales-teams-in-practice';
const written: Record<string, string[]> = {
  article: [`content/articles/${SLUG}.mdx`],
  magnet: [`content/magnets/${SLUG}.md`, `content/magnets/images/${SLUG}.svg`],
  landing: [`content/landing/images/${SLUG}-meta.png`, `content/landing/${SLUG}.yaml`],
  sequence: [`content/sequences/${SLUG}/01-first-step.mdx`, `content/sequences/${SLUG}/02-second-step.mdx`],
};

/** Every file under `directory`, recursively. */
const filesUnder = (directory: string): string[] =>
  readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(directory, name)).isFile());

/** A copy of the project, where `npm run new` may write and Astro may read what it wrote. */
let directory = '';
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'lodestone-new-'));
  for (const entry of ['src', 'public', 'content', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(projectRoot, entry), join(directory, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(directory, 'node_modules'), 'dir');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run new', () => {
  it.each(Object.entries(written))('writes a %s, and refuses to overwrite it', async (kind, files) => {
    const first = await run(directory, ['src/cli/new.ts', kind, TITLE]);
    expect(first.code).toBe(0);
    for (const file of files) expect(existsSync(join(directory, file)), file).toBe(true);
    const before = files.map((file) => readFileSync(join(directory, file), 'utf8'));
    const again = await run(directory, ['src/cli/new.ts', kind, TITLE]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exist');
    expect(files.map((file) => readFileSync(join(directory, file), 'utf8'))).toEqual(before);
  });

  it('leaves files the checks fail at each placeholder, and pass once the placeholders are filled', async () => {
    const unfilled = await run(directory, ['src/cli/check-content.ts', '--json']);
    expect(unfilled.code).toBe(1);
    const problems = (JSON.parse(unfilled.stdout) as { problems: { file: string; rule: string }[] }).problems;
    const newFiles = Object.values(written).flat();
    expect(problems.filter((problem) => problem.rule !== 'placeholder')).toEqual([]);
    expect(new Set(problems.map((problem) => problem.file))).toEqual(
      new Set(newFiles.filter((file) => !/\.(svg|png|mdx)$/.test(file) || file.includes('sequences'))),
    );

    // Filled: each hint's marker taken off leaves the hint as the text (the hints are written to be valid text), and the article is published.
    for (const file of filesUnder(join(directory, 'content')).filter((name) => name.includes(SLUG) && !name.endsWith('.png'))) {
      const path = join(directory, 'content', file);
      writeFileSync(
        path,
        readFileSync(path, 'utf8')
          .replaceAll('FILL IN: ', '')
          .replace(/^draft: true.*\n/m, ''),
      );
    }
    const filled = await run(directory, ['src/cli/check-content.ts', '--json']);
    const left = (JSON.parse(filled.stdout) as { problems: { file: string; rule: string; severity: string }[] }).problems;
    // A new article has no links to it yet: the orphan warning is expected until one does.
    expect(left).toEqual([expect.objectContaining({ file: `content/articles/${SLUG}.mdx`, rule: 'orphan', severity: 'warning' })]);
    expect(filled.code).toBe(0);

    // Astro's own schemas accept the files too: the article's author, the magnet's cover image.
    const sync = await run(directory, [join(directory, 'node_modules/astro/bin/astro.mjs'), 'sync']);
    expect(sync.code, sync.stderr).toBe(0);
  }, 90_000);
});
