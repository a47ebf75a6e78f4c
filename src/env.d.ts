declare namespace App {
  interface Locals {
    /** Set by the article page when frontmatter names a magnet: its offer goes before this h2 (the end of the introduction). */
    offerBefore?: { headingId: string; slug: string };
    /** Set by the article page: the text of each heading by its id, for the link beside it. */
    headingText?: ReadonlyMap<string, string>;
    /** Set by Table.astro: how often each table name is used on the page, to keep names unique. */
    tableNames?: Map<string, number>;
  }
}
