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

/** Counts words in an MDX body as a reader would see them. */
export function countWords(mdx: string): number {
  const words = readableText(mdx).match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%$]*/gu);
  return words ? words.length : 0;
}

/** Whole minutes to read, never less than one. */
export function readingMinutes(mdx: string, wordsPerMinute: number): number {
  if (!(wordsPerMinute > 0)) throw new RangeError('wordsPerMinute must be a positive number');
  return Math.max(1, Math.round(countWords(mdx) / wordsPerMinute));
}
