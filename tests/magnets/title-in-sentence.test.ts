import { describe, expect, it } from 'vitest';
import { titleInSentence } from '../../src/magnets/title-in-sentence.ts';

describe('titleInSentence', () => {
  it.each([
    ['The lead scoring worksheet', 'the lead scoring worksheet'],
    ['The landing-page message-match checklist', 'the landing-page message-match checklist'],
    ['Five-email nurture sequence template pack', 'the five-email nurture sequence template pack'],
    ['A guide to speed to lead', 'a guide to speed to lead'],
    ['An ebook on cost per lead', 'an ebook on cost per lead'],
    ['BANT scoring sheet', 'the BANT scoring sheet'],
    ['LinkedIn ad checklist', 'the LinkedIn ad checklist'],
    ['A/B test planner', 'the A/B test planner'],
    ['Theory of lead handoff', 'the theory of lead handoff'],
    ['Another checklist for ads', 'another checklist for ads'],
    ['Your first nurture email', 'your first nurture email'],
  ])('reads %j as %j', (title, expected) => {
    expect(titleInSentence(title)).toBe(expected);
  });
});
