/** Strips what a reader does not read aloud: frontmatter, code fences, import/export lines, tags and link targets. */
function readableText(mdx: string): string {
  return mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*(import|export)\s.*$/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#>*_`|[\]-]/g, ' ');
}

/** Word counts by body: list pages show the same article on the home, articles, tag and author pages. */
const counted = new Map<string, number>();
/** Bodies kept at most: a long `astro dev` session edits the same articles again and again. */
const COUNTED_MAX = 10_000;

/** Counts words in an MDX body as a reader would see them; each body is counted once. */
export function countWords(mdx: string): number {
  let count = counted.get(mdx);
  if (count === undefined) {
    count = readableText(mdx).match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%$]*/gu)?.length ?? 0;
    if (counted.size >= COUNTED_MAX) counted.clear();
    counted.set(mdx, count);
  }
  return count;
}

/** Whole minutes to read, never less than one. */
export function readingMinutes(mdx: string, wordsPerMinute: number): number {
  if (!(wordsPerMinute > 0)) throw new RangeError('wordsPerMinute must be a positive number');
  return Math.max(1, Math.round(countWords(mdx) / wordsPerMinute));
}
