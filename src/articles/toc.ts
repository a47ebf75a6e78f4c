/** One entry of an article's table of contents, with its h3s nested under their h2. */
export interface TocEntry {
  slug: string;
  text: string;
  children: TocEntry[];
}

/** Nests h3 headings under the h2 before them; other depths are left out. */
export function buildToc(headings: readonly { depth: number; slug: string; text: string }[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const { depth, slug, text } of headings) {
    if (depth === 2) toc.push({ slug, text, children: [] });
    else if (depth === 3) (toc.at(-1)?.children ?? toc).push({ slug, text, children: [] });
  }
  return toc;
}
