import { describe, expect, it } from 'vitest';
import { acceptableKeyword, applyKeywordCase, fallbackHeadline, keptWords, parseKeywordMark } from '../../src/landing/keyword-insertion.ts';

describe('applyKeywordCase', () => {
  it.each([
    // [searched words, case option, words the headline writes with capitals, expected]
    ['bant scoring sheet', undefined, [], 'bant scoring sheet'],
    ['Lead SCORING sheet', undefined, [], 'Lead SCORING sheet'],
    ['Lead SCORING Sheet', 'lower', [], 'lead scoring sheet'],
    ['lead scoring template', 'title', [], 'Lead Scoring Template'],
    ['template for lead scoring with bant', 'title', [], 'Template for Lead Scoring with Bant'],
    ['the lead scoring template', 'title', [], 'The Lead Scoring Template'],
    ['LEAD SCORING TEMPLATE', 'sentence', [], 'Lead scoring template'],
    ['lead scoring template', 'sentence', [], 'Lead scoring template'],
    ['bant scoring sheet', 'title', ['BANT'], 'BANT Scoring Sheet'],
    ['bant scoring sheet', 'sentence', ['BANT'], 'BANT scoring sheet'],
    ['free Bant sheet', 'lower', ['BANT'], 'free BANT sheet'],
    ['linkedin lead form', 'sentence', ['LinkedIn'], 'LinkedIn lead form'],
    ["owner's lead-scoring sheet", 'title', [], "Owner's Lead-Scoring Sheet"],
    ['b2b scoring', 'title', ['B2B'], 'B2B Scoring'],
  ] as const)('writes %j with case %s (keeping %j) as %j', (phrase, option, keep, expected) => {
    expect(applyKeywordCase(phrase, option, keep)).toBe(expected);
  });
});

describe('parseKeywordMark', () => {
  it.each([
    [
      'The free [[lead scoring worksheet]] with BANT points',
      { before: 'The free ', fallback: 'lead scoring worksheet', case: undefined, after: ' with BANT points' },
    ],
    ['[[Lead scoring template|title]]: free', { before: '', fallback: 'Lead scoring template', case: 'title', after: ': free' }],
    ['The free [[checklist|lower]]', { before: 'The free ', fallback: 'checklist', case: 'lower', after: '' }],
    ['[[a sheet|sentence]] for you', { before: '', fallback: 'a sheet', case: 'sentence', after: ' for you' }],
    ['No mark at all', undefined],
  ])('reads %j', (headline, expected) => {
    expect(parseKeywordMark(headline)).toEqual(expected);
  });

  it('refuses a case option it does not know, naming the ones it does', () => {
    expect(() => parseKeywordMark('The [[sheet|upper]]')).toThrow('unknown keyword case "upper": use lower, title, sentence');
  });
});

describe('fallbackHeadline', () => {
  it.each([
    ['The free [[lead scoring worksheet|title]] with BANT points', 'The free lead scoring worksheet with BANT points'],
    ['The free [[landing page checklist]] for message match', 'The free landing page checklist for message match'],
    ['Plain headline', 'Plain headline'],
  ])('reads %j as %j', (headline, expected) => {
    expect(fallbackHeadline(headline)).toBe(expected);
  });
});

describe('keptWords', () => {
  it.each([
    ['The free lead scoring worksheet with BANT points', ['BANT']],
    ['Leads from LinkedIn and B2B search ads', ['LinkedIn', 'B2B']],
    ['Score every lead out of 100', []],
  ])('finds the words %j writes with inner capitals', (text, expected) => {
    expect(keptWords(text)).toEqual(expected);
  });
});

describe('acceptableKeyword', () => {
  it.each([
    ['  bant   scoring sheet ', 'bant scoring sheet'],
    ["owner's sheet & checklist", "owner's sheet & checklist"],
    ['a', undefined],
    ['a'.repeat(41), undefined],
    ['<script>alert(1)</script>', undefined],
    ['javascript:alert(1)', undefined],
    [null, undefined],
  ])('takes %j as %j', (raw, expected) => {
    expect(acceptableKeyword(raw)).toBe(expected);
  });
});
