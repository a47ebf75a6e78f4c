import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/scoring/lead-events.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';

describe('the page-view beacon in Chromium', () => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();
  const viewsOf = async (path: string) =>
    (
      await app.store.db
        .selectFrom('page_view_counts')
        .select('views')
        .where('path', '=', path)
        .where('day', '=', Math.floor(Date.now() / DAY_MS) * DAY_MS)
        .executeTakeFirst()
    )?.views ?? 0;

  it('sends exactly one beacon when a reader opens an article, and the count grows by one, with no console error', async () => {
    const tab = await chromium.open();
    const beacons: { body: string | null; type: string | undefined }[] = [];
    const problems: string[] = [];
    tab.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/events') beacons.push({ body: request.postData(), type: request.headers()['content-type'] });
    });
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    tab.on('pageerror', (error) => problems.push(error.message));

    await tab.goto(`${app.server.base}/articles/speed-to-lead/`, { waitUntil: 'load' });
    await waitFor(async () => (await viewsOf('/articles/speed-to-lead/')) === 1, 5_000, 'the view counted');
    // Long enough for a second beacon, were there one.
    await tab.waitForTimeout(500);
    expect(beacons).toEqual([{ body: '/articles/speed-to-lead/', type: 'text/plain;charset=UTF-8' }]);
    expect(await viewsOf('/articles/speed-to-lead/')).toBe(1);
    expect(problems).toEqual([]);
    // The beacon set no cookie: the browser holds none for the site.
    expect(await tab.context().cookies()).toEqual([]);
  });

  it('sends none from a thank-you page', async () => {
    const tab = await chromium.open();
    const beacons: string[] = [];
    tab.on('request', (request) => void (new URL(request.url()).pathname === '/api/events' && beacons.push(request.url())));
    await tab.goto(`${app.server.base}/thanks/lead-scoring-worksheet/`, { waitUntil: 'load' });
    await tab.waitForTimeout(500);
    expect(beacons).toEqual([]);
  });
});
