/**
 * The plain text of an article section heading, for its anchor link's accessible name. The article
 * page hands over the text of its headings; rendering the slot to a string only to strip its tags
 * again is the fallback for a heading rendered anywhere else.
 */
export async function sectionHeadingText(known: string | undefined, renderSlot: () => Promise<string>): Promise<string> {
  return (
    known ??
    (await renderSlot())
      .replace(/<[^>]*>/g, '')
      .replace(/&amp;/g, '&')
      .trim()
  );
}
