/** An error stops the build and fails `npm run check:content`; a warning is printed (and fails only `--strict`). */
export type Severity = 'error' | 'warning';

/** One problem found in a content file, at the line of the frontmatter key or the Markdown node. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** `path:line:column  rule-id  message`, the form editors and terminals link to the place. */
export function formatProblem({ file, line, column, rule, severity, message }: Problem): string {
  return `${file}:${line}:${column}  ${rule}  ${severity === 'warning' ? 'warning: ' : ''}${message}`;
}
