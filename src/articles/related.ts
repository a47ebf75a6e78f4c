import { tagSlug } from './tags';

/** The part of an article entry that decides relatedness. */
export interface RelatableArticle {
  id: string;
  data: { tags: readonly string[]; published: Date };
}

/** Finds the articles related to one article among candidates indexed once. */
export type RelatedFinder<T> = (current: RelatableArticle, limit: number) => T[];

/**
 * Indexes `candidates` by tag slug once, so each look-up only visits the articles that share a tag
 * with the current one and keeps the best `limit` as it goes, instead of re-slugging and sorting
 * the whole list for every page. Ranking as in `relatedArticles`.
 */
export function relatedFinder<T extends RelatableArticle>(candidates: readonly T[]): RelatedFinder<T> {
  const byTag = new Map<string, number[]>();
  candidates.forEach((candidate, position) => {
    for (const slug of new Set(candidate.data.tags.map(tagSlug))) {
      const positions = byTag.get(slug);
      if (positions) positions.push(position);
      else byTag.set(slug, [position]);
    }
  });
  // Rank 0 is the newest candidate; equal dates keep the candidates' own order.
  const rank = new Uint32Array(candidates.length);
  candidates
    .map((candidate, position) => ({ position, published: candidate.data.published.getTime() }))
    .sort((a, b) => b.published - a.published || a.position - b.position)
    .forEach(({ position }, order) => (rank[position] = order));

  const counts = new Uint8Array(candidates.length);
  /** The best `limit` positions among all candidates for one set of tags, the current article included. */
  const ranked = (slugs: ReadonlySet<string>, limit: number): number[] => {
    const touched: number[] = [];
    for (const slug of slugs) {
      for (const position of byTag.get(slug) ?? []) {
        if (counts[position] === 0) touched.push(position);
        counts[position] = counts[position]! + 1;
      }
    }
    // More shared tags first, then the newer article.
    const before = (a: number, b: number) => (counts[a] !== counts[b] ? counts[a]! > counts[b]! : rank[a]! < rank[b]!);
    const best: number[] = [];
    for (const position of touched) {
      if (best.length === limit) {
        if (!before(position, best[limit - 1]!)) continue;
        best.pop();
      }
      let at = best.length;
      while (at > 0 && before(position, best[at - 1]!)) at--;
      best.splice(at, 0, position);
    }
    for (const position of touched) counts[position] = 0;
    return best;
  };
  // Articles with the same tags share one ranking: a site's articles repeat a few tag sets, so each
  // set is ranked once per build instead of once per page. One place more than asked for leaves room
  // to drop the current article (ids are unique among the candidates).
  const rankings = new Map<string, number[]>();
  return (current, limit) => {
    if (limit <= 0) return [];
    const slugs = new Set(current.data.tags.map(tagSlug));
    const key = `${limit}\n${[...slugs].sort().join('\n')}`;
    let best = rankings.get(key);
    if (!best) rankings.set(key, (best = ranked(slugs, limit + 1)));
    return best
      .filter((position) => candidates[position]!.id !== current.id)
      .slice(0, limit)
      .map((position) => candidates[position]!);
  };
}

/**
 * Articles that share the most tags with `current`, best first; ties go to the newer article.
 * Articles sharing no tag are not related, so the list may be shorter than `limit`.
 */
export function relatedArticles<T extends RelatableArticle>(current: RelatableArticle, candidates: readonly T[], limit: number): T[] {
  return relatedFinder(candidates)(current, limit);
}
