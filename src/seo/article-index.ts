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

type IndexedKeys = { draft?: unknown; published?: unknown; updated?: unknown };

const INDEXED_KEYS = /^(?:draft|published|updated):.*$/gm;

/**
 * The `draft`, `published` and `updated` keys of a frontmatter block, parsed from their own lines:
 * parsing each whole block (FAQ answers and all) cost the build more than the rest of the sitemap.
 */
function indexedKeys(frontmatter: string): IndexedKeys {
  const lines = frontmatter.match(INDEXED_KEYS);
  return lines ? (parse(lines.join('\n')) as IndexedKeys) : {};
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
    const data = indexedKeys(frontmatter);
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
