declare namespace App {
  interface Locals {
    /** Set by the article page when frontmatter names a magnet: its offer goes before this h2 (the end of the introduction). */
    offerBefore?: { headingId: string; slug: string };
  }
}
