import type { Place, YamlSource } from './yaml-places.ts';
import type { Problem, Severity } from './problem.ts';

/** What a rule found, at the place it names. */
export interface Finding extends Place {
  message: string;
}

/** A rule over one content file: its id (what `lint.ignore` names), its severity and why it exists. */
export interface FileRule<Subject> {
  id: string;
  severity: Severity;
  /** Why the rule exists, in one line (the README lists these). */
  rationale: string;
  check(subject: Subject): Finding[];
}

/**
 * The rule ids a file switches off in its own `lint: { ignore: [...] }`; an id that is not one of
 * `known` is itself a problem, so a typo never switches off nothing in silence.
 */
export function ignoredRules(file: string, yaml: YamlSource, known: readonly string[], problems: Problem[]): Set<string> {
  const lint = yaml.data.lint as { ignore?: unknown } | undefined;
  const ignore = Array.isArray(lint?.ignore) ? lint.ignore.map(String) : [];
  ignore.forEach((id, index) => {
    if (!known.includes(id)) {
      problems.push({
        file,
        ...yaml.placeOf(['lint', 'ignore', index]),
        rule: 'lint-ignore',
        severity: 'error',
        message: `"${id}" is not a rule id`,
      });
    }
  });
  return new Set(ignore);
}

/** Runs `rules` over one file, leaving out those its `lint.ignore` names. */
export function runFileRules<Subject>(file: string, yaml: YamlSource, rules: readonly FileRule<Subject>[], subject: Subject): Problem[] {
  const problems: Problem[] = [];
  const ignored = ignoredRules(
    file,
    yaml,
    rules.map((rule) => rule.id),
    problems,
  );
  for (const rule of rules) {
    if (ignored.has(rule.id)) continue;
    for (const { message, line, column } of rule.check(subject))
      problems.push({ file, line, column, rule: rule.id, severity: rule.severity, message });
  }
  return problems;
}

/** Problems ordered by file, then line and column. */
export const byPlace = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;

/** Marks text `npm run new` leaves for the author to replace; the `placeholder` rule fails a file that still has it. */
export const PLACEHOLDER = 'FILL IN';
export const PLACEHOLDER_RATIONALE = 'a scaffold\'s "FILL IN" hint published as it is tells readers and search engines nothing';

/** Where the file still has a placeholder of `npm run new`, one finding per line. */
export function placeholdersIn(source: string): Finding[] {
  return source.split('\n').flatMap((text, index) => {
    const column = text.indexOf(PLACEHOLDER);
    return column === -1
      ? []
      : [
          {
            line: index + 1,
            column: column + 1,
            message: `"${text.slice(column, column + 60).replace(/"?\s*$/, '')}" is still a placeholder: write it`,
          },
        ];
  });
}

/** The placeholder rule for files with no draft state: magnets, landing pages, sequence steps. */
export function placeholderRule<Subject extends { source: string }>(): FileRule<Subject> {
  return { id: 'placeholder', severity: 'error', rationale: PLACEHOLDER_RATIONALE, check: ({ source }) => placeholdersIn(source) };
}
