import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticleTags } from '../../src/articles/article-tags.ts';

describe('readArticleTags', () => {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-tags-'));
  beforeAll(() => {
    const write = (file: string, frontmatter: string) =>
      writeFileSync(join(directory, file), `---\n${frontmatter}\n---\n\nBody with tags: ["Not a tag"]\n`);
    write('flow.mdx', 'title: "Flow"\ntags: ["Lead scoring", "Forms"]\nfeatured: true');
    write('block.mdx', 'title: "Block"\ntags:\n  - Sales handoff\n  - " Forms "\ndraft: true');
    write('untagged.mdx', 'title: "No tags"');
    mkdirSync(join(directory, 'guides'));
    write('guides/nested.mdx', "tags: ['Measurement']");
    write('notes.md', 'tags: ["Not an article"]');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('lists every tag of every article once, drafts and folders included, in flow or block style', async () => {
    expect(await readArticleTags(directory)).toEqual(['Forms', 'Lead scoring', 'Measurement', 'Sales handoff']);
  });

  it('finds the shipped articles’ tags', async () => {
    expect(await readArticleTags('content/articles')).toContain('Lead scoring');
  });
});
