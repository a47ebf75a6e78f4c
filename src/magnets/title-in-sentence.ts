/** Words that already say which one, so the title needs no "the" of its own. */
const DETERMINER = /^(The|A|An|Another|Our|Your|This|These|Every)\s+(.*)$/s;

/**
 * A magnet's title as it reads inside a sentence. Titles are written in sentence case to stand on
 * their own ("The lead scoring worksheet"); mid-sentence their leading article is lower-cased ("the
 * lead scoring worksheet"), and a title without one gets "the" ("the five-email … pack"). A first
 * word with more capitals than its first letter (BANT, LinkedIn, A/B) keeps its spelling.
 */
export function titleInSentence(title: string): string {
  const article = DETERMINER.exec(title);
  if (article) return `${article[1]!.toLowerCase()} ${article[2]}`;
  const firstWord = title.split(/\s/, 1)[0]!;
  const plainWord = /^[A-Z][^A-Z]*$/.test(firstWord);
  return `the ${plainWord ? firstWord[0]!.toLowerCase() + title.slice(1) : title}`;
}
