import { tagSlug } from '../articles/tags.ts';
import type { FormField } from '../leads/form-fields.ts';
import type { ScoringRules } from './rules.ts';

/** A field a shipped form asks for, and the file that declares the form. */
export interface DeclaredField {
  file: string;
  field: FormField;
}

/** What the rules may name: the shipped forms' fields, the magnets, the articles' tags, the sequences. */
export interface ScoringReferences {
  formFields: readonly DeclaredField[];
  magnets: readonly string[];
  tags: readonly string[];
  sequences: readonly string[];
}

export interface RuleProblem {
  path: PropertyKey[];
  message: string;
}

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

/**
 * Names in the rules that nothing on the site produces, so the rule could never fire: a field no
 * form or question asks, an answer that is not one of the field's options, a profiling question
 * whose options differ from a form's field of the same name, an unknown magnet, tag or sequence.
 */
export function referenceProblems(rules: ScoringRules, references: ScoringReferences): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const declared = (name: string) => references.formFields.filter(({ field }) => field.name === name);

  rules.questions.forEach((question, index) => {
    for (const { file, field } of declared(question.name)) {
      if (field.type !== 'select') {
        problems.push({
          path: ['questions', index, 'name'],
          message: `${file} asks for ${question.name} as a ${field.type} field; a question must ask it the same way`,
        });
        continue;
      }
      const options = question.options ?? [];
      const same = field.options?.length === options.length && field.options.every((option, at) => option === options[at]);
      if (!same) {
        problems.push({
          path: ['questions', index, 'options'],
          message: `must be the options ${file} gives ${question.name}, in its order: ${quoted(field.options ?? [])}`,
        });
      }
    }
  });

  rules.fit.forEach((rule, index) => {
    const asked = rules.questions.some((question) => question.name === rule.field);
    const forms = declared(rule.field);
    if (!asked && !forms.length) {
      problems.push({ path: ['fit', index, 'field'], message: `no form or question asks for "${rule.field}"; declare it under questions` });
      return;
    }
    const notSelect = forms.find(({ field }) => field.type !== 'select');
    if (notSelect) {
      problems.push({
        path: ['fit', index, 'field'],
        message: `is a ${notSelect.field.type} field in ${notSelect.file}; fit rules match the options of a select`,
      });
      return;
    }
    // A question's own options were checked with the file; forms may offer the field with other options.
    if (asked) return;
    const options = [...new Set(forms.flatMap(({ field }) => field.options ?? []))];
    rule.values.forEach((value, valueIndex) => {
      if (!options.includes(value)) {
        problems.push({
          path: ['fit', index, 'values', valueIndex],
          message: `"${value}" is not an option of ${rule.field}; the forms offer ${quoted(options)}`,
        });
      }
    });
  });

  const tagSlugs = new Set(references.tags.map(tagSlug));
  rules.behaviour.forEach((rule, index) => {
    if (rule.event === 'magnet_download' && rule.magnet !== undefined && !references.magnets.includes(rule.magnet)) {
      problems.push({ path: ['behaviour', index, 'magnet'], message: `"${rule.magnet}" has no file in content/magnets/` });
    }
    if (rule.event === 'page_view' && rule.tag !== undefined && !tagSlugs.has(tagSlug(rule.tag))) {
      problems.push({ path: ['behaviour', index, 'tag'], message: `no article is tagged "${rule.tag}"` });
    }
    if (rule.event === 'email_click' && rule.sequence !== undefined && !references.sequences.includes(rule.sequence)) {
      problems.push({ path: ['behaviour', index, 'sequence'], message: `"${rule.sequence}" has no folder in content/sequences/` });
    }
  });
  return problems;
}
