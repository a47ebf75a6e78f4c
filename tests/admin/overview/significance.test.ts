import { describe, expect, it } from 'vitest';
import { erfc, splitVerdict, twoProportionZTest } from '../../../src/admin/overview/significance.ts';

describe('twoProportionZTest', () => {
  // Worked by hand: pooled p̂ = (x₁ + x₂) / (n₁ + n₂), SE = √(p̂(1 − p̂)(1/n₁ + 1/n₂)), z = (x₁/n₁ − x₂/n₂) / SE, p = erfc(|z| / √2).
  it.each([
    // p̂ = 450/2000 = 0.225; SE = √(0.225 · 0.775 · 0.002) = 0.018675; z = −0.05 / 0.018675
    [{ leads: 200, visitors: 1000 }, { leads: 250, visitors: 1000 }, -2.6774, 0.00742],
    // p̂ = 0.1; SE = √(0.1 · 0.9 · 0.002) = 0.013416; z = 0.04 / 0.013416
    [{ leads: 120, visitors: 1000 }, { leads: 80, visitors: 1000 }, 2.9814, 0.00287],
    // p̂ = 0.11; SE = √(0.11 · 0.89 · 0.004) = 0.019790; z = −0.02 / 0.019790
    [{ leads: 50, visitors: 500 }, { leads: 60, visitors: 500 }, -1.0107, 0.3122],
    // the same rate: no difference at all
    [{ leads: 30, visitors: 100 }, { leads: 30, visitors: 100 }, 0, 1],
  ])('%j against %j: z = %d, p = %d', (a, b, z, p) => {
    const test = twoProportionZTest(a, b)!;
    expect(test.z).toBeCloseTo(z, 3);
    expect(test.pValue).toBeCloseTo(p, 4);
  });

  it.each([
    ['no visitors in an arm', { leads: 0, visitors: 0 }, { leads: 5, visitors: 100 }],
    ['nobody converting anywhere', { leads: 0, visitors: 100 }, { leads: 0, visitors: 100 }],
    ['everybody converting everywhere', { leads: 100, visitors: 100 }, { leads: 50, visitors: 50 }],
  ])('has nothing to measure with %s', (_, a, b) => {
    expect(twoProportionZTest(a, b)).toBeUndefined();
  });
});

describe('erfc', () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001],
    [1, 0.1572992],
    [1.959964 / Math.SQRT2, 0.05],
    [3, 0.0000221],
    [-1, 1.8427008],
  ])('erfc(%d) = %d', (x, expected) => {
    expect(erfc(x)).toBeCloseTo(expected, 6);
  });
});

describe('splitVerdict', () => {
  it('calls a difference significant below 0.05, with its p-value', () => {
    const verdict = splitVerdict({ leads: 250, visitors: 1000 }, { leads: 200, visitors: 1000 });
    expect(verdict).toMatchObject({ kind: 'significant', alpha: 0.05 });
    expect(verdict.kind === 'significant' && verdict.pValue).toBeCloseTo(0.00742, 4);
  });

  it('calls a difference not significant at or above the threshold', () => {
    expect(splitVerdict({ leads: 50, visitors: 500 }, { leads: 60, visitors: 500 }).kind).toBe('not-significant');
    // p = 0.00742 is significant at 0.05, not at 0.005
    expect(splitVerdict({ leads: 250, visitors: 1000 }, { leads: 200, visitors: 1000 }, 0.005).kind).toBe('not-significant');
  });

  it.each([
    ['99 visitors in an arm', { leads: 20, visitors: 99 }, { leads: 60, visitors: 100 }],
    ['4 leads in an arm', { leads: 4, visitors: 1000 }, { leads: 60, visitors: 1000 }],
    ['4 visitors who did not sign up', { leads: 96, visitors: 100 }, { leads: 20, visitors: 100 }],
  ])('says "not enough data yet" with %s, however large the gap', (_, a, b) => {
    expect(splitVerdict(a, b).kind).toBe('not-enough-data');
  });

  it('takes exactly the minimum sample', () => {
    expect(splitVerdict({ leads: 5, visitors: 100 }, { leads: 95, visitors: 100 }).kind).toBe('significant');
  });

  it('refuses to compare an arm with more leads than visitors', () => {
    expect(splitVerdict({ leads: 150, visitors: 100 }, { leads: 10, visitors: 100 }).kind).toBe('not-comparable');
  });
});
