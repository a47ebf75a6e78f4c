/**
 * Generated MDX articles for the build bench: about 700 words each, with headings, lists, a table
 * and a link, under frontmatter copied from a shipped article (so every one shares its tags).
 * Deterministic, so two runs build the same text.
 */

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

const WORDS = (
  'lead form offer reader search article email sequence landing variant magnet score sales team ' +
  'page signup budget checklist template question answer intent campaign source follow-up reply ' +
  'welcome step delay conversion rate quality channel report owner handoff meeting call'
).split(' ');

/** A small linear congruential generator: the same seed gives the same article. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(random: () => number, length: number): string {
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random, 8 + Math.floor(random() * 8))).join(' ');
}

/** The file name (and slug under `bench/`) of generated article `index`. */
export const generatedName = (index: number) => `bench-${String(index).padStart(5, '0')}`;

/**
 * The frontmatter block of `template` (a shipped article's source), with a title, description and
 * keyword of its own, so the articles pass the content checks as shipped ones do: no two share a
 * headline or a snippet, and the keyword ("bench 00001") is in the title, description and slug.
 */
export function generatedFrontmatter(template: string, index: number): string {
  const match = FRONTMATTER.exec(template);
  if (!match) throw new Error('the template article has no frontmatter');
  const keyword = generatedName(index).replace('-', ' ');
  return match[1]!
    .replace(/^title: .*$/m, `title: "${keyword}: plan, write and measure a lead form"`)
    .replace(
      /^description: .*$/m,
      `description: "${keyword} is a generated article for the build bench: how to plan, write and measure a lead form."`,
    )
    .replace(/^keyword: .*$/m, `keyword: "${keyword}"`)
    .replace(/^seo:\n(?: {2}.*\n?)*/m, '');
}

/** The body of generated article `index` of `count`: about 700 words in four sections, opening with its keyword and linking to the next article (the last to the first), so none is an orphan. */
export function generatedBody(index: number, count = index): string {
  const random = randomFrom(index + 1);
  const next = `/articles/bench/${generatedName((index % count) + 1)}/`;
  const sections = [
    `${generatedName(index).replace('-', ' ')}: ${paragraph(random, 4)} Then read [the next one](${next}).`,
    '',
    paragraph(random, 3),
    '',
  ];
  for (let section = 1; section <= 4; section++) {
    sections.push(`## Section ${section} of article ${index}`, '', paragraph(random, 5), '');
    if (section === 1) {
      sections.push(...Array.from({ length: 4 }, (_, item) => `- ${sentence(random, 6)} Item ${item + 1}.`), '');
      sections.push(`Read [what a lead is](/articles/what-is-a-lead/) before you count them.`, '');
    }
    if (section === 2) {
      sections.push('| Stage | What happened | Who decides |', '| --- | --- | --- |');
      for (let row = 0; row < 4; row++) sections.push(`| ${WORDS[row]} | ${sentence(random, 5)} | ${WORDS[row + 10]} team |`);
      sections.push('');
    }
    if (section === 3) {
      sections.push(`### A detail of section ${section}`, '', paragraph(random, 4), '');
      sections.push(...Array.from({ length: 3 }, (_, item) => `${item + 1}. ${sentence(random, 7)}`), '');
    }
    sections.push(paragraph(random, 4), '');
  }
  return sections.join('\n');
}

/** A whole generated article, `index` of `count`: `template`'s frontmatter and a generated body. */
export function generatedArticle(template: string, index: number, count = index): string {
  return `---\n${generatedFrontmatter(template, index)}\n---\n\n${generatedBody(index, count)}`;
}
