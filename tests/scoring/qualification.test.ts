import { describe, expect, it } from 'vitest';
import { isPromotion, Qualification } from '../../src/scoring/qualification.ts';

describe('Qualification', () => {
  it('names the three stages as stored and as nurture steps name them (skip_if: [sales-ready])', () => {
    expect(Object.values(Qualification)).toEqual(['new', 'marketing-qualified', 'sales-ready']);
  });

  it.each([
    [Qualification.New, Qualification.MarketingQualified, true],
    [Qualification.New, Qualification.SalesReady, true],
    [Qualification.MarketingQualified, Qualification.SalesReady, true],
    [Qualification.SalesReady, Qualification.SalesReady, false],
    [Qualification.SalesReady, Qualification.MarketingQualified, false],
    [Qualification.MarketingQualified, Qualification.New, false],
  ])('%s → %s is a promotion: %s', (from, to, promotion) => {
    expect(isPromotion(from, to)).toBe(promotion);
  });
});
