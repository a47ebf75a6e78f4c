import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOffersAndSequences } from '../../src/content-checks/check-offers-and-sequences.ts';
import { formatProblem } from '../../src/content-checks/problem.ts';

const field = (name: string) => `    - name: ${name}\n      label: ${name}\n      type: text\n`;

/** A magnet's frontmatter: its form's fields on lines 6 on (the `fields:` key on line 5). */
const magnet = ({ fields = 2, extra = '' } = {}) =>
  `---\ntitle: "The lead scoring worksheet"\nsequence: worksheet\nform:\n  fields:\n${Array.from({ length: fields }, (_, index) => field(`field_${index}`)).join('')}${extra}---\n\nThe worksheet.\n`;

/** A landing page whose only variant repeats its ad; `page:` of the variant is on line 19. */
const landing = ({ offer = 'magnet: worksheet', pageHeadline = 'Score every lead out of 100 with the free worksheet', extra = '' } = {}) =>
  `title: "Lead scoring worksheet for Meta"
offer:
  ${offer}
campaign: scoring
sections:
  benefits:
    - { title: "Points, not hunches", text: "Every lead gets a number you can explain to sales." }
    - { title: "Ready in an hour", text: "Fill the worksheet with last year's leads and set a threshold." }
  proof: { quote: "We called the right people first within a week of using it.", name: "Sales lead", role: "B2B software" }
variants:
  - slug: meta
    ad:
      platform: meta
      headline: "Score every lead out of 100"
      primary_text: "The free worksheet turns fit and behaviour into one score."
      cta: "Download"
      image: "A worksheet with a score of 72 out of 100."
    page:
      headline: "${pageHeadline}"
      subheadline: "The free worksheet turns fit and behaviour into one score, with worked examples."
      cta: "Download the worksheet"
    utm: { source: facebook, medium: paid_social }
${extra}`;

/** A sequence step; its body starts on line 7. */
const step = ({
  subject = 'The one number to fix first',
  body = 'Hi {{ first_name | there }},\n\nFind the step where most people leave.\n',
  extra = '',
} = {}) => `---\nsubject: "${subject}"\npreview: "Before you change anything, find the weak step."\ndelay: 2d\n${extra}---\n\n${body}`;

interface Fixture {
  magnet?: string;
  landing?: string;
  step?: string;
}

const directories: string[] = [];
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

/** The rules' problems over a magnet, a landing page and a step, as `path:line:column rule-id`. */
async function problemsOf(fixture: Fixture = {}): Promise<string[]> {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-offer-rules-'));
  directories.push(directory);
  for (const folder of ['magnets', 'landing', 'sequences/worksheet']) mkdirSync(join(directory, folder), { recursive: true });
  writeFileSync(join(directory, 'magnets/worksheet.md'), fixture.magnet ?? magnet());
  writeFileSync(join(directory, 'landing/scoring.yaml'), fixture.landing ?? landing());
  writeFileSync(join(directory, 'sequences/worksheet/01-first.mdx'), fixture.step ?? step());
  const problems = await checkOffersAndSequences({
    magnetsDirectory: join(directory, 'magnets'),
    landingDirectory: join(directory, 'landing'),
    sequencesDirectory: join(directory, 'sequences'),
    siteUrl: new URL('https://example.com'),
  });
  return problems.map((problem) =>
    formatProblem({ ...problem, file: problem.file.slice(directory.length + 1) })
      .split('  ')
      .slice(0, 2)
      .join(' '),
  );
}

describe('the magnet, landing page and sequence rules', () => {
  it('find nothing in valid files', async () => {
    expect(await problemsOf()).toEqual([]);
  });

  it.each<[string, Fixture, string]>([
    ['form-fields: a magnet form of seven fields', { magnet: magnet({ fields: 6 }) }, 'magnets/worksheet.md:5:3 form-fields'],
    [
      'form-fields: a consultation form of seven fields',
      { landing: landing({ offer: `consultation:\n    form:\n      fields: [${'{ name: x }, '.repeat(6)}]` }) },
      'landing/scoring.yaml:5:7 form-fields',
    ],
    [
      'magnet-exists: a landing page offering no magnet file',
      { landing: landing({ offer: 'magnet: checklist' }) },
      'landing/scoring.yaml:3:3 magnet-exists',
    ],
    [
      'message-match: a variant that drops its ad’s promise',
      { landing: landing({ pageHeadline: 'Sales and marketing, finally aligned' }) },
      'landing/scoring.yaml:18:5 message-match',
    ],
    ['subject-length: a long subject', { step: step({ subject: 'x'.repeat(79) }) }, 'sequences/worksheet/01-first.mdx:2:1 subject-length'],
    ['subject-length: a short subject', { step: step({ subject: 'Hi' }) }, 'sequences/worksheet/01-first.mdx:2:1 subject-length'],
    [
      'merge-field: an unknown merge field',
      { step: step({ body: 'Text.\n\nHi {{ last_name }},\n' }) },
      'sequences/worksheet/01-first.mdx:9:4 merge-field',
    ],
    ['merge-field: a merge field left open', { step: step({ body: 'Hi {{ first_name,\n' }) }, 'sequences/worksheet/01-first.mdx:7:4 merge-field'],
    [
      'unsubscribe-link: a hand-written unsubscribe link',
      { step: step({ body: 'Text.\n\nHad enough? [Leave the list](/unsubscribe/).\n' }) },
      'sequences/worksheet/01-first.mdx:9:13 unsubscribe-link',
    ],
    [
      'lint-ignore: an unknown rule id',
      { step: step({ extra: 'lint:\n  ignore: [subject-lenght]\n' }) },
      'sequences/worksheet/01-first.mdx:6:12 lint-ignore',
    ],
  ])('%s', async (_, fixture, expected) => {
    expect(await problemsOf(fixture)).toEqual([expected]);
  });

  it('leave out, for one file, the rules its lint.ignore names', async () => {
    const body = 'Text.\n\nHad enough? [Leave the list](/unsubscribe/).\n';
    expect(await problemsOf({ step: step({ body, extra: 'lint:\n  ignore: [unsubscribe-link]\n' }) })).toEqual([]);
    expect(await problemsOf({ landing: landing({ offer: 'magnet: checklist', extra: 'lint:\n  ignore: [magnet-exists]\n' }) })).toEqual([]);
  });

  it('accept {{ unsubscribe_link }} written in a step: it is the lead’s own signed link', async () => {
    expect(await problemsOf({ step: step({ body: 'Text.\n\n[Leave the list]({{ unsubscribe_link }}).\n' }) })).toEqual([]);
  });
});
