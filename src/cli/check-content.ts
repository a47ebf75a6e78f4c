/** `npm run check:content`: the content checks the build runs, with a line per landing-page variant. Exits 1 on a problem. */
import { checkContent } from '../landing/content-check.ts';

const { lines, problems } = await checkContent();
for (const line of lines) console.log(line);
if (problems.length) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('\ncontent checks passed');
