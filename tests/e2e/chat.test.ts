import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_LOADER } from '../../src/chat/chat-loader.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { useChromium } from '../support/browser.ts';
import { waitFor } from '../support/databases.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

const LANDING = '/lp/lead-scoring/meta-worksheet/';
/** The most the chat's code may weigh, gzipped, once the button is pressed. */
const CHAT_MODULE_MAX_GZIP = 15 * 1024;

/**
 * A visitor of the lead scoring landing page opens the chat with the keyboard, asks a question the
 * guides answer, answers the qualifying questions, gives an address, and sales hears of it at once:
 * the CRM receiver gets the hand-off and the sales alert goes out.
 */
describe('the chat in Chromium', () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  const app = useAppHarness('sqlite', () => ({
    CRM_WEBHOOK_URL: receiver.url,
    CRM_WEBHOOK_SECRET: CRM_SECRET,
    SALES_NOTIFY_EMAIL: 'sales@example.com',
  }));
  const chromium = useChromium();

  it('costs a button and an inline loader until pressed, then runs a whole conversation to a sales alert, by keyboard, at 390 px', async () => {
    const tab = await chromium.open();
    const scripts: string[] = [];
    tab.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await tab.goto(`${app.server.base}${LANDING}`);
    const html = await (await fetch(`${app.server.base}${LANDING}`)).text();
    // First paint: the page's own scripts, the chat's inline loader, and no chat code fetched.
    expect(html).toContain(`<script>${CHAT_LOADER}</script>`);
    expect(Buffer.byteLength(CHAT_LOADER)).toBeLessThan(300);
    expect(scripts.filter((path) => path.includes('chat'))).toEqual([]);

    const open = tab.getByRole('button', { name: 'Questions? Ask us' });
    await open.focus();
    const loaded = tab.waitForResponse((response) => new URL(response.url()).pathname.includes('chat-dialog'));
    await tab.keyboard.press('Enter');
    const module = await loaded;
    expect(gzipSync(await module.body()).byteLength).toBeLessThan(CHAT_MODULE_MAX_GZIP);

    const dialog = tab.getByRole('dialog', { name: 'Questions about lead scoring' });
    await dialog.waitFor();
    const log = dialog.getByRole('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await log.getByText('Ask me anything about lead scoring').waitFor();
    // The first quick reply has the focus; the dialog fits a phone's width.
    await expect.poll(() => tab.evaluate(() => document.activeElement?.textContent)).toBe('Founder or owner');
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    // A free question is answered from the guides, with a link to the article.
    await dialog.getByLabel('Your question or answer').fill('What does BANT stand for?');
    await tab.keyboard.press('Enter');
    await dialog
      .getByRole('link', { name: /Lead scoring with BANT/ })
      .first()
      .waitFor();
    expect(
      await dialog
        .getByRole('link', { name: /Lead scoring with BANT/ })
        .first()
        .getAttribute('href'),
    ).toBe('/articles/lead-scoring-with-bant/');
    // …and the question it was asking comes back, its quick replies focused.
    await expect.poll(() => tab.evaluate(() => document.activeElement?.textContent)).toBe('Founder or owner');

    // Each answer by keyboard: the focused quick reply is the first; Tab moves to the one wanted.
    for (const [ask, choice] of [
      ['What is your role?', 'Founder or owner'],
      ['How many people work at your company?', '11-50 people'],
      ['Is there a budget for better lead handling this year?', 'Over $10,000'],
      ['When should better lead scoring be working for you?', 'This month'],
      ['Last one: what would help most right now?', 'Knowing which leads to call first'],
    ] as const) {
      await log.getByText(ask).waitFor();
      await expect.poll(() => tab.evaluate(() => document.activeElement?.closest('.chat-replies') !== null)).toBe(true);
      while ((await tab.evaluate(() => document.activeElement?.textContent)) !== choice) await tab.keyboard.press('Tab');
      await tab.keyboard.press('Enter');
    }

    const email = 'ana@northwind-freight.com';
    await log.getByText('Where should we send the lead scoring worksheet?').waitFor();
    await expect.poll(() => tab.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('email');
    await tab.keyboard.type(email);
    await tab.keyboard.press('Tab');
    await tab.keyboard.press('Space');
    await dialog.getByRole('button', { name: 'Send', exact: true }).first().click();

    const book = dialog.getByRole('link', { name: 'Book the free lead scoring review' });
    await book.waitFor();
    expect(await book.getAttribute('href')).toBe('/lp/scoring-review/');
    await expect.poll(() => tab.evaluate(() => document.activeElement?.textContent)).toBe('Book the free lead scoring review');

    // Sales hears at once: the CRM hand-off with the chat's answers, and the alert email.
    const handoff = (await waitFor(
      () =>
        (receiver.verified as { data: { lead: { email: string }; answers: Record<string, string> } }[]).find(
          (delivery) => delivery.data.lead.email === email,
        ),
      10_000,
      'the hand-off at the CRM',
    ))!;
    expect(handoff.data.answers).toMatchObject({ role: 'Founder or owner', budget: 'Over $10,000', timeline: 'This month' });
    const alert = await waitFor(() => app.fake.to('sales@example.com')[0], 10_000, 'the sales alert');
    expect(alert.subject).toContain(email);

    // Escape closes the dialog and gives the focus back to the button.
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => tab.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Questions? Ask us');

    const chat = await app.store.db
      .selectFrom('chats')
      .innerJoin('leads', 'leads.id', 'chats.lead_id')
      .select(['outcome', 'transcript'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(chat.outcome).toBe('sales-ready');
    expect(JSON.parse(chat.transcript)).toEqual(
      expect.arrayContaining([
        { from: 'visitor', text: 'What does BANT stand for?' },
        { from: 'visitor', text: 'Over $10,000' },
      ]),
    );
  });

  it.each<[string, boolean]>([
    ['/lp/lead-scoring/google-search/', true],
    ['/magnets/lead-scoring-worksheet/', true],
    ['/lp/message-match/google-search/', false],
    ['/magnets/message-match-checklist/', false],
    ['/articles/lead-scoring-with-bant/', false],
  ])('%s carries the chat: %s (only pages a chat script names do)', async (path, shown) => {
    const html = await (await fetch(`${app.server.base}${path}`)).text();
    expect(html.includes('data-chat-open')).toBe(shown);
    expect(html.includes(CHAT_LOADER)).toBe(shown);
  });
});
