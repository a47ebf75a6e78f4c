import { describe, expect, it } from 'vitest';
import { campaignReturns } from '../../../src/admin/overview/returns.ts';

describe('campaignReturns', () => {
  it.each([
    // spend 300 over 12 leads = 25 a lead; revenue 1,200 on 300 spent = 4×
    [{ leads: 12, spend: 300, revenue: 1200 }, 25, 4],
    // revenue unknown (no outcomes file): cost per lead only
    [{ leads: 12, spend: 300, revenue: undefined }, 25, undefined],
    // spend unknown: neither
    [{ leads: 12, spend: undefined, revenue: 1200 }, undefined, undefined],
    // paid for, no leads yet: no cost per lead; nothing won is a return of 0×
    [{ leads: 0, spend: 80, revenue: 0 }, undefined, 0],
    // nothing spent: a cost per lead of 0, but no return on nothing
    [{ leads: 5, spend: 0, revenue: 500 }, 0, undefined],
  ])('%j: cost per lead %j, return on ad spend %j', (figures, costPerLead, returnOnAdSpend) => {
    const returns = campaignReturns({ campaign: 'c', ...figures });
    expect(returns.costPerLead).toBe(costPerLead);
    expect(returns.returnOnAdSpend).toBe(returnOnAdSpend);
  });
});
