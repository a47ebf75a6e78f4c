import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD, meaningfulWords, scoreMessageMatch, stem } from '../../src/landing/message-match.ts';

describe('stem', () => {
  it.each([
    ['checklists', 'checklist'],
    ['scoring', 'scor'],
    ['score', 'scor'],
    ['leads', 'lead'],
    ['templates', 'templat'],
    ['template', 'templat'],
    ['policies', 'policy'],
    ['100', '100'],
    ['ads', 'ads'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('meaningfulWords', () => {
  it('keeps numbers and drops filler', () => {
    expect(meaningfulWords('Get your FREE 14-point checklist for Shopify sellers!')).toEqual([
      'free',
      '14',
      'point',
      'checklist',
      'shopify',
      'sellers',
    ]);
  });
});

describe('scoreMessageMatch', () => {
  it.each([
    [
      'the page repeats the ad word for word',
      { headline: 'The 14-point year-end checklist for Shopify sellers', primary_text: 'Close your books in order.', cta: 'Get the checklist' },
      {
        headline: 'The 14-point year-end checklist for Shopify sellers',
        subheadline: 'Close your books in order, step by step.',
        cta: 'Get the checklist',
      },
    ],
    [
      'the page says it in other forms of the same words',
      { headline: 'Score every lead out of 100', primary_text: 'Stop guessing which leads to call first.', cta: 'Download' },
      { headline: 'Scoring leads out of 100, every time', subheadline: 'Stop guessing which lead to call first.', cta: 'Download the worksheet' },
    ],
    [
      'a marked keyword phrase counts as its fallback words',
      { headline: 'Landing Page Checklist', primary_text: 'Free PDF.', cta: 'Get it' },
      { headline: 'The free [[landing page checklist]]', subheadline: 'A PDF to get before launch.', cta: 'Send it' },
    ],
  ])('passes when %s', (_, ad, page) => {
    expect(scoreMessageMatch({ ad, page }).score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it.each([
    [
      'the page sells something else',
      { headline: 'Bookkeeping for online shops from $290 a month', primary_text: 'Fixed monthly price.', cta: 'See pricing' },
      {
        headline: 'Stress-free accounting for growing brands',
        subheadline: 'Our certified team handles reconciliations.',
        cta: 'Book a consultation',
      },
      ['bookkeeping', 'online', 'shops', '290', 'pricing'],
    ],
    [
      'the page drops the number and the audience',
      { headline: 'The 14-point checklist for Shopify sellers', primary_text: 'Free download.', cta: 'Get the checklist' },
      { headline: 'A free year-end guide', subheadline: 'Everything about closing your books.', cta: 'Learn more' },
      ['14', 'shopify', 'sellers', 'checklist'],
    ],
  ])('fails when %s, naming the missing words', (_, ad, page, missing) => {
    const result = scoreMessageMatch({ ad, page });
    expect(result.score).toBeLessThan(MATCH_THRESHOLD);
    expect(result.missing).toEqual(expect.arrayContaining(missing));
  });
});
