import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One quotable piece of the site: a paragraph of an article, an FAQ answer, a magnet's promise. */
export interface Passage {
  /** Where it comes from, as the reply names it: `Lead scoring with BANT › What BANT can tell you`. */
  title: string;
  /** The page it is on. */
  url: string;
  text: string;
}

interface Faq {
  question: string;
  answer: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Markdown and MDX reduced to the words a reader sees: no tags, imports, link targets or emphasis marks. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^(?:import|export) .*$/gm, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*(?:[-+]|\d+\.)\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A table row or a rule carries no sentence worth quoting on its own. */
const isQuotable = (paragraph: string) => !/^\s*\|/.test(paragraph) && !/^\s*(?:-{3,}|#)/.test(paragraph);

/**
 * An article's passages: each paragraph under its section heading (the introduction under the
 * article's title), and each FAQ as question and answer.
 */
export function articlePassages(slug: string, source: string): Passage[] {
  const match = FRONTMATTER.exec(source);
  const data = (match ? parse(match[1]!) : {}) as { title?: string; faq?: Faq[]; draft?: boolean };
  if (data.draft) return [];
  const title = data.title ?? slug;
  const url = `/articles/${slug}/`;
  const body = match ? source.slice(match[0].length) : source;
  const passages: Passage[] = [];
  let section = title;
  for (const block of body.split(/\r?\n\s*\r?\n/)) {
    const heading = /^(#{2,3})\s+(.+)$/m.exec(block.trim());
    if (heading && block.trim().startsWith('#')) {
      section = `${title} › ${plainText(heading[2]!)}`;
      continue;
    }
    if (!isQuotable(block)) continue;
    const text = plainText(block);
    if (text.split(' ').length >= 8) passages.push({ title: section, url, text });
  }
  for (const faq of data.faq ?? []) passages.push({ title: `${title} › ${faq.question}`, url, text: `${faq.question} ${faq.answer}` });
  return passages;
}

/** A magnet's public words (never its gated body): the promise, the description and what is inside. */
export function magnetPassages(slug: string, source: string): Passage[] {
  const match = FRONTMATTER.exec(source);
  if (!match) return [];
  const data = parse(match[1]!) as { title: string; promise: string; description: string; inside?: string[] };
  const inside = data.inside?.length ? ` Inside: ${data.inside.join('; ')}.` : '';
  return [{ title: data.title, url: `/magnets/${slug}/`, text: `${data.promise} ${data.description}${inside}` }];
}

/** A landing page's FAQ answers. */
export function landingPassages(slug: string, source: string): Passage[] {
  const data = parse(source) as { title: string; sections?: { faq?: Faq[] } };
  return (data.sections?.faq ?? []).map((faq) => ({
    title: `${data.title} › ${faq.question}`,
    url: `/lp/${slug}/`,
    text: `${faq.question} ${faq.answer}`,
  }));
}

async function filesIn(dir: string, pattern: RegExp): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((file) => pattern.test(file)).sort();
}

/** Every passage of the site's content: articles, magnets and the landing pages' FAQs. */
export async function sitePassages(contentDir = 'content'): Promise<Passage[]> {
  const passages: Passage[] = [];
  const read = (dir: string, file: string) => readFile(join(contentDir, dir, file), 'utf8');
  for (const file of await filesIn(join(contentDir, 'articles'), /\.mdx?$/))
    passages.push(...articlePassages(file.replace(/\.mdx?$/, ''), await read('articles', file)));
  for (const file of await filesIn(join(contentDir, 'magnets'), /\.md$/))
    passages.push(...magnetPassages(file.replace(/\.md$/, ''), await read('magnets', file)));
  for (const file of await filesIn(join(contentDir, 'landing'), /\.ya?ml$/))
    passages.push(...landingPassages(file.replace(/\.ya?ml$/, ''), await read('landing', file)));
  return passages;
}
