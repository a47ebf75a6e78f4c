/** Where a lead stands; stored in `leads.status`. */
export const LeadStatus = {
  /** Gave an address; receives its sequence. */
  Active: 'active',
  /** Scored high enough for sales; sequences skip steps marked `skip_if: [sales-ready]`. */
  SalesReady: 'sales-ready',
} as const;

export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];
