/**
 * How far a lead has come towards sales, as its score and its requests say. Apart from LeadStatus,
 * which says whether the address may be emailed at all.
 */
export const Qualification = {
  /** Below the marketing-qualified threshold. */
  New: 'new',
  /** At or above the marketing-qualified threshold: nurture with care, not yet for sales. */
  MarketingQualified: 'marketing-qualified',
  /** At or above the sales-ready threshold, or asked for a consultation: hand the lead to sales. */
  SalesReady: 'sales-ready',
} as const;

export type Qualification = (typeof Qualification)[keyof typeof Qualification];

/** The order a lead moves in: new → marketing-qualified → sales-ready. */
export const QUALIFICATION_ORDER: readonly Qualification[] = [Qualification.New, Qualification.MarketingQualified, Qualification.SalesReady];

/** True when `to` is further along than `from`, such as new → sales-ready. */
export function isPromotion(from: Qualification, to: Qualification): boolean {
  return QUALIFICATION_ORDER.indexOf(to) > QUALIFICATION_ORDER.indexOf(from);
}
