import { describe, expect, it } from 'vitest';
import type { FormField } from '../../src/leads/form-fields.ts';
import { parseScoringRules } from '../../src/scoring/load-rules.ts';
import { referenceProblems, type ScoringReferences } from '../../src/scoring/rule-references.ts';
import { rulesWith } from './rules-fixture.ts';

const select = (name: string, options: string[]): FormField => ({ name, label: `The ${name}`, type: 'select', required: false, options });

/** A site like the shipped one: a worksheet asking company size, a review form asking company and team size. */
const references: ScoringReferences = {
  formFields: [
    { file: 'content/magnets/lead-scoring-worksheet.md', field: select('company_size', ['Just me', '11-50 people']) },
    { file: 'content/landing/scoring-review.yaml', field: { name: 'company', label: 'Company', type: 'text', required: true } },
    { file: 'content/landing/scoring-review.yaml', field: select('team_size', ['1-2', '3-10']) },
    { file: 'content/magnets/other.md', field: select('team_size', ['1-2', 'More than 50']) },
  ],
  magnets: ['lead-scoring-worksheet'],
  tags: ['Lead scoring', 'Sales handoff'],
  sequences: ['welcome', 'lead-scoring-worksheet'],
};

const question = (name: string, options: string[]) => ({ name, label: `The ${name}`, type: 'select', options });

describe('referenceProblems: rules that name what the site does not have', () => {
  it.each([
    ['a field a form asks, with one of its options', { fit: [{ field: 'company_size', values: ['11-50 people'], points: 15 }] }, []],
    ['an option any form of the field offers', { fit: [{ field: 'team_size', values: ['3-10', 'More than 50'], points: 10 }] }, []],
    [
      'a field only a question asks',
      { questions: [question('budget', ['None', 'Lots'])], fit: [{ field: 'budget', values: ['Lots'], points: 20 }] },
      [],
    ],
    [
      'a field nothing asks',
      { fit: [{ field: 'budjet', values: ['Lots'], points: 20 }] },
      [{ path: ['fit', 0, 'field'], message: 'no form or question asks for "budjet"; declare it under questions' }],
    ],
    [
      'an option no form offers',
      { fit: [{ field: 'company_size', values: ['Just me', '11-50'], points: 15 }] },
      [{ path: ['fit', 0, 'values', 1], message: '"11-50" is not an option of company_size; the forms offer "Just me", "11-50 people"' }],
    ],
    [
      'a text field',
      { fit: [{ field: 'company', values: ['Acme'], points: 5 }] },
      [{ path: ['fit', 0, 'field'], message: 'is a text field in content/landing/scoring-review.yaml; fit rules match the options of a select' }],
    ],
    [
      'an option no form offers, beside a question on another field',
      { questions: [question('budget', ['None', 'Lots'])], fit: [{ field: 'company_size', values: ['11-50'], points: 15 }] },
      [{ path: ['fit', 0, 'values', 0], message: '"11-50" is not an option of company_size; the forms offer "Just me", "11-50 people"' }],
    ],
    [
      'a question asking a form’s field with one option written otherwise',
      { questions: [question('company_size', ['Just me', '11-50'])] },
      [
        {
          path: ['questions', 0, 'options'],
          message: 'must be the options content/magnets/lead-scoring-worksheet.md gives company_size, in its order: "Just me", "11-50 people"',
        },
      ],
    ],
    [
      'a question asking a form’s field with an option more',
      { questions: [question('company_size', ['Just me', '11-50 people', 'More'])] },
      [
        {
          path: ['questions', 0, 'options'],
          message: 'must be the options content/magnets/lead-scoring-worksheet.md gives company_size, in its order: "Just me", "11-50 people"',
        },
      ],
    ],
    [
      'a question asking what a form asks as text',
      { questions: [question('company', ['Acme', 'Other'])] },
      [
        {
          path: ['questions', 0, 'name'],
          message: 'content/landing/scoring-review.yaml asks for company as a text field; a question must ask it the same way',
        },
      ],
    ],
    ['a question asking a form’s field with the same options', { questions: [question('company_size', ['Just me', '11-50 people'])] }, []],
    [
      'a question asking a form’s field with other options',
      { questions: [question('company_size', ['11-50 people', 'Just me'])] },
      [
        {
          path: ['questions', 0, 'options'],
          message: 'must be the options content/magnets/lead-scoring-worksheet.md gives company_size, in its order: "Just me", "11-50 people"',
        },
      ],
    ],
    [
      'a magnet that exists, a tag as articles write it or as its slug, a sequence that exists',
      {
        behaviour: [
          { event: 'magnet_download', magnet: 'lead-scoring-worksheet', points: 5 },
          { event: 'page_view', tag: 'Lead scoring', points: 5 },
          { event: 'page_view', tag: 'sales-handoff', points: 5 },
          { event: 'email_click', sequence: 'welcome', points: 5 },
        ],
      },
      [],
    ],
    [
      'rules that name no magnet, tag or sequence',
      {
        behaviour: [
          { event: 'magnet_download', points: 5 },
          { event: 'page_view', path: '/pricing/', points: 5 },
          { event: 'email_click', points: 5 },
          { event: 'consultation', points: 5 },
        ],
      },
      [],
    ],
    [
      'a magnet, a tag and a sequence that do not',
      {
        behaviour: [
          { event: 'magnet_download', magnet: 'scoring-sheet', points: 5 },
          { event: 'page_view', tag: 'Scoring', points: 5 },
          { event: 'email_click', sequence: 'nurture', points: 5 },
        ],
      },
      [
        { path: ['behaviour', 0, 'magnet'], message: '"scoring-sheet" has no file in content/magnets/' },
        { path: ['behaviour', 1, 'tag'], message: 'no article is tagged "Scoring"' },
        { path: ['behaviour', 2, 'sequence'], message: '"nurture" has no folder in content/sequences/' },
      ],
    ],
  ])('%s', (_, rules, problems) => {
    expect(referenceProblems(rulesWith(rules), references)).toEqual(problems);
  });
});

describe('parseScoringRules with the site’s references', () => {
  const text = `thresholds: { marketing_qualified: 40, sales_ready: 60 }
half_life_days: 30
fit:
  - field: company_size
    values: ['Just me', '11-50']
    points: 15
behaviour:
  - event: magnet_download
    magnet: scoring-sheet
    points: 5
`;

  it('names the line and column of every rule that could never fire', () => {
    expect(() => parseScoringRules(text, { references })).toThrow(
      [
        'content/scoring.yaml:5:25 fit[0].values[1]: "11-50" is not an option of company_size; the forms offer "Just me", "11-50 people"',
        'content/scoring.yaml:9:13 behaviour[0].magnet: "scoring-sheet" has no file in content/magnets/',
      ].join('\n'),
    );
  });

  it('checks only the schema without references', () => {
    expect(parseScoringRules(text).fit).toHaveLength(1);
  });
});
