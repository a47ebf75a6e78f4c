/** Where a lead stands; stored in `leads.status`. */
export const LeadStatus = {
  /** Gave an address; receives its sequence. */
  Active: 'active',
} as const;

export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];
