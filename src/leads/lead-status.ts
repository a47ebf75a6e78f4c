/** How far a lead is qualified; stored in `leads.status`, moved by the qualifier (src/scoring/). */
export const LeadStatus = {
  /** Gave an address; receives its sequence. */
  New: 'new',
  /** Scored high enough for marketing's attention: engaged, or a good fit, not yet ready for a call. */
  MarketingQualified: 'marketing-qualified',
  /** Scored high enough for sales, or asked for a consultation; sequences skip steps marked `skip_if: [sales-ready]`. */
  SalesReady: 'sales-ready',
} as const;

export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];
