// One formatter for every date on the site: `toLocaleDateString` builds a new one per call, which
// a build listing thousands of article cards paid for thousands of times.
const DATE_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A date as readers see it: "1 September 2026". */
export function dateLabel(date: Date): string {
  return DATE_LABEL.format(date);
}

/** A date as machines read it in `<time datetime>`: "2026-09-01". */
export function dateAttribute(date: Date): string {
  return date.toISOString().slice(0, 10);
}
