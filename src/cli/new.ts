/**
 * `npm run new -- <article|magnet|landing|sequence> "<Title>"`: writes a new content file (a
 * sequence: its first two steps) with the frontmatter filled in and "FILL IN" hints where the
 * author writes; refuses to overwrite anything. `--author <id>` for an article (the site's default
 * author otherwise), `--magnet <slug>` for the offer of a landing page (the first magnet otherwise).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffold, SCAFFOLD_KINDS, type ScaffoldKind } from '../authoring/scaffolds.ts';
import { MAGNETS_DIR } from '../magnets/catalog.ts';
import { site } from '../site.config.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { author: { type: 'string' }, magnet: { type: 'string' } } });
const [kind, title] = positionals;
if (!(SCAFFOLD_KINDS as readonly string[]).includes(kind ?? '') || !title?.trim()) {
  console.error(`usage: npm run new -- <${SCAFFOLD_KINDS.join('|')}> "<Title>"`);
  process.exit(1);
}

const magnets = (await readdir(MAGNETS_DIR)).filter((name) => name.endsWith('.md')).sort();
const files = scaffold(kind as ScaffoldKind, {
  title: title.trim(),
  today: new Date().toISOString().slice(0, 10),
  author: values.author ?? site.defaultAuthor,
  magnet: values.magnet ?? magnets[0]?.replace(/\.md$/, '') ?? 'FILL-IN',
});
const taken = files.filter((file) => existsSync(file.path));
if (taken.length) {
  console.error(
    `${taken.map((file) => file.path).join(', ')} already exist${taken.length === 1 ? 's' : ''}: nothing written (choose another title, or edit the file)`,
  );
  process.exit(1);
}
for (const file of files) {
  await mkdir(dirname(file.path), { recursive: true });
  await writeFile(file.path, file.text, { flag: 'wx' });
  console.log(`wrote ${file.path}`);
}
console.log('\nReplace every "FILL IN" hint, then run npm run check:content.');
