import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMagnets } from '../../src/magnets/catalog.ts';
import { renderMagnetPdf, winAnsi } from '../../src/magnets/pdf.ts';
import { projectRoot } from '../support/app-server.ts';

const cover = {
  title: 'A test worksheet',
  promise: 'Prove the typesetter works.',
  kind: 'worksheet',
  inside: ['One', 'Two'],
  siteName: 'Lodestone',
  siteUrl: 'lodestone.example',
  date: new Date('2026-11-23T00:00:00Z'),
};

/** Pages in a PDF, from its page tree. */
const pageCount = (pdf: Buffer) => Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

describe('renderMagnetPdf', () => {
  it('puts a cover before the content and numbers the pages', async () => {
    const long = Array.from(
      { length: 40 },
      (_, index) => `## Section ${index}\n\nA paragraph with **bold** and *italic* words.\n\n- one\n- two\n`,
    ).join('\n');
    const pdf = await renderMagnetPdf(cover, long);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(4);
  });

  it('makes the same file from the same words when the date is fixed', async () => {
    const markdown = '## Heading\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n> A quote\n\n1. First\n2. Second\n';
    const [first, second] = await Promise.all([renderMagnetPdf(cover, markdown), renderMagnetPdf(cover, markdown)]);
    expect(first.equals(second)).toBe(true);
    expect(pageCount(first)).toBe(2);
  });
});

describe('winAnsi', () => {
  it.each([
    ['plain ASCII', 'Score 72/100', 'Score 72/100'],
    ['typographic punctuation the fonts have', '“Quotes” – dashes — and…', '“Quotes” – dashes — and…'],
    ['arrows and comparisons', 'A → B, x ≥ 5, y ≤ 2', 'A -> B, x >= 5, y <= 2'],
    ['check boxes', '☐ todo ✓ done', '[ ] todo [x] done'],
    ['anything else', 'emoji 🚀 and 漢字', 'emoji ? and ??'],
  ])('%s', (_, input, output) => {
    expect(winAnsi(input)).toBe(output);
  });
});

describe('the built magnet files', () => {
  it('are typeset for every magnet, two pages or more, and kept out of the public files', async () => {
    const magnets = await loadMagnets(join(projectRoot, 'content/magnets'));
    for (const magnet of magnets) {
      const file = join(projectRoot, 'dist/magnets', `${magnet.slug}.pdf`);
      expect(existsSync(file), file).toBe(true);
      expect(pageCount(readFileSync(file)), magnet.slug).toBeGreaterThanOrEqual(3);
    }
    const publicPdfs = readdirSync(join(projectRoot, 'dist/client'), { recursive: true }).filter((name) => String(name).endsWith('.pdf'));
    expect(publicPdfs).toEqual([]);
  });
});
