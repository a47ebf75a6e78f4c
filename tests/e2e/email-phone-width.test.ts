import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { shippedEmails } from '../support/shipped-emails.ts';

const emails = await shippedEmails();

/** Every email the site sends, laid out by Chromium on a 390 px phone. */
describe('emails on a 390 px phone', () => {
  const chromium = useChromium();

  it(`fit the screen without sideways scrolling (${emails.length} emails)`, async () => {
    const page = await chromium.open({ javaScriptEnabled: false });
    const tooWide: Record<string, number> = {};
    for (const [label, email] of emails) {
      await page.setContent(email.html);
      // A phone widens the layout viewport to fit content that overflows, so both must stay at the screen's width.
      const width = await page.evaluate(() => Math.max(document.scrollingElement!.scrollWidth, window.innerWidth));
      if (width > 390) tooWide[label] = width;
    }
    expect(tooWide).toEqual({});
  });
});
