import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from '../../src/site.config.ts';
import { projectRoot } from '../support/app-server.ts';

const run = (cwd: string, args: string[]) => promisify(execFile)(process.execPath, args, { cwd });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

/**
 * Runs the content-check integration's hooks in `directory` as `astro <command>` would: `dev` waits
 * for the checks as Astro starts; `build` goes on (printing "went on") and fails at its end.
 */
const integrationRun = (directory: string, command: 'dev' | 'build') => {
  const hook = `import { compiledSequences } from './src/nurture/build-integration.ts';
const { hooks } = compiledSequences();
const logger = { info() {}, warn() {} };
hooks['astro:config:setup']({ command: '${command}' });
await hooks['astro:config:done']({ config: { outDir: new URL('file://${directory}/dist/') }, logger });
console.log('went on');
if ('${command}' === 'build') await hooks['astro:build:done']({ logger });`;
  return failureOf(run(directory, ['--input-type=module', '-e', hook]));
};

/** A copy of the project whose site config carries `postalAddress`, for the checks that read it. */
describe.each([
  ['empty', '', /postalAddress is empty; every marketing email must show the sender's postal address \(CAN-SPAM\)/],
  ['a placeholder', 'YOUR POSTAL ADDRESS HERE', /postalAddress is still a placeholder/],
])('with a postal address that is %s', (_, postalAddress, message) => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'lodestone-address-'));
    cpSync(join(projectRoot, 'src'), join(directory, 'src'), { recursive: true });
    symlinkSync(join(projectRoot, 'content'), join(directory, 'content'));
    symlinkSync(join(projectRoot, 'node_modules'), join(directory, 'node_modules'));
    const config = join(directory, 'src/site.config.ts');
    const source = readFileSync(config, 'utf8');
    expect(source).toContain(JSON.stringify(site.postalAddress).slice(1, -1));
    writeFileSync(config, source.replace(site.postalAddress, postalAddress));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('npm run check:content fails with a clear message', async () => {
    const failure = await failureOf(run(directory, ['src/cli/check-content.ts']));
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(message);
  });

  it.each([
    ['astro dev stops as it starts', 'dev', ''],
    ['astro build goes on and fails at its end', 'build', 'went on\n'],
  ] as const)('%s, with the same message', async (_, command, stdout) => {
    const failure = await integrationRun(directory, command);
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe(stdout);
    expect(failure?.stderr).toMatch(/content checks failed:/);
    expect(failure?.stderr).toMatch(message);
  });
});

describe('npm run check:content with the shipped site config', () => {
  it('passes, with a line for the scoring rules', async () => {
    const { stdout } = await run(projectRoot, ['src/cli/check-content.ts']);
    expect(stdout).toMatch(/^scoring: \d+ fit, \d+ email-domain and \d+ behaviour rules; marketing-qualified at \d+, sales-ready at \d+$/m);
    expect(stdout).toContain('content checks passed');
  });
});

/** A copy of the project whose content/scoring.yaml gives the consultation rule its points as a word. */
describe('with a scoring rule whose points are not a number', () => {
  let directory = '';
  let line = 0;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'lodestone-scoring-'));
    symlinkSync(join(projectRoot, 'src'), join(directory, 'src'));
    symlinkSync(join(projectRoot, 'node_modules'), join(directory, 'node_modules'));
    mkdirSync(join(directory, 'content'));
    for (const entry of readdirSync(join(projectRoot, 'content'))) {
      if (entry !== 'scoring.yaml') symlinkSync(join(projectRoot, 'content', entry), join(directory, 'content', entry));
    }
    const lines = readFileSync(join(projectRoot, 'content/scoring.yaml'), 'utf8').split('\n');
    const consultation = lines.indexOf('  - event: consultation');
    expect(lines[consultation + 1]).toBe('    points: 30');
    lines[consultation + 1] = '    points: thirty';
    line = consultation + 2;
    writeFileSync(join(directory, 'content/scoring.yaml'), lines.join('\n'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const problem = () => new RegExp(`content/scoring\\.yaml:${line}:13 behaviour\\[\\d+\\]\\.points: Expected number, received string`);

  it('npm run check:content fails naming the file, line, column and field', async () => {
    const failure = await failureOf(run(directory, ['src/cli/check-content.ts']));
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(problem());
  });

  it.each([
    ['astro dev stops as it starts', 'dev', ''],
    ['astro build goes on and fails at its end', 'build', 'went on\n'],
  ] as const)('%s, with the same message', async (_, command, stdout) => {
    const failure = await integrationRun(directory, command);
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe(stdout);
    expect(failure?.stderr).toMatch(/content checks failed:/);
    expect(failure?.stderr).toMatch(problem());
  });
});
