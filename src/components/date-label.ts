// One formatter for every date on the site: `toLocaleDateString` builds a new one per call, which
// a build listing thousands of article cards paid for thousands of times.
const DATE_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

// Each article's date appears on its own page and on every list that shows its card (articles,
// its tags, its author, related articles): formatting is the costly part, so each date is formatted
// once per build. Bounded, so a long-running dev server does not keep every date it ever showed.
const LABELS_KEPT = 10_000;
const labels = new Map<number, string>();

/** A date as readers see it: "1 September 2026". */
export function dateLabel(date: Date): string {
  const time = date.getTime();
  let label = labels.get(time);
  if (label === undefined) {
    if (labels.size >= LABELS_KEPT) labels.clear();
    labels.set(time, (label = DATE_LABEL.format(date)));
  }
  return label;
}

/** A date as machines read it in `<time datetime>`: "2026-09-01". */
export function dateAttribute(date: Date): string {
  return date.toISOString().slice(0, 10);
}
