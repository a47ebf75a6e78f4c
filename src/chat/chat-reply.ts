import type { Hit } from './search-index.ts';

/** A passage as the reply shows it: where it is and the words quoted. */
export interface Source {
  title: string;
  url: string;
  quote: string;
}

export interface ChatReply {
  text: string;
  sources: Source[];
}

/** Longest quote shown from a passage. */
export const QUOTE_MAX = 320;

/** What the chat says when the site has no answer: plainly, and what to do instead. */
export const NO_ANSWER =
  'I could not find that in our guides, so I would rather not guess. Try asking it another way, or answer a few questions and I will point you to what fits.';

/** A passage cut at a sentence end before QUOTE_MAX characters (or a word end, with an ellipsis). */
export function quoteOf(text: string): string {
  if (text.length <= QUOTE_MAX) return text;
  const cut = text.slice(0, QUOTE_MAX);
  const sentence = cut.lastIndexOf('. ');
  return sentence > QUOTE_MAX / 3 ? cut.slice(0, sentence + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** The reply without a language model: the best passages quoted, each with a link to its page. */
export function quotedReply(hits: readonly Hit[]): ChatReply {
  if (!hits.length) return { text: NO_ANSWER, sources: [] };
  return {
    text: hits.length === 1 ? 'Here is what our guide says:' : 'Here is what our guides say:',
    sources: hits.map(({ passage }) => ({ title: passage.title, url: passage.url, quote: quoteOf(passage.text) })),
  };
}
