/** States of an `ad_leads` row. */
export const AdLeadStatus = {
  /** Stored from the webhook; due to be fetched (Meta) and captured. */
  Pending: 'pending',
  /** Claimed by a worker until `locked_until`; a crashed worker's claim lapses and the row is worked again. */
  Working: 'working',
  /** Became a lead and touch (`lead_id`). */
  Captured: 'captured',
  /** Cannot become a lead (no mapping for its form, no address, the platform refused it for good); the reason is in `last_error`. */
  Failed: 'failed',
} as const;
