import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkLandingFields, loadLandings, parseLanding } from '../../src/landing/landing-schema.ts';
import { projectRoot } from '../support/app-server.ts';

const shipped = readFileSync(join(projectRoot, 'content/landing/lead-scoring.yaml'), 'utf8');

describe('parseLanding', () => {
  it.each([
    [
      'a keyword mark on a Meta variant',
      shipped.replace('headline: "Score every lead out of 100 with', 'headline: "Score [[every lead]] out of 100 with'),
      'variants.0.page.headline',
    ],
    ['a default variant that does not exist', shipped.replace('default_variant: meta-worksheet', 'default_variant: nope'), 'default_variant'],
    ['a split naming an unknown variant', shipped.replace('  meta-examples: 50', '  meta-gone: 50'), 'split.meta-gone'],
    [
      'an unknown platform',
      shipped.replace('platform: tiktok', 'platform: myspace').replace('platform: google', 'platform: myspace'),
      'variants.2.ad.platform',
    ],
    ['a UTM value with spaces', shipped.replace('content: three-scores', 'content: three scores'), 'variants.1.utm.content'],
    [
      'an unknown keyword case option',
      shipped.replace('[[lead scoring worksheet|title]]', '[[lead scoring worksheet|shouty]]'),
      'variants.2.page.headline',
    ],
    [
      'an image that is not a PNG, JPEG or WebP in ./images/',
      shipped.replace('src: "./images/three-leads-three-scores.png"', 'src: "../elsewhere/scores.gif"'),
      'variants.1.image.src',
    ],
  ])('refuses %s, naming the file and the field', (_, text, field) => {
    expect(() => parseLanding('content/landing/lead-scoring.yaml', text)).toThrow(
      new RegExp(`^content/landing/lead-scoring\\.yaml: .*${field.replace(/\./g, '\\.')}: `),
    );
  });
});

describe('the shipped landing pages', () => {
  it('are two or more, with two or three variants each, covering Meta, TikTok and Google search', async () => {
    const landings = await loadLandings(join(projectRoot, 'content/landing'));
    expect(landings.length).toBeGreaterThanOrEqual(2);
    for (const landing of landings) expect(landing.data.variants.length).toBeGreaterThanOrEqual(2);
    const platforms = new Set(landings.flatMap((landing) => landing.data.variants.map((variant) => variant.ad.platform)));
    expect([...platforms]).toEqual(expect.arrayContaining(['meta', 'tiktok', 'google']));
  });
});

describe('checkLandingFields', () => {
  const landings = new Map([
    ['lead-scoring', parseLanding('lead-scoring.yaml', shipped)],
    ['scoring-review', parseLanding('scoring-review.yaml', readFileSync(join(projectRoot, 'content/landing/scoring-review.yaml'), 'utf8'))],
  ]);
  it.each([
    ['no landing page', {}, {}],
    ['a real page, variant and offer', { landing: 'lead-scoring', variant: 'meta-examples', magnet: 'lead-scoring-worksheet' }, {}],
    ['an unknown page', { landing: 'nope', variant: 'x', magnet: 'lead-scoring-worksheet' }, { landing: 'is not a landing page on this site' }],
    ['a variant of no page', { variant: 'meta-examples' }, { variant: 'needs the landing page it belongs to' }],
    [
      'another page’s variant',
      { landing: 'lead-scoring', variant: 'tiktok-founder', magnet: 'lead-scoring-worksheet' },
      { variant: 'is not a variant of this landing page' },
    ],
    [
      'another offer',
      { landing: 'lead-scoring', variant: 'meta-examples', magnet: 'message-match-checklist' },
      { magnet: 'is not the offer of this landing page' },
    ],
    ['a consultation request', { landing: 'scoring-review', variant: 'meta-review' }, {}],
    [
      'a magnet sent to a consultation page',
      { landing: 'scoring-review', variant: 'meta-review', magnet: 'lead-scoring-worksheet' },
      { magnet: 'is not the offer of this landing page' },
    ],
  ])('%s', (_, fields, errors) => {
    expect(checkLandingFields(landings, fields)).toEqual(errors);
  });
});

describe('npm run check:content', () => {
  const run = (cwd: string) => promisify(execFile)(process.execPath, [join(projectRoot, 'src/cli/check-content.ts')], { cwd });

  it('passes the shipped content, with a line per variant', async () => {
    const { stdout } = await run(projectRoot);
    expect(stdout).toMatch(/lead-scoring\/meta-worksheet \(meta\): message match \d+%/);
    expect(stdout).toContain('content checks passed');
  });

  it('fails a variant whose page drops the ad’s promise, naming the variant and the missing words', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'lodestone-content-'));
    try {
      cpSync(join(projectRoot, 'content'), join(directory, 'content'), { recursive: true });
      writeFileSync(
        join(directory, 'content/landing/lead-scoring.yaml'),
        shipped
          .replace('headline: "Score every lead out of 100 with the free lead scoring worksheet"', 'headline: "Sales and marketing, finally aligned"')
          .replace(
            'subheadline: "Stop guessing which leads to call first: turn BANT, fit and behaviour into one score, with worked examples."',
            'subheadline: "A practical guide for growing teams."',
          ),
      );
      const failure = await run(directory).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(
        /content\/landing\/lead-scoring\.yaml:\d+:\d+  message-match  variant "meta-worksheet" repeats \d+% of its ad's promise \(at least 60%\); .* miss: .*score.*100/,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
