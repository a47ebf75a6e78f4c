import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent, variantImageProblem } from '../../src/landing/content-check.ts';
import { loadLandings } from '../../src/landing/landing-schema.ts';
import { projectRoot } from '../support/app-server.ts';

describe('variantImageProblem', () => {
  const there = () => true;
  it.each([
    ['no image', {}, there, /^has no image: add image: \{ src: \.\/images\/<file>\.png, alt: <what it shows> \}/],
    ['an empty alt text', { image: { src: './images/a.png', alt: '' } }, there, /^image \.\/images\/a\.png has empty alt text/],
    ['an alt text of spaces', { image: { src: './images/a.png', alt: '   ' } }, there, /has empty alt text/],
    ['a file that is not there', { image: { src: './images/gone.png', alt: 'A chart' } }, () => false, /^image \.\/images\/gone\.png is not there/],
  ])('reports %s', (_, variant, exists, message) => {
    expect(variantImageProblem(variant, exists)).toMatch(message);
  });

  it('accepts an image that is there and described', () => {
    expect(variantImageProblem({ image: { src: './images/a.png', alt: 'A chart of scores' } }, there)).toBeUndefined();
  });
});

describe('the shipped landing pages', () => {
  it('give every variant an image that is there, with alt text', async () => {
    const landings = await loadLandings(join(projectRoot, 'content/landing'));
    const variants = landings.flatMap((landing) => landing.data.variants);
    expect(variants.length).toBeGreaterThan(0);
    for (const variant of variants) {
      expect(variant.image?.alt.length, variant.slug).toBeGreaterThan(20);
      expect(readFileSync(join(projectRoot, 'content/landing', variant.image!.src)).byteLength, variant.slug).toBeLessThan(150 * 1024);
    }
  });
});

/** The check the build and `npm run check:content` run, on a copy of content/landing/ with one variant's image taken away. */
describe('the content check with a variant that has no image', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'lodestone-landing-images-'));
    cpSync(join(projectRoot, 'content/landing'), directory, { recursive: true });
    const file = join(directory, 'message-match.yaml');
    const yaml = readFileSync(file, 'utf8');
    const withoutImage = yaml.replace(/    image:\n      src: "\.\/images\/founder-phone-ad-and-page\.png"\n      alt: "[^"]*"\n/, '');
    expect(withoutImage).not.toBe(yaml);
    writeFileSync(file, withoutImage.replace(/alt: "An ad and its landing page[^"]*"/, 'alt: ""'));
    unlinkSync(join(directory, 'images/manager-points-at-lead-list.png'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('fails, naming the file, the variant and what is missing', async () => {
    const { problems } = await checkContent({ landingDirectory: directory });
    expect(problems).toEqual([
      `${directory}/message-match.yaml: variant "tiktok-founder" has no image: add image: { src: ./images/<file>.png, alt: <what it shows> }, matching what its ad shows`,
      `${directory}/message-match.yaml: variant "google-search" image ./images/ad-and-page-checklist.png has empty alt text: say what it shows, for people who cannot see it`,
      `${directory}/scoring-review.yaml: variant "linkedin-review" image ./images/manager-points-at-lead-list.png is not there: put the file in content/landing/images/`,
    ]);
  });

  it('passes on the shipped content', async () => {
    const { problems } = await checkContent();
    expect(problems).toEqual([]);
  });
});
