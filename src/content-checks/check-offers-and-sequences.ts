import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siteUrlFromEnv } from '../config/site-url.ts';
import { LANDING_DIR, parseLanding, type Landing } from '../landing/landing-schema.ts';
import { MAGNETS_DIR } from '../magnets/catalog.ts';
import { SEQUENCES_DIR } from '../nurture/sequences.ts';
import { byPlace, runFileRules } from './file-rules.ts';
import { parseMarkdownFile } from './markdown-file.ts';
import { LANDING_RULES, MAGNET_RULES } from './offer-rules.ts';
import type { Problem } from './problem.ts';
import { SEQUENCE_RULES } from './sequence-rules.ts';
import { parseYamlWithPlaces } from './yaml-places.ts';

const filesIn = async (directory: string, pattern: RegExp) => (await readdir(directory)).filter((name) => pattern.test(name)).sort();

/**
 * The rules over magnets, landing pages and sequence steps, each problem at the line of its key
 * (`path:line:column  rule-id  message`), with each file's `lint.ignore` honoured. A file its schema
 * refuses is still checked from its raw YAML; the schema's own message is reported apart.
 */
export async function checkOffersAndSequences({
  magnetsDirectory = MAGNETS_DIR,
  landingDirectory = LANDING_DIR,
  sequencesDirectory = SEQUENCES_DIR,
  siteUrl = siteUrlFromEnv(process.env),
} = {}): Promise<Problem[]> {
  const problems: Problem[] = [];
  const magnetFiles = await filesIn(magnetsDirectory, /\.md$/);
  const magnets = new Set(magnetFiles.map((name) => name.replace(/\.md$/, '')));
  for (const name of magnetFiles) {
    const file = join(magnetsDirectory, name);
    const source = await readFile(file, 'utf8');
    const { yaml } = parseMarkdownFile(source);
    problems.push(...runFileRules(file, yaml, MAGNET_RULES, { source, yaml, magnets }));
  }
  for (const name of await filesIn(landingDirectory, /\.ya?ml$/)) {
    const file = join(landingDirectory, name);
    const text = await readFile(file, 'utf8');
    const yaml = parseYamlWithPlaces(text);
    let landing: Landing | undefined;
    try {
      landing = parseLanding(file, text);
    } catch {
      landing = undefined;
    }
    problems.push(...runFileRules(file, yaml, LANDING_RULES, { source: text, yaml, landing, magnets }));
  }
  const sequences = (await readdir(sequencesDirectory, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  for (const sequence of sequences) {
    for (const name of await filesIn(join(sequencesDirectory, sequence), /\.mdx?$/)) {
      const file = join(sequencesDirectory, sequence, name);
      const source = await readFile(file, 'utf8');
      const { yaml, tree } = parseMarkdownFile(source);
      problems.push(...runFileRules(file, yaml, SEQUENCE_RULES, { file, sequence, source, yaml, tree, siteUrl }));
    }
  }
  return problems.sort(byPlace);
}
