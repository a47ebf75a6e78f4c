import { describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/leads/link-token.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

const FORM = { type: 'application/x-www-form-urlencoded' };

/** What every page of the site carries: the stylesheet, the skip link, the header, the main landmark and the footer. */
function expectSiteLayout(html: string, heading: RegExp): void {
  expect(html).toMatch(/<link[^>]*rel="stylesheet"[^>]*href="\/_astro\/[^"]+\.css"/);
  expect(html).toContain('class="skip-link" href="#main"');
  expect(html).toMatch(
    /<header class="site-header"[\s\S]*<main id="main"[\s\S]*<h1[^>]*>[^<]*<\/h1>[\s\S]*<\/main>[\s\S]*<footer class="site-footer"/,
  );
  expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]).toMatch(heading);
}

/** The pages a reader meets around a signup, and the ones that say something went wrong, all in the site's layout. */
describe.each(engines)("the reader's own pages on %s", (engine) => {
  const app = useAppHarness(engine, { RATE_LIMIT: '2/min' });
  const get = async (path: string) => {
    const response = await fetch(`${app.server.base}${path}`);
    return { status: response.status, html: await response.text() };
  };

  it.each([
    ['/thanks/', 200, /you are signed up/],
    ['/thanks/lead-scoring-worksheet/', 200, /./],
    ['/confirm/c.1.lead-scoring-worksheet.9999999999.AAAAAAAAAAAAAAAAAAAAAA', 403, /./],
    ['/download/d.1.lead-scoring-worksheet.9999999999.AAAAAAAAAAAAAAAAAAAAAA', 403, /./],
    ['/unsubscribe/u.1.all.9999999999.AAAAAAAAAAAAAAAAAAAAAA', 403, /This link does not work/],
    ['/no-such-page/', 404, /Page not found/i],
  ])('%s answers %i in the site layout', async (path, status, heading) => {
    const page = await get(path);
    expect(page.status).toBe(status);
    expectSiteLayout(page.html, heading);
  });

  it.each([
    ['/unsubscribe/', 'action=save', /Nothing was changed/],
    ['/confirm/', '', /Nothing was confirmed/],
  ])('refuses a POST to %s from another site with 403, in the site layout', async (prefix, body, heading) => {
    const token = prefix === '/unsubscribe/' ? unsubscribeToken(TEST_SECRET, 1, Date.now()) : 'c.1.newsletter.9999999999.AAAAAAAAAAAAAAAAAAAAAA';
    const response = await fetch(`${app.server.base}${prefix}${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body,
    });
    expect(response.status).toBe(403);
    expectSiteLayout(await response.text(), heading);
  });

  it('answers a form post it cannot read (413) with a page in the site layout, and a script with JSON', async () => {
    const huge = { ...signup('huge.form@example.com'), name: 'x'.repeat(2 * 1024 * 1024) };
    const page = await postSignup(app.server.base, huge, FORM);
    expect(page.status).toBe(413);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expectSiteLayout(html, /The form is too large/);
    expect(html).toContain('Nothing was saved.');
    const script = await postSignup(app.server.base, huge);
    expect(script.status).toBe(413);
    expect(script.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers a form post past the rate limit (429) with a page in the site layout, keeping Retry-After', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let index = 0; index < 3; index++) {
      const response = await postSignup(app.server.base, signup(`limited.form-${index}@example.com`), FORM);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([303, 303, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await refused!.text();
    expectSiteLayout(html, /Too many signups at once/);
    expect(html).toMatch(/<p role="alert">Too many signups from your address; try again in \d+ seconds\.<\/p>/);
  });
});
