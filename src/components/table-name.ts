/**
 * The accessible name of an article table's scrolling region, from its column headings: "Table:
 * Signal, Points". A region needs a name of its own to be found and reached by keyboard (axe
 * `scrollable-region-focusable`, `landmark-unique`), so a name already used on the page gets " (2)",
 * " (3)"…; a table without headings is "Table".
 */
export function tableName(tableHtml: string, used: Map<string, number>): string {
  const headings = [...tableHtml.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)]
    .map((match) =>
      match[1]!
        .replace(/<[^>]*>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  const base = headings.length ? `Table: ${headings.join(', ')}` : 'Table';
  const seen = (used.get(base) ?? 0) + 1;
  used.set(base, seen);
  return seen === 1 ? base : `${base} (${seen})`;
}
