import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** What the sitemap needs to know about one article before Astro's content layer exists. */
export interface IndexedArticle {
  slug: string;
  draft: boolean;
  lastmod: Date;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/**
 * The YAML value of one top-level key of a frontmatter block, or undefined. Parses that line alone:
 * the whole block (FAQ answers and all) of every article cost the config load more than the rest of it.
 */
function topLevelValue(frontmatter: string, key: string): unknown {
  const line = new RegExp(`^${key}:(.*)$`, 'm').exec(frontmatter);
  return line ? parse(line[1]!) : undefined;
}

/**
 * Reads the frontmatter of every article file so the sitemap integration, which runs in the
 * Astro config where collections are not available, can skip drafts and set `lastmod`.
 * Schema validation stays with the content collection; this only reads three keys.
 */
export function readArticleIndex(directory: string): Map<string, IndexedArticle> {
  const index = new Map<string, IndexedArticle>();
  for (const file of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.mdx')) continue;
    const frontmatter = FRONTMATTER.exec(readFileSync(join(directory, file), 'utf8'))?.[1] ?? '';
    const data = {
      draft: topLevelValue(frontmatter, 'draft'),
      published: topLevelValue(frontmatter, 'published'),
      updated: topLevelValue(frontmatter, 'updated'),
    };
    const slug = file.replace(/\\/g, '/').replace(/\.mdx$/, '');
    const lastmod = new Date(String(data.updated ?? data.published));
    index.set(slug, { slug, draft: data.draft === true, lastmod });
  }
  return index;
}

/** The article slug a page URL belongs to, or undefined for any other page. */
export function articleSlugOf(pageUrl: string): string | undefined {
  return /\/articles\/([^?#]+?)\/?$/.exec(new URL(pageUrl).pathname)?.[1];
}
