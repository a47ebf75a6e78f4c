import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { useAppHarness } from '../support/app-harness.ts';

/** Someone opens a thank-you page they did not earn (a shared link, a bookmark, another device) and presses its button. */
describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('the thank-you page in a browser that did not sign up, %s', (_, javaScriptEnabled) => {
  const app = useAppHarness('sqlite');
  const chromium = useChromium();

  it('leads the download button to a page that explains where the download is', async () => {
    const tab = await chromium.open({ javaScriptEnabled, acceptDownloads: true });
    await tab.goto(`${app.server.base}/thanks/lead-scoring-worksheet/`);
    const [answer] = await Promise.all([
      tab.waitForResponse((response) => response.url().endsWith('/download/lead-scoring-worksheet'), { timeout: 5_000 }),
      tab.getByRole('link', { name: 'Download the worksheet (PDF)' }).click(),
    ]);
    expect(`${answer.status()} ${answer.statusText()}`).toBe('403 Forbidden');
    // A browser shows the page only when the link is a plain one: a `download` link would save it as a failed file.
    await tab.waitForURL(`${app.server.base}/download/lead-scoring-worksheet`, { timeout: 5_000 });
    expect(await tab.locator('h1').textContent()).toBe('This download works in the browser that signed up');
    await tab.getByRole('link', { name: 'Ask for the lead scoring worksheet' }).click();
    await tab.waitForURL(`${app.server.base}/magnets/lead-scoring-worksheet/`);
  });
});
