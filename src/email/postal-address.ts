/** Words that mark an address as a template never filled in. */
const PLACEHOLDER =
  /\b(?:todo|tbd|tba|fixme|xxx+|changeme|change me|placeholder|lorem|ipsum|your (?:postal |street |mailing |business |company )?address|address here|street name|city, state)\b|[<>[\]{}]/i;

/**
 * Why a postal address cannot go in an email footer, or undefined when it can. CAN-SPAM wants a
 * valid physical address in every commercial email, so an empty one, a template's placeholder, or
 * text with no street number, PO box or postcode (no digit at all) is refused, naming the file to edit.
 */
export function postalAddressProblem(address: string): string | undefined {
  const where = 'src/site.config.ts: postalAddress';
  const trimmed = address.trim();
  if (!trimmed) return `${where} is empty; every marketing email must show the sender's postal address (CAN-SPAM)`;
  const placeholder = PLACEHOLDER.exec(trimmed);
  if (placeholder) return `${where} is still a placeholder ("${placeholder[0]}"); set the postal address your email is sent from`;
  if (!/\d/.test(trimmed) || trimmed.split(/,|\n/).filter((part) => part.trim()).length < 2) {
    return `${where} "${trimmed}" does not look like a postal address; write it on one line, like "Company, 12 High Street, Town, Postcode, Country"`;
  }
  if (trimmed.length > 200) return `${where} is ${trimmed.length} characters; keep it to 200, one line in the footer`;
  return undefined;
}
