import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { shippedEmails } from '../support/shipped-emails.ts';

const emails = await shippedEmails();

/** Every email the site sends, laid out by Chromium on a 390 px phone, in light and dark clients. */
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

  it.each(['light', 'dark'] as const)('keep readable colours in a %s mail client', async (colorScheme) => {
    const page = await chromium.open({ javaScriptEnabled: false, colorScheme });
    const [, welcome] = emails.find(([label]) => label === 'welcome')!;
    // No network here: the logo's request is answered with the file the site serves.
    await page.route('**/email-logo.png', (route) => route.fulfill({ path: 'public/email-logo.png', contentType: 'image/png' }));
    await page.setContent(welcome.html, { waitUntil: 'load' });
    const look = await page.evaluate(() => {
      const card = document.querySelector('.email-card')!;
      const link = [...card.querySelectorAll('a')].find((a) => !a.classList.contains('email-button') && a.textContent!.trim() !== '')!;
      const logo = card.querySelector('img')!;
      return {
        card: getComputedStyle(card).backgroundColor,
        text: getComputedStyle(card).color,
        link: getComputedStyle(link).color,
        logo: { loaded: logo.complete && logo.naturalWidth === 588, width: logo.getBoundingClientRect().width },
      };
    });
    expect(look.logo).toEqual({ loaded: true, width: 196 });
    expect(look).toMatchObject(
      colorScheme === 'light'
        ? { card: 'rgb(255, 255, 255)', text: 'rgb(27, 31, 36)', link: 'rgb(11, 92, 173)' }
        : { card: 'rgb(27, 31, 36)', text: 'rgb(230, 233, 237)', link: 'rgb(140, 196, 255)' },
    );
  });
});
