import { describe, expect, it } from 'vitest';
import type { FormField } from '../../src/leads/form-fields.ts';
import { profilingQuestions, questionFields } from '../../src/leads/profiling.ts';
import { loadScoringRules } from '../../src/scoring/load-rules.ts';

const rules = await loadScoringRules();
const select = (name: string): FormField => ({ name, label: name, type: 'select', required: false, options: ['a', 'b'] });
const text = (name: string): FormField => ({ name, label: name, type: 'text', required: false });

describe('profilingQuestions with the shipped rules', () => {
  it.each<[string, FormField[], Record<string, string | boolean>, string[]]>([
    // Points at stake: role 20 (a student is -20), budget 20, company size 15, timeline 15, need 10; ties keep the file's order.
    ['a form that asked nothing', [], {}, ['role', 'budget', 'company_size']],
    ['the worksheet form (company size)', [select('company_size')], {}, ['role', 'budget', 'timeline']],
    ['a form asking a name and the size', [text('name'), select('company_size')], {}, ['role', 'budget', 'timeline']],
    ['answers this browser gave since', [select('company_size')], { role: 'Founder or owner', budget: 'None yet' }, ['timeline', 'need']],
    ['an answer left empty is asked again', [], { role: '' }, ['role', 'budget', 'company_size']],
    ['everything answered', [], { role: 'x', company_size: 'x', budget: 'x', timeline: 'x', need: 'x' }, []],
  ])('after %s', (_case, formFields, answered, expected) => {
    expect(profilingQuestions(rules, formFields, answered).map((question) => question.name)).toEqual(expected);
  });

  it('asks three at most, and every question as optional', () => {
    expect(profilingQuestions(rules, [])).toHaveLength(3);
    expect(questionFields(rules.questions).every((field) => field.required === false && field.type === 'select')).toBe(true);
  });
});
