import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'astro/zod';
import type { ImageFunction } from 'astro/content/config';
import { afterAll, describe, expect, it } from 'vitest';
import { articleSchema, authorSchema } from '../../src/articles/schema';

const run = promisify(execFile);

/** Stands in for Astro's image() helper, which only exists inside the content layer. */
const image = (() => z.string()) as unknown as ImageFunction;
// Stand-ins for Astro's references: any author id, and one magnet that exists.
const schema = articleSchema({ image, author: z.string(), magnet: z.enum(['lead-scoring-worksheet']) });

const valid = {
  title: 'Speed to lead: why the first hour decides',
  description: 'How fast to answer a new lead, what slows teams down, and a routing setup that gets a reply out within five minutes.',
  keyword: 'speed to lead',
  intent: 'informational',
  author: 'daniel-reyes',
  published: '2026-05-12',
  tags: ['Conversion'],
};

describe('article frontmatter schema', () => {
  it('accepts a complete article and fills defaults', () => {
    const parsed = schema.parse(valid);
    expect(parsed.draft).toBe(false);
    expect(parsed.featured).toBe(false);
    expect(parsed.published).toEqual(new Date('2026-05-12'));
  });

  it('accepts rule ids to switch off for the file', () => {
    expect(schema.parse({ ...valid, lint: { ignore: ['orphan', 'keyword-in-slug'] } }).lint).toEqual({ ignore: ['orphan', 'keyword-in-slug'] });
  });

  it.each([
    ['a missing title', { title: undefined }, 'title'],
    ['a title too long for search results', { title: 'x'.repeat(71) }, 'title'],
    ['a description too short to be a snippet', { description: 'Too short.' }, 'description'],
    ['a description too long for search results', { description: 'y'.repeat(161) }, 'description'],
    ['an unknown search intent', { intent: 'curious' }, 'intent'],
    ['a date that is not a date', { published: 'next Tuesday' }, 'published'],
    ['an update before publication', { updated: '2026-01-01' }, 'updated'],
    ['no tags', { tags: [] }, 'tags'],
    ['seven tags', { tags: ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'] }, 'tags'],
    ['a magnet that is not in content/magnets/', { magnet: 'no-such-magnet' }, 'magnet'],
    ['a FAQ answer that says nothing', { faq: [{ question: 'What is a lead?', answer: 'A person.' }] }, 'faq.0.answer'],
    ['a hero image with no alt text', { hero: { image: 'hero.png', alt: '' } }, 'hero.alt'],
    ['a canonical that is not a URL', { seo: { canonical: 'elsewhere' } }, 'seo.canonical'],
    ['a lint ignore naming no rule', { lint: { ignore: ['no-such-rule'] } }, 'lint.ignore.0'],
    ['a lint key other than ignore', { lint: { ignore: ['orphan'], rules: 'off' } }, 'lint'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const result = schema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });
});

describe('author schema', () => {
  it.each([
    [
      'a complete author',
      { name: 'Maya Okafor', role: 'Head of Content', bio: 'Writes about search, magnets and landing pages for small teams.' },
      true,
    ],
    ['a bio too short to say anything', { name: 'Maya Okafor', role: 'Head of Content', bio: 'Writes.' }, false],
    ['a profile URL that is not a URL', { name: 'Maya Okafor', role: 'Editor', bio: 'x'.repeat(50), url: 'maya' }, false],
  ])('%s → valid: %s', (_, data, ok) => {
    expect(authorSchema.safeParse(data).success).toBe(ok);
  });
});

describe('astro sync with a bad article', () => {
  const root = resolve(import.meta.dirname, '../..');
  const project = mkdtempSync(join(tmpdir(), 'lodestone-schema-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('stops with a message naming the file and the field', async () => {
    for (const entry of [
      'src',
      'public',
      'astro.config.mjs',
      'package.json',
      'tsconfig.json',
      // The whole shipped content: the content checks at start read every kind (scoring rules name the articles' tags).
      'content',
    ]) {
      cpSync(join(root, entry), join(project, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
    const frontmatter = Object.entries({ ...valid, intent: 'curious' }).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
    writeFileSync(join(project, 'content/articles/broken-article.mdx'), ['---', ...frontmatter, '---', '', 'Body.'].join('\n'));

    const failure = await run(process.execPath, [join(project, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
      cwd: project,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    }).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => error,
    );

    expect(failure, 'astro sync must fail on invalid frontmatter').toBeDefined();
    const output = `${failure!.stdout}\n${failure!.stderr}`;
    expect(output).toMatch(/broken-article\.mdx/);
    expect(output).toMatch(/intent/);
  }, 60_000);
});
