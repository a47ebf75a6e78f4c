const MINUTE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A moment as the admin reads it: "2 Dec 2026, 16:12 UTC". */
export function adminTime(epochMs: number): string {
  return `${MINUTE.format(epochMs)} UTC`;
}

/** The same moment for `<time datetime>`. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
