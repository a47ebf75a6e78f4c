import { tagSlug } from './tags';

/** The part of an article entry that decides relatedness. */
export interface RelatableArticle {
  id: string;
  data: { tags: readonly string[]; published: Date };
}

/**
 * Articles that share the most tags with `current`, best first; ties go to the newer article.
 * Articles sharing no tag are not related, so the list may be shorter than `limit`.
 */
export function relatedArticles<T extends RelatableArticle>(current: RelatableArticle, candidates: readonly T[], limit: number): T[] {
  const own = new Set(current.data.tags.map(tagSlug));
  return candidates
    .filter((candidate) => candidate.id !== current.id)
    .map((candidate) => ({
      candidate,
      shared: new Set(candidate.data.tags.map(tagSlug).filter((slug) => own.has(slug))).size,
    }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || b.candidate.data.published.getTime() - a.candidate.data.published.getTime())
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
