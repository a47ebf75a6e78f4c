import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { meta } from '../support/html.ts';

/** The magnets' thank-you pages, rendered on demand by the built server (tests/leads/profiling-endpoint.test.ts covers their questions). */
describe('the thank-you pages', () => {
  const app = useAppHarness('sqlite');
  const page = async (slug: string) => {
    const response = await fetch(`${app.server.base}/thanks/${slug}/`);
    return { response, html: await response.text() };
  };

  it.each([
    ['lead-scoring-worksheet', 'Thanks for asking for the lead scoring worksheet.'],
    ['five-email-nurture-templates', 'Thanks for asking for the five-email nurture sequence template pack.'],
  ])(
    '/thanks/%s/ names the magnet mid-sentence in its description, and is kept out of search, caches and page-view counts',
    async (slug, description) => {
      const { response, html } = await page(slug);
      expect(html).not.toContain('/api/events');
      expect(response.status).toBe(200);
      expect(meta(html, 'description')).toBe(description);
      expect(meta(html, 'robots')).toBe('noindex, follow');
      expect(response.headers.get('x-robots-tag')).toBe('noindex');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    },
  );

  it('offers the download as a plain link, so a browser that did not sign up is shown why it cannot have it', async () => {
    const { html } = await page('lead-scoring-worksheet');
    expect(html).toMatch(/<a class="button-link" href="\/download\/lead-scoring-worksheet"[^>]*>/);
    expect(html).not.toMatch(/<a [^>]*href="\/download\/[^"]*"[^>]*\sdownload/);
  });

  it('says "check your inbox" for a double opt-in magnet, with no download button', async () => {
    const { html } = await page('message-match-checklist');
    expect(html).toContain('check your spam or promotions folder');
    expect(html).not.toContain('href="/download/message-match-checklist"');
  });
});
