/**
 * `npm run check:content`: the content checks the build runs. Prints a line per landing-page variant,
 * then each problem as `path:line:column  rule-id  message`. Exits 1 on an error, and on a warning
 * with `--strict`; `--json` prints `{ problems: [...] }` for editors and CI annotations. `--links`
 * prints the internal linking report instead (`{ links: [...] }` with `--json`) and exits 0.
 */
import { parseArgs } from 'node:util';
import { checkContent } from '../landing/content-check.ts';
import { formatProblem } from '../content-checks/problem.ts';
import { exitCodeOf, summaryOf } from '../content-checks/report.ts';
import { formatLinkSuggestions, linkSuggestions } from '../content-checks/link-suggestions.ts';
import { loadArticles } from '../content-checks/load-articles.ts';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false }, links: { type: 'boolean', default: false } },
});
if (values.links) {
  const links = linkSuggestions(await loadArticles());
  console.log(values.json ? JSON.stringify({ links }, null, 2) : formatLinkSuggestions(links));
  process.exit(0);
}
const { lines, problems, articles, others } = await checkContent();
const ruled = [...articles, ...others];
const exitCode = problems.length ? 1 : exitCodeOf(ruled, { strict: values.strict });

if (values.json) {
  // The other checks name their place in the message: they come out as file-level errors.
  const unruled = problems.map((message) => ({ file: message.split(':')[0], line: 1, column: 1, rule: 'content', severity: 'error', message }));
  console.log(JSON.stringify({ problems: [...unruled, ...ruled] }, null, 2));
  process.exit(exitCode);
}

for (const line of lines) console.log(line);
if (ruled.length) {
  console.error(`\n${ruled.map(formatProblem).join('\n')}\n\n${summaryOf(ruled)}`);
}
if (problems.length) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
}
if (exitCode) process.exit(exitCode);
console.log('\ncontent checks passed');
