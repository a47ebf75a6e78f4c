import { describe, expect, it } from 'vitest';
import { countAndShare, money, multiple, percent, verdictSentence } from '../../../src/admin/overview/format.ts';
import { splitVerdict } from '../../../src/admin/overview/significance.ts';

describe('figures as printed', () => {
  it.each([
    [percent(1, 8), '12.5%'],
    [percent(3, 0), '—'],
    [percent(0, 10), '0.0%'],
    [countAndShare(1, 2), '1 (50.0%)'],
    [countAndShare(0, 0), '0 (—)'],
    [money(1234.5), '1,234.50'],
    [money(undefined), '—'],
    [multiple(3.254), '3.25×'],
    [multiple(undefined), '—'],
  ])('%j', (printed, expected) => {
    expect(printed).toBe(expected);
  });
});

describe('verdictSentence', () => {
  it.each([
    // z > 0: the variant converts better than the one it is compared with
    [
      splitVerdict({ leads: 250, visitors: 1000 }, { leads: 200, visitors: 1000 }),
      'b converts better, and the difference is significant: p = 0.007, below the threshold of 0.05 (two-sided two-proportion z-test, z = 2.68).',
    ],
    [
      splitVerdict({ leads: 200, visitors: 1000 }, { leads: 250, visitors: 1000 }),
      'a converts better, and the difference is significant: p = 0.007, below the threshold of 0.05 (two-sided two-proportion z-test, z = -2.68).',
    ],
    [
      splitVerdict({ leads: 50, visitors: 500 }, { leads: 60, visitors: 500 }),
      'b against a: no significant difference yet: p = 0.312, not below the threshold of 0.05 (two-sided two-proportion z-test, z = -1.01).',
    ],
    [
      splitVerdict({ leads: 5, visitors: 50 }, { leads: 6, visitors: 50 }),
      /^b against a: not enough data yet \(each variant needs at least 100 visitors/,
    ],
    [splitVerdict({ leads: 60, visitors: 50 }, { leads: 6, visitors: 50 }), /^b against a: cannot be compared, because a variant has more leads/],
  ])('%#: says it plainly', (verdict, expected) => {
    const sentence = verdictSentence('b', 'a', verdict);
    if (typeof expected === 'string') expect(sentence).toBe(expected);
    else expect(sentence).toMatch(expected);
  });

  it('prints a tiny p-value as p < 0.001', () => {
    expect(verdictSentence('b', 'a', splitVerdict({ leads: 400, visitors: 1000 }, { leads: 200, visitors: 1000 }))).toContain('p < 0.001');
  });
});
