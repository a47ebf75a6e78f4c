import { fallbackHeadline } from './keyword-insertion.ts';

/** Below this share of the ad's promise reappearing on the page, a variant fails the check. */
export const MATCH_THRESHOLD = 0.6;

/** Words that carry no promise: articles, pronouns, auxiliaries, filler. */
const STOPWORDS = new Set(
  `a an the and or but if of to in on at by for with from into about as is are was were be been being it its this that these those
  you your yours we our us they their them i me my he she his her do does did can could will would should may might must have has had
  not no so than then too very just more most all any each every some such own same only also here there when where why how what which
  who whom whose out up down over under again once new now get got gets let lets make makes one ready`
    .split(/\s+/)
    .filter(Boolean),
);

/** Reduces a word to a rough stem, so "checklists" matches "checklist" and "scoring" matches "score". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (/^\d/.test(w)) return w;
  for (const suffix of ['ing', 'ers', 'ies', 'es', 'ed', 'er', 's']) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length) + (suffix === 'ies' ? 'y' : '');
      break;
    }
  }
  return w.replace(/e$/, '');
}

/** The meaningful words of a text, in order: numbers kept, stopwords dropped. */
export function meaningfulWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [])
    .map((word) => word.replace(/['’].*$/, ''))
    .filter((word) => !STOPWORDS.has(word));
}

export interface MatchInput {
  ad: { headline: string; primary_text: string; cta: string };
  page: { headline: string; subheadline: string; cta: string };
}

export interface MatchResult {
  /** Share of the ad's promise (weighted words and phrases) found on the page, 0 to 1. */
  score: number;
  /** The ad's meaningful words the page does not repeat, as the ad wrote them. */
  missing: string[];
}

/**
 * How much of an ad's promise the page repeats in its first screen. The promise is the meaningful
 * words of the ad's headline and call to action (weight 2) and primary text (weight 1), and the
 * two-word phrases of the headline (weight 2); the page is its headline, sub-headline and CTA.
 * A `[[marked phrase]]` counts as its fallback words.
 */
export function scoreMessageMatch({ ad, page }: MatchInput): MatchResult {
  const pageText = [fallbackHeadline(page.headline), page.subheadline, page.cta].join(' ');
  const pageWords = meaningfulWords(pageText).map(stem);
  const pageStems = new Set(pageWords);
  const pagePairs = new Set(pageWords.slice(1).map((word, index) => `${pageWords[index]} ${word}`));

  const weights = new Map<string, { weight: number; word: string }>();
  const add = (text: string, weight: number) => {
    for (const word of meaningfulWords(text)) {
      const key = stem(word);
      const known = weights.get(key);
      if (!known || known.weight < weight) weights.set(key, { weight, word });
    }
  };
  add(ad.primary_text, 1);
  add(ad.headline, 2);
  add(ad.cta, 2);

  let total = 0;
  let matched = 0;
  const missing: string[] = [];
  for (const [key, { weight, word }] of weights) {
    total += weight;
    if (pageStems.has(key)) matched += weight;
    else missing.push(word);
  }
  const headline = meaningfulWords(ad.headline).map(stem);
  for (let index = 1; index < headline.length; index++) {
    total += 2;
    if (pagePairs.has(`${headline[index - 1]} ${headline[index]}`)) matched += 2;
  }
  return { score: total === 0 ? 1 : matched / total, missing };
}
