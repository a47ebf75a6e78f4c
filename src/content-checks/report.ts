import type { Problem } from './problem.ts';

/** How a run of the checks ends: exit 1 on an error, or on a warning with `--strict`. */
export function exitCodeOf(problems: readonly Problem[], { strict = false } = {}): 0 | 1 {
  return problems.some((problem) => problem.severity === 'error' || strict) ? 1 : 0;
}

/** "2 errors, 1 warning" */
export function summaryOf(problems: readonly Problem[]): string {
  const count = (severity: Problem['severity']) => problems.filter((problem) => problem.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
}
