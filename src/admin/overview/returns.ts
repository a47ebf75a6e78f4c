/** What one campaign brought and cost in a range; undefined where it is not known. */
export interface CampaignFigures {
  campaign: string;
  leads: number;
  /** Ad spend from content/spend.csv; undefined when the file has no row for the campaign in the range. */
  spend: number | undefined;
  /** Won revenue from the outcomes file; undefined when no outcomes file is configured. */
  revenue: number | undefined;
}

export interface CampaignReturns extends CampaignFigures {
  /** Spend ÷ leads; undefined without spend or without leads. */
  costPerLead: number | undefined;
  /** Revenue ÷ spend (return on ad spend); undefined without both, or with nothing spent. */
  returnOnAdSpend: number | undefined;
}

export function campaignReturns(figures: CampaignFigures): CampaignReturns {
  const { leads, spend, revenue } = figures;
  return {
    ...figures,
    costPerLead: spend !== undefined && leads > 0 ? spend / leads : undefined,
    returnOnAdSpend: spend !== undefined && spend > 0 && revenue !== undefined ? revenue / spend : undefined,
  };
}
