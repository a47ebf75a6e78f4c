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
    ['1990s', '1990s'],
    ['top10s', 'top10'],
    ['ads', 'ads'],
    ['plus', 'plus'],
    ['string', 'string'],
    ['strings', 'string'],
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

  it.each([
    ["You’re ready: Shopify's checklist", ['shopify', 'checklist']],
    ["Sellers' guide, the sellers’ way", ['sellers', 'guide', 'sellers', 'way']],
    ['!!! …', []],
  ])('reads %j as %j: a possessive or contraction is its first word', (text, words) => {
    expect(meaningfulWords(text)).toEqual(words);
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

  describe('weighs the promise', () => {
    // Weights: rank 1 (primary text); lead, scoring, worksheet 2 (headline); download 2 (call to action);
    // the headline's phrases "lead scoring" and "scoring worksheet" 2 each: 13 in all.
    const ad = { headline: 'Lead scoring worksheet', primary_text: 'Rank your leads', cta: 'Download now' };

    it.each([
      ['the page repeats every word and phrase', { headline: 'Lead scoring worksheet', subheadline: 'Rank your leads', cta: 'Download now' }, 13, []],
      [
        'the call to action counts on the page too: "download" is only on its button',
        { headline: 'Lead scoring worksheet', subheadline: 'Rank leads fast', cta: 'Download the worksheet' },
        13,
        [],
      ],
      [
        'the ad’s call to action counts double: a page without "download" loses 2',
        { headline: 'Lead scoring worksheet', subheadline: 'Rank leads', cta: 'Get it' },
        11,
        ['download'],
      ],
      [
        'the primary text counts once: a page without "rank" loses 1',
        { headline: 'Lead scoring worksheet', subheadline: '', cta: 'Download' },
        12,
        ['rank'],
      ],
      [
        'the headline’s phrases count: its words out of order lose both phrases',
        { headline: 'Worksheet for scoring each lead', subheadline: 'Rank leads', cta: 'Download' },
        9,
        [],
      ],
      [
        'headline, sub-headline and call to action are separate words, not glued together',
        { headline: 'Lead scoring', subheadline: 'Worksheet', cta: 'Download' },
        12,
        ['rank'],
      ],
      ['a marked phrase counts as its words', { headline: 'The [[lead scoring]] worksheet', subheadline: 'Rank leads', cta: 'Download' }, 13, []],
      [
        'a page that sells something else matches nothing',
        { headline: 'Accounting for brands', subheadline: 'Book a call', cta: 'Contact us' },
        0,
        ['rank', 'lead', 'scoring', 'worksheet', 'download'],
      ],
    ])('%s', (_, page, matched, missing) => {
      expect(scoreMessageMatch({ ad, page })).toEqual({ score: matched / 13, missing });
    });

    it('names a missing word as the ad wrote it where it weighs most', () => {
      const result = scoreMessageMatch({
        ad: { headline: 'Lead scoring templates', primary_text: 'A template a day', cta: 'Get the template' },
        page: { headline: 'Lead scoring', subheadline: '', cta: 'Go' },
      });
      // template 2 and day 1, lead 2 and scoring 2 found, "lead scoring" 2 found, "scoring templates" 2: 6 of 11.
      expect(result).toEqual({ score: 6 / 11, missing: ['templates', 'day'] });
    });

    it('scores an ad of filler words only as a full match: it promises nothing to miss', () => {
      expect(
        scoreMessageMatch({
          ad: { headline: 'Get it now', primary_text: '', cta: 'Get it' },
          page: { headline: 'Anything', subheadline: '', cta: 'Go' },
        }),
      ).toEqual({
        score: 1,
        missing: [],
      });
    });
  });
});
