import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** What the sitemap and the share images need to know about one article before Astro's content layer exists. */
export interface IndexedArticle {
  slug: string;
  /** The headline, trimmed as the content schema trims it: the share image is drawn from it. */
  title: string;
  draft: boolean;
  lastmod: Date;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

type IndexedKeys = { title?: unknown; draft?: unknown; published?: unknown; updated?: unknown };

const INDEXED_KEYS = /^(?:title|draft|published|updated):.*$/gm;

/**
 * The `title`, `draft`, `published` and `updated` keys of a frontmatter block, parsed from their own
 * lines: parsing each whole block (FAQ answers and all) cost the build more than the rest of the
 * sitemap. A title written over several lines (`title: >-`, or a quoted one that wraps) is not on
 * its own line: then the whole block is parsed.
 */
function indexedKeys(frontmatter: string): IndexedKeys {
  try {
    const keys = load(frontmatter.match(INDEXED_KEYS)?.join('\n') ?? '') as IndexedKeys | null | undefined;
    if (typeof keys?.title === 'string' && keys.title.trim() !== '') return keys;
  } catch {
    // A value that goes on past its line: read below with the rest of the block.
  }
  return (load(frontmatter) ?? {}) as IndexedKeys;
}

/**
 * Reads the frontmatter of every article file so the integrations, which run in the Astro config
 * where collections are not available, can skip drafts and set `lastmod` in the sitemap and draw
 * each article's share image. Schema validation stays with the content collection; this only
 * reads four keys.
 */
export function readArticleIndex(directory: string): Map<string, IndexedArticle> {
  const index = new Map<string, IndexedArticle>();
  for (const file of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.mdx')) continue;
    const frontmatter = FRONTMATTER.exec(readFileSync(join(directory, file), 'utf8'))?.[1] ?? '';
    const data = indexedKeys(frontmatter);
    const slug = file.replace(/\\/g, '/').replace(/\.mdx$/, '');
    const date = data.updated ?? data.published;
    // js-yaml reads an unquoted date as a Date (as Astro's frontmatter parser does), a quoted one as text.
    const lastmod = date instanceof Date ? date : new Date(String(date));
    index.set(slug, { slug, title: String(data.title ?? '').trim(), draft: data.draft === true, lastmod });
  }
  return index;
}

/** The article slug a page URL belongs to, or undefined for any other page. */
export function articleSlugOf(pageUrl: string): string | undefined {
  return /\/articles\/([^?#]+?)\/?$/.exec(new URL(pageUrl).pathname)?.[1];
}
