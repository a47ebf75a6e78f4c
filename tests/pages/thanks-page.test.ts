import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';
import { meta } from '../support/html.ts';

const built = (slug: string) => readFileSync(join(projectRoot, `dist/client/thanks/${slug}/index.html`), 'utf8');

describe('the built thank-you pages', () => {
  it.each([
    ['lead-scoring-worksheet', 'Thanks for asking for the lead scoring worksheet.'],
    ['five-email-nurture-templates', 'Thanks for asking for the five-email nurture sequence template pack.'],
  ])('/thanks/%s/ names the magnet mid-sentence in its description', (slug, description) => {
    expect(meta(built(slug), 'description')).toBe(description);
  });

  it('offers the download as a plain link, so a browser that did not sign up is shown why it cannot have it', () => {
    const html = built('lead-scoring-worksheet');
    expect(html).toMatch(/<a class="button-link" href="\/download\/lead-scoring-worksheet"[^>]*>/);
    expect(html).not.toMatch(/<a [^>]*href="\/download\/[^"]*"[^>]*\sdownload/);
  });
});
