/**
 * `npm run check:content`: the content checks the build runs. Prints a line per landing-page variant,
 * then each problem; the article rules' as `path:line:column  rule-id  message`. Exits 1 on an error,
 * and on a warning with `--strict`; `--json` prints `{ problems: [...] }` for editors and CI annotations.
 */
import { parseArgs } from 'node:util';
import { checkContent } from '../landing/content-check.ts';
import { formatProblem } from '../content-checks/problem.ts';
import { exitCodeOf, summaryOf } from '../content-checks/report.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false } } });
const { lines, problems, articles } = await checkContent();
const exitCode = problems.length ? 1 : exitCodeOf(articles, { strict: values.strict });

if (values.json) {
  // The other checks name their place in the message: they come out as file-level errors.
  const others = problems.map((message) => ({ file: message.split(':')[0], line: 1, column: 1, rule: 'content', severity: 'error', message }));
  console.log(JSON.stringify({ problems: [...others, ...articles] }, null, 2));
  process.exit(exitCode);
}

for (const line of lines) console.log(line);
if (articles.length) {
  console.error(`\n${articles.map(formatProblem).join('\n')}\n\narticles: ${summaryOf(articles)}`);
}
if (problems.length) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
}
if (exitCode) process.exit(exitCode);
console.log('\ncontent checks passed');
