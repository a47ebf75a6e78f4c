/**
 * Keyword insertion, as Unbounce's dynamic text: a Google search variant's headline marks one phrase
 * as `[[fallback words]]` or `[[fallback words|case]]`; with `?kw=` in the URL the searched words
 * replace it, written in the case the mark asks for. Pure: the page's inline script runs the same
 * functions (serialised into it), and the unit tests run them here.
 */

/** How the inserted words are written: as typed (no option), all lower case, Title Case or Sentence case. */
export const KEYWORD_CASES = ['lower', 'title', 'sentence'] as const;
export type KeywordCase = (typeof KEYWORD_CASES)[number];

/** `[[fallback words]]` or `[[fallback words|lower|title|sentence]]`. */
export const KEYWORD_MARK = /\[\[([^\]|]{1,60})(?:\|([a-z]+))?\]\]/;

export interface KeywordMark {
  /** The headline before and after the marked phrase. */
  before: string;
  after: string;
  /** The marked words, shown when there is no keyword (or it is refused). */
  fallback: string;
  /** Undefined: the keyword is written as typed. */
  case?: KeywordCase;
}

/** The marked phrase of a headline, or undefined when it marks none. An unknown case option is an error (the schema reports it). */
export function parseKeywordMark(headline: string): KeywordMark | undefined {
  const match = KEYWORD_MARK.exec(headline);
  if (!match) return undefined;
  const option = match[2];
  if (option !== undefined && !(KEYWORD_CASES as readonly string[]).includes(option)) {
    throw new Error(`unknown keyword case "${option}": use ${KEYWORD_CASES.join(', ')}, or none to keep the keyword as typed`);
  }
  return {
    before: headline.slice(0, match.index),
    after: headline.slice(match.index + match[0].length),
    fallback: match[1]!,
    case: option as KeywordCase | undefined,
  };
}

/** The headline as it reads with no keyword: each mark replaced by its fallback words. */
export function fallbackHeadline(headline: string): string {
  return headline.replace(new RegExp(KEYWORD_MARK.source, 'g'), '$1');
}

/**
 * Words a headline writes with capitals inside them (`BANT`, `LinkedIn`, `B2B`): a keyword that
 * contains one of them, in any case, gets it back as written, whatever its case option.
 */
export function keptWords(text: string): string[] {
  return [...new Set(text.match(/[\p{L}\p{N}]+/gu)?.filter((word) => /^.[\p{L}\p{N}]*\p{Lu}/u.test(word)) ?? [])];
}

/**
 * Writes a searched phrase in the case its mark asks for. Title Case keeps short joining words
 * ("a", "of", "with"…) lower case unless they come first. Words in `keep` keep their spelling.
 */
export function applyKeywordCase(phrase: string, option: KeywordCase | undefined, keep: readonly string[] = []): string {
  if (!option) return phrase;
  const small = /^(a|an|and|as|at|but|by|for|from|in|into|nor|of|on|or|per|the|to|vs|via|with)$/;
  const known = new Map(keep.map((word) => [word.toLowerCase(), word]));
  let first = true;
  return phrase.replace(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu, (word) => {
    const lower = word.toLowerCase();
    const isFirst = first;
    first = false;
    const kept = known.get(lower);
    if (kept) return kept;
    const capital = lower.charAt(0).toUpperCase() + lower.slice(1);
    if (option === 'lower') return lower;
    if (option === 'sentence') return isFirst ? capital : lower;
    return isFirst || !small.test(lower) ? capital : lower;
  });
}

/** The searched words `?kw=` brings, tidied, when they may replace the mark: 2 to 40 letters, digits, spaces and `' & . , -`. */
export function acceptableKeyword(raw: string | null): string | undefined {
  const keyword = (raw ?? '').replace(/\s+/g, ' ').trim();
  return keyword.length >= 2 && keyword.length <= 40 && /^[\p{L}\p{N} '&.,-]+$/u.test(keyword) ? keyword : undefined;
}
