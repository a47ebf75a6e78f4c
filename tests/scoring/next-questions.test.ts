import { describe, expect, it } from 'vitest';
import { nextQuestions, pointsAtStake } from '../../src/scoring/next-questions.ts';
import { rulesWith } from './rules-fixture.ts';

const question = (name: string, options: string[]) => ({ name, label: `The ${name}`, type: 'select', options });

// In the file's order: need (10 at stake), timeline (15), role (20), budget (20), colour (nothing).
const rules = rulesWith({
  questions: [
    question('need', ['Scoring', 'Just learning']),
    question('timeline', ['This month', 'Within 3 months', 'Just researching']),
    question('role', ['Founder', 'Team member', 'Student']),
    question('budget', ['None', 'Some', 'Over $10,000']),
    question('colour', ['Red', 'Blue']),
  ],
  fit: [
    { field: 'need', values: ['Scoring'], points: 10 },
    { field: 'timeline', values: ['This month'], points: 15 },
    { field: 'timeline', values: ['Within 3 months'], points: 10 },
    { field: 'role', values: ['Founder'], points: 15 },
    { field: 'role', values: ['Student'], points: -20 },
    { field: 'budget', values: ['Some', 'Over $10,000'], points: 10 },
    { field: 'budget', values: ['Over $10,000'], points: 10 },
  ],
});
const names = (answers: Record<string, string | boolean>, max?: number) => nextQuestions(rules, answers, max).map((asked) => asked.name);

describe('nextQuestions: the unanswered questions that can move the most points', () => {
  it.each([
    ['asks the three with most at stake, the file’s order among equals', {}, undefined, ['role', 'budget', 'timeline']],
    ['skips what the lead answered', { role: 'Founder' }, undefined, ['budget', 'timeline', 'need']],
    ['skips answers from any form, even those no rule scores', { role: 'Team member', budget: 'None' }, undefined, ['timeline', 'need']],
    ['asks again a question answered with nothing', { role: '' }, undefined, ['role', 'budget', 'timeline']],
    ['asks at most max', {}, 1, ['role']],
    ['asks nothing for max 0', {}, 0, []],
    ['never asks a question no rule scores', { role: 'Founder', budget: 'None', timeline: 'This month' }, 5, ['need']],
    [
      'asks nothing once everything that counts is answered',
      { role: 'Founder', budget: 'None', timeline: 'This month', need: 'Just learning' },
      3,
      [],
    ],
  ])('%s', (_, answers, max, expected) => {
    expect(names(answers, max)).toEqual(expected);
  });

  it('returns the questions as the file declares them, for the form to render', () => {
    expect(nextQuestions(rules, {}, 1)).toEqual([
      { name: 'role', label: 'The role', type: 'select', required: false, options: ['Founder', 'Team member', 'Student'] },
    ]);
  });
});

describe('pointsAtStake: the largest change one answer can make', () => {
  it('counts only the rules on the question’s own field, whatever the options share', () => {
    const shared = rulesWith({
      questions: [question('timeline', ['Soon', 'Not sure']), question('budget', ['Some', 'Not sure'])],
      fit: [
        { field: 'timeline', values: ['Soon'], points: 5 },
        { field: 'budget', values: ['Not sure'], points: -30 },
      ],
    });
    expect(pointsAtStake(shared, shared.questions[0]!)).toBe(5);
    expect(pointsAtStake(shared, shared.questions[1]!)).toBe(30);
  });

  it.each([
    ['need', 10],
    ['timeline', 15],
    // A student's −20 outweighs a founder's +15.
    ['role', 20],
    // Two rules on one option add up: 10 + 10.
    ['budget', 20],
    ['colour', 0],
  ])('%s: %i', (name, stake) => {
    expect(
      pointsAtStake(
        rules,
        rules.questions.find((asked) => asked.name === name)!,
      ),
    ).toBe(stake);
  });
});
