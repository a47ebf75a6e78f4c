/** What a lead did, as scoring reads it. `at` is epoch milliseconds. */
export type LeadEvent =
  /** A page of the site seen by the lead (the beacon, once consent ties views to the lead); `tags` for an article. */
  | { type: 'page_view'; at: number; path: string; tags?: readonly string[] }
  /** A magnet's file fetched through its signed link. */
  | { type: 'magnet_download'; at: number; magnet: string }
  /** A link clicked in an email the site sent (Resend's `clicked`); `template` is the outbox template, like `sequence:welcome/02-offers`. */
  | { type: 'email_click'; at: number; template?: string }
  /** A consultation requested through a landing page's form: a hand-off to sales whatever the score. */
  | { type: 'consultation'; at: number };

export type LeadEventType = LeadEvent['type'];

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day number of a moment: days since 1 January 1970. */
export function dayOf(at: number): number {
  return Math.floor(at / DAY_MS);
}

/** How many other UTC days the lead was active on after their first: each is a return visit. */
export function returnVisits(events: readonly LeadEvent[]): number {
  return Math.max(0, new Set(events.map((event) => dayOf(event.at))).size - 1);
}
