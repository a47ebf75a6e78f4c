function slugOf(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// A build slugs the same few labels again on every page that links a tag, lists articles or ranks
// related ones: each label is slugged once. Bounded, as the server slugs tags that page-view events
// carry, which it does not choose.
const SLUGS_KEPT = 1000;
const slugs = new Map<string, string>();

/** The URL slug of a tag label: "Lead scoring" → "lead-scoring". */
export function tagSlug(label: string): string {
  let slug = slugs.get(label);
  if (slug === undefined) {
    if (slugs.size >= SLUGS_KEPT) slugs.clear();
    slugs.set(label, (slug = slugOf(label)));
  }
  return slug;
}

export interface TagSummary {
  slug: string;
  label: string;
  count: number;
}

/**
 * Every tag used by the given articles, once per slug, most used first then alphabetical.
 * Two spellings that share a slug ("Lead scoring", "lead scoring") are one tag; the first label seen wins.
 */
export function summarizeTags(articles: readonly { tags: readonly string[] }[]): TagSummary[] {
  const bySlug = new Map<string, TagSummary>();
  for (const article of articles) {
    for (const slug of new Set(article.tags.map(tagSlug))) {
      const label = article.tags.find((tag) => tagSlug(tag) === slug) ?? slug;
      const summary = bySlug.get(slug);
      if (summary) summary.count += 1;
      else bySlug.set(slug, { slug, label, count: 1 });
    }
  }
  return [...bySlug.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
