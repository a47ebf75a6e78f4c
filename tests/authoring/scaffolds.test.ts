import { describe, expect, it } from 'vitest';
import { keywordGuess, placeholderPng, scaffold, slugOf } from '../../src/authoring/scaffolds.ts';

describe('npm run new', () => {
  it.each([
    ['Lead scoring: a points model for small teams', 'lead-scoring-a-points-model-for-small-teams', 'lead scoring'],
    ['What is a lead? A plain definition', 'what-is-a-lead-a-plain-definition', 'what is a lead'],
    ['Speed to lead — why the first five minutes decide', 'speed-to-lead-why-the-first-five-minutes-decide', 'speed to lead'],
    ['Ten email nurture sequence ideas that work for B2B', 'ten-email-nurture-sequence-ideas-that-work-for-b2b', 'ten email nurture sequence ideas'],
  ])('makes the slug and a keyword guess of "%s"', (title, slug, keyword) => {
    expect(slugOf(title)).toBe(slug);
    expect(keywordGuess(title)).toBe(keyword);
  });

  it('fills an article’s frontmatter: title, slug, today’s date, the author and the keyword', () => {
    const [file] = scaffold('article', { title: 'Lead scoring: a points model', today: '2026-12-02', author: 'maya-okafor', magnet: 'x' });
    expect(file?.path).toBe('content/articles/lead-scoring-a-points-model.mdx');
    expect(file?.text).toMatch(/^---\ntitle: "Lead scoring: a points model"\n/);
    expect(file?.text).toContain('\nkeyword: "lead scoring"\n');
    expect(file?.text).toContain('\nauthor: maya-okafor\npublished: 2026-12-02\n');
    expect(file?.text).toMatch(/\n## .+\n/);
  });
});

describe('placeholderPng', () => {
  it('is a PNG of the size asked, that an image library reads', async () => {
    const { default: sharp } = await import('sharp');
    const png = placeholderPng(960, 640, [232, 238, 246]);
    const metadata = await sharp(png).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', 960, 640]);
    const { channels } = await sharp(png).stats();
    expect(channels.map((channel) => [channel.min, channel.max])).toEqual([
      [232, 232],
      [238, 238],
      [246, 246],
    ]);
  });
});
