import type { Passage } from './passages.ts';

/** BM25's usual constants: term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** Below this score the best passage shares too little with the question to be an answer. */
export const MIN_ANSWER_SCORE = 4;
/** A passage must hold at least this share of the question's words: one shared word ("good") is not an answer. */
export const MIN_COVERAGE = 0.5;

/** Words too common to tell passages apart. */
const STOP_WORDS = new Set(
  'a an and are as at be but by can do does for from how i if in into is it its me my of on or our should so than that the their them then there these they this to was we what when where which who why will with you your'.split(
    ' ',
  ),
);

/** Lower-case word stems: plurals and common endings folded, so "leads" finds "lead" and "scoring" finds "score". */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((word) => !STOP_WORDS.has(word)).map(stem);
}

function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const [ending, replacement] of [
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length) + replacement;
  }
  return word;
}

/** The index as the build writes it: the passages, each one's term counts and length, and document frequencies. */
export interface SearchIndex {
  passages: Passage[];
  counts: Record<string, number>[];
  lengths: number[];
  documentFrequency: Record<string, number>;
}

/** Indexes passages; the passage's title counts as part of its text, so a section heading draws its questions. */
export function buildSearchIndex(passages: readonly Passage[]): SearchIndex {
  const counts = passages.map((passage) => {
    const count: Record<string, number> = {};
    for (const term of terms(`${passage.title} ${passage.text}`)) count[term] = (count[term] ?? 0) + 1;
    return count;
  });
  const documentFrequency: Record<string, number> = {};
  for (const count of counts) for (const term of Object.keys(count)) documentFrequency[term] = (documentFrequency[term] ?? 0) + 1;
  const lengths = counts.map((count) => Object.values(count).reduce((sum, n) => sum + n, 0));
  return { passages: [...passages], counts, lengths, documentFrequency };
}

export interface Hit {
  passage: Passage;
  score: number;
}

/**
 * The passages that answer a question best, by BM25, at most `limit`, one per page (the best of
 * each), none below MIN_ANSWER_SCORE or MIN_COVERAGE: an empty list means the site has no answer.
 */
export function search(index: SearchIndex, question: string, limit = 2): Hit[] {
  const query = [...new Set(terms(question))];
  const total = index.passages.length;
  if (!query.length || !total) return [];
  const averageLength = index.lengths.reduce((sum, length) => sum + length, 0) / total;
  const hits: Hit[] = [];
  index.counts.forEach((count, position) => {
    let score = 0;
    let matched = 0;
    for (const term of query) {
      const frequency = count[term];
      if (!frequency) continue;
      matched += 1;
      const documents = index.documentFrequency[term] ?? 0;
      const idf = Math.log(1 + (total - documents + 0.5) / (documents + 0.5));
      score += (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * index.lengths[position]!) / averageLength));
    }
    if (score >= MIN_ANSWER_SCORE && matched >= MIN_COVERAGE * query.length) hits.push({ passage: index.passages[position]!, score });
  });
  hits.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  return hits.filter((hit) => !seen.has(hit.passage.url) && seen.add(hit.passage.url)).slice(0, limit);
}
