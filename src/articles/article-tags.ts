/**
 * The tags every article uses (drafts included), from frontmatter parsed outside Astro's content
 * layer, for the content checks that run before it exists. The collection schema checks types; a
 * tag that is not a string is left to it.
 */
export function articleTags(articles: readonly { data: Record<string, unknown> }[]): string[] {
  const tags = new Set<string>();
  for (const { data } of articles) {
    if (Array.isArray(data.tags)) for (const tag of data.tags) if (typeof tag === 'string') tags.add(tag.trim());
  }
  return [...tags].sort();
}
