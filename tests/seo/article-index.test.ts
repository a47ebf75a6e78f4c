import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleSlugOf, readArticleIndex } from '../../src/seo/article-index';

describe('readArticleIndex', () => {
  it('reads draft and last modification from each article, including nested folders', () => {
    const directory = mkdtempSync(join(tmpdir(), 'lodestone-articles-'));
    mkdirSync(join(directory, 'guides'));
    writeFileSync(join(directory, 'published.mdx'), '---\ntitle: A\npublished: 2026-01-02\n---\nBody');
    writeFileSync(join(directory, 'updated.mdx'), '---\npublished: 2026-01-02\nupdated: 2026-03-04\n---\n');
    writeFileSync(join(directory, 'guides', 'draft.mdx'), '---\npublished: 2026-02-01\ndraft: true\n---\n');
    writeFileSync(join(directory, 'notes.txt'), 'ignored');

    const index = readArticleIndex(directory);

    expect([...index.keys()].sort()).toEqual(['guides/draft', 'published', 'updated']);
    expect(index.get('published')).toEqual({ slug: 'published', title: 'A', draft: false, lastmod: new Date('2026-01-02') });
    expect(index.get('updated')?.lastmod).toEqual(new Date('2026-03-04'));
    expect(index.get('guides/draft')?.draft).toBe(true);
  });

  it('reads a quoted date and a date with a time as the same instants the content schema reads', () => {
    const directory = mkdtempSync(join(tmpdir(), 'lodestone-articles-'));
    writeFileSync(join(directory, 'quoted.mdx'), '---\ntitle: A\npublished: "2026-01-02"\n---\n');
    writeFileSync(join(directory, 'timed.mdx'), '---\ntitle: B\npublished: 2026-01-02\nupdated: 2026-03-04T10:30:00+02:00\n---\n');

    const index = readArticleIndex(directory);

    expect(index.get('quoted')?.lastmod).toEqual(new Date('2026-01-02'));
    expect(index.get('timed')?.lastmod).toEqual(new Date('2026-03-04T08:30:00Z'));
  });

  it.each([
    ['on its own line, trimmed as the schema trims it', 'title: "  Speed to lead: answer in five minutes "', 'Speed to lead: answer in five minutes'],
    ['folded over two lines', 'title: >-\n  Speed to lead:\n  answer in five minutes', 'Speed to lead: answer in five minutes'],
    ['quoted and wrapped', 'title: "Speed to lead:\n  answer in five minutes"', 'Speed to lead: answer in five minutes'],
  ])('reads the title %s', (_, line, title) => {
    const directory = mkdtempSync(join(tmpdir(), 'lodestone-articles-'));
    writeFileSync(join(directory, 'speed.mdx'), `---\n${line}\npublished: 2026-01-02\nseo:\n  title: Not this one\n---\nBody`);
    expect(readArticleIndex(directory).get('speed')?.title).toBe(title);
  });
});

describe('articleSlugOf', () => {
  it.each([
    ['https://example.com/articles/speed-to-lead/', 'speed-to-lead'],
    ['https://example.com/articles/guides/draft/', 'guides/draft'],
    ['https://example.com/articles/', undefined],
    ['https://example.com/tags/forms/', undefined],
    ['https://example.com/', undefined],
  ])('%s → %s', (url, slug) => {
    expect(articleSlugOf(url)).toBe(slug);
  });
});
