import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/landing/content-check.ts';
import { projectRoot } from '../support/app-server.ts';

/** The check the build and `npm run check:content` run, on a copy of content/chats/ whose script names pages the site lacks. */
describe('the content check with a chat script naming a landing page and a magnet that do not exist', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'lodestone-chats-'));
    cpSync(join(projectRoot, 'content/chats'), directory, { recursive: true });
    const file = join(directory, 'lead-scoring.yaml');
    const yaml = readFileSync(file, 'utf8');
    const broken = yaml
      .replace('landings: [lead-scoring]', 'landings: [lead-scoring, pricing]')
      .replace('magnets: [lead-scoring-worksheet]', 'magnets: [roi-calculator]');
    expect(broken).not.toBe(yaml);
    writeFileSync(file, broken);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('fails, naming the file, the key and what is missing', async () => {
    const { problems } = await checkContent({ chatsDirectory: directory });
    expect(problems).toEqual([
      `${directory}/lead-scoring.yaml: landings: "pricing" has no file in content/landing/`,
      `${directory}/lead-scoring.yaml: magnets: "roi-calculator" has no file in content/magnets/`,
    ]);
  });

  it('passes on the shipped scripts', async () => {
    expect((await checkContent()).problems).toEqual([]);
  });
});
