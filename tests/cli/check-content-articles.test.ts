import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';

type Outcome = { code: number; stdout: string; stderr: string };
const run = (cwd: string, args: string[]): Promise<Outcome> =>
  promisify(execFile)(process.execPath, args, { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Outcome) => error,
  );

const directories: string[] = [];
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

/** A copy of the project whose content/articles/what-is-a-lead.mdx is changed by `edit`. */
function projectWith(edit: (source: string) => string): string {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-articles-'));
  directories.push(directory);
  symlinkSync(join(projectRoot, 'src'), join(directory, 'src'));
  symlinkSync(join(projectRoot, 'node_modules'), join(directory, 'node_modules'));
  mkdirSync(join(directory, 'content'));
  for (const entry of readdirSync(join(projectRoot, 'content'))) {
    if (entry !== 'articles') symlinkSync(join(projectRoot, 'content', entry), join(directory, 'content', entry));
  }
  cpSync(join(projectRoot, 'content/articles'), join(directory, 'content/articles'), { recursive: true });
  const file = join(directory, 'content/articles/what-is-a-lead.mdx');
  const source = readFileSync(file, 'utf8');
  const edited = edit(source);
  expect(edited).not.toBe(source);
  writeFileSync(file, edited);
  return directory;
}

const CLI = 'src/cli/check-content.ts';
/** The description without the keyword "what is a lead": a warning. */
const withoutKeyword = (source: string) => source.replace('description: "What is a lead? Someone', 'description: "A lead is someone');
const WARNING = 'content/articles/what-is-a-lead.mdx:3:1  keyword-in-description  warning: the keyword "what is a lead" is not in the description';

describe('npm run check:content on articles', () => {
  it('exits 1 on an error, naming file, line, column and rule, and astro dev stops as it starts', async () => {
    const directory = projectWith((source) =>
      source.replace('\nWhat is a lead? A person', '\nSee [the glossary](/articles/glossary/). What is a lead? A person'),
    );
    const outcome = await run(directory, [CLI]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(
      /^content\/articles\/what-is-a-lead\.mdx:\d+:5 {2}internal-link {2}\/articles\/glossary\/ is not a page of the site$/m,
    );

    const hook = `import { compiledSequences } from './src/nurture/build-integration.ts';
await compiledSequences().hooks['astro:config:done']({ config: { outDir: new URL('file://${directory}/dist/') }, logger: { info() {}, warn() {} } });`;
    const build = await run(directory, ['--input-type=module', '-e', hook]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/content checks failed:\n- content\/articles\/what-is-a-lead\.mdx:\d+:5 {2}internal-link/);
  });

  it('prints a warning and exits 0; --strict exits 1', async () => {
    const directory = projectWith(withoutKeyword);
    const outcome = await run(directory, [CLI]);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(WARNING);
    expect(outcome.stdout).toContain('content checks passed');
    expect((await run(directory, [CLI, '--strict'])).code).toBe(1);
  });

  it('--json prints the problems for editors and CI annotations', async () => {
    const outcome = await run(projectWith(withoutKeyword), [CLI, '--json']);
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({
      problems: [
        {
          file: 'content/articles/what-is-a-lead.mdx',
          line: 3,
          column: 1,
          rule: 'keyword-in-description',
          severity: 'warning',
          message: 'the keyword "what is a lead" is not in the description',
        },
      ],
    });
  });

  it('switches a rule off for one file with lint.ignore in its frontmatter', async () => {
    const ignoring = (source: string) =>
      withoutKeyword(source).replace('\nkeyword:', '\nlint:\n  ignore: [keyword-in-description] # a reason\nkeyword:');
    const outcome = await run(projectWith(ignoring), [CLI, '--strict']);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).not.toContain('keyword-in-description');
  });

  it('refuses an unknown rule id in lint.ignore', async () => {
    const outcome = await run(
      projectWith((source) => source.replace('\nkeyword:', '\nlint:\n  ignore: [no-such-rule]\nkeyword:')),
      [CLI],
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('content/articles/what-is-a-lead.mdx:5:12  lint-ignore  "no-such-rule" is not a rule id');
  });
});
