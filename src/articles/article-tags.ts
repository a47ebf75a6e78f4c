import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;
/** The `tags:` key of a frontmatter block, with its block-style items when it has them. */
const TAGS_KEY = /^tags:.*(?:\r?\n[ \t]+-.*)*/m;

/**
 * The tags every article in `directory` uses (drafts included), for content checks that run before
 * Astro's content layer exists. Only the `tags:` key is parsed; the collection schema checks the rest.
 */
export async function readArticleTags(directory: string): Promise<string[]> {
  const tags = new Set<string>();
  for (const file of await readdir(directory, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.mdx')) continue;
    const frontmatter = FRONTMATTER.exec(await readFile(join(directory, file), 'utf8'))?.[1] ?? '';
    const key = TAGS_KEY.exec(frontmatter)?.[0];
    const value: unknown = key ? (parse(key) as { tags?: unknown }).tags : undefined;
    if (Array.isArray(value)) for (const tag of value) if (typeof tag === 'string') tags.add(tag.trim());
  }
  return [...tags].sort();
}
