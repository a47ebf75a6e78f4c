import { beforeAll, describe, expect, it } from 'vitest';
import { signLinkToken } from '../../src/leads/link-token.ts';
import { engines, waitFor } from '../support/databases.ts';
import type { FakeDelivery } from '../support/resend-fake.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { waitForOutboxIdle } from '../support/outbox-idle.ts';

const SINGLE = 'lead-scoring-worksheet';
const DOUBLE = 'message-match-checklist';
const SECOND = 'five-email-nurture-templates';

/** The site-relative link of `kind` (`/download/` or `/confirm/`) in an email's plain-text part. */
function linkIn(delivery: FakeDelivery, kind: '/download/' | '/confirm/'): string {
  const match = new RegExp(`https?://[^\\s]+(${kind}[\\w.-]+)`).exec(delivery.text);
  if (!match) throw new Error(`no ${kind} link in:\n${delivery.text}`);
  return match[1]!;
}

describe.each(engines)('magnet delivery on %s', (engine) => {
  const app = useAppHarness(engine);

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.server.base}${path}`, { headers, redirect: 'manual' });
  const post = (path: string, body: Record<string, string>, origin: string | null = app.server.base) =>
    fetch(`${app.server.base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
      body: new URLSearchParams(body).toString(),
      redirect: 'manual',
    });
  const mailTo = async (email: string, count: number): Promise<FakeDelivery[]> => {
    await waitFor(() => app.fake.to(email).length >= count, 5_000, `${count} emails to ${email}`);
    return app.fake.to(email);
  };
  const leadOf = (email: string) => app.store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const downloadsOf = async (leadId: number) => app.store.db.selectFrom('downloads').selectAll().where('lead_id', '=', leadId).execute();
  const stepsOf = async (email: string) =>
    (
      await app.store.db
        .selectFrom('outbox')
        .innerJoin('leads', 'leads.id', 'outbox.lead_id')
        .select('outbox.template')
        .where('leads.email', '=', email)
        .where('outbox.template', 'like', 'sequence:%')
        .execute()
    ).map((row) => row.template);
  const settle = () => waitForOutboxIdle(app.store);

  async function expectPdf(response: Response, fileName: string) {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
  }

  describe('single opt-in', () => {
    const email = `single-${engine}@example.com`;

    it('emails a signed download link that streams the PDF and records the download', async () => {
      const response = await postSignup(app.server.base, signup(email, { magnet: SINGLE, name: 'Grace', company_size: '11-50 people' }));
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: 'accepted', message: 'Thanks! Check your inbox in a minute.' });

      const [delivery] = await mailTo(email, 1);
      expect(delivery!.subject).toBe('Your copy of the lead scoring worksheet');
      expect(delivery!.text).toMatch(/^Hi Grace,/);
      const lead = await leadOf(email);
      const [touch] = await app.store.db.selectFrom('touches').selectAll().where('lead_id', '=', lead.id).execute();
      expect(touch).toMatchObject({ form: 'magnet', magnet: SINGLE, consent: 1 });
      expect(JSON.parse(touch!.fields!)).toEqual({ company_size: '11-50 people' });
      expect(touch!.consent_text).toMatch(/worksheet/);

      await expectPdf(await get(linkIn(delivery!, '/download/')), 'lead-scoring-worksheet.pdf');
      expect(await downloadsOf(lead.id)).toMatchObject([{ magnet: SINGLE }]);
    });

    it('lets the thank-you page offer the download at once through a short-lived cookie', async () => {
      const address = `cookie-${engine}@example.com`;
      const response = await postSignup(app.server.base, signup(address, { magnet: SINGLE }), { type: 'application/x-www-form-urlencoded' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/thanks/${SINGLE}/`);
      // Beside the lead cookie (tests/leads/profiling-endpoint.test.ts).
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('lodestone_download='))!;
      expect(cookie).toMatch(/^lodestone_download=[\w-]{166}; Path=\/download\/; Max-Age=3600; HttpOnly; SameSite=Lax$/);

      await expectPdf(await get(`/download/${SINGLE}`, { Cookie: cookie.split(';')[0]! }), 'lead-scoring-worksheet.pdf');
      // Without the cookie, or for another magnet, the page points to the inbox instead.
      expect((await get(`/download/${SINGLE}`)).status).toBe(403);
      expect((await get(`/download/${SECOND}`, { Cookie: cookie.split(';')[0]! })).status).toBe(403);
    });

    it('mails the magnet again to a known lead, and a second magnet adds its own touch and email', async () => {
      await postSignup(app.server.base, signup(email, { magnet: SINGLE }));
      const again = await mailTo(email, 2);
      expect(again[1]!.subject).toBe(again[0]!.subject);
      expect(linkIn(again[1]!, '/download/')).not.toBe('');

      await postSignup(app.server.base, signup(email, { magnet: SECOND }));
      const third = await mailTo(email, 3);
      expect(third[2]!.subject).toBe('Your copy of the five-email nurture sequence template pack');
      const lead = await leadOf(email);
      const touches = await app.store.db.selectFrom('touches').select('magnet').where('lead_id', '=', lead.id).orderBy('id').execute();
      expect(touches.map((touch) => touch.magnet)).toEqual([SINGLE, SINGLE, SECOND]);
      expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', email).execute()).toHaveLength(1);
    });

    it('refuses answers the form does not offer with 422 on the field, storing nothing', async () => {
      const address = `bad-field-${engine}@example.com`;
      const response = await postSignup(app.server.base, signup(address, { magnet: SINGLE, company_size: 'Enormous', consent: false }));
      expect(response.status).toBe(422);
      expect((await response.json()).errors).toEqual({
        company_size: 'Please choose one of the options.',
        consent: 'Please tick the box to agree to receive our emails.',
      });
      expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', address).executeTakeFirst()).toBeUndefined();
    });
  });

  describe('double opt-in', () => {
    const email = `double-${engine}@example.com`;

    it('sends a confirmation first; opening its link (as a mail scanner does) confirms nothing', async () => {
      const response = await postSignup(app.server.base, signup(email, { magnet: DOUBLE, ad_platform: 'TikTok' }));
      expect(response.status).toBe(202);
      // The cookie comes as for any signup, but opens nothing before the address is confirmed.
      const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
      const held = await get(`/download/${DOUBLE}`, { Cookie: cookie });
      expect(held.status).toBe(403);
      expect(await held.text()).toContain('Confirm your address first');
      const [confirmation] = await mailTo(email, 1);
      expect(confirmation!.subject).toBe('Confirm your address to get the landing-page message-match checklist');
      expect(confirmation!.text).not.toContain('/download/');

      const page = await get(linkIn(confirmation!, '/confirm/'));
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<form method="post"[^>]*>\s*<button type="submit">Confirm and get the checklist<\/button>/);
      await settle();
      expect((await leadOf(email)).confirmed_at).toBeNull();
      expect(app.fake.to(email)).toHaveLength(1);
      expect(await stepsOf(email)).toEqual([]);
    });

    it('confirms on the button press, sends the magnet once however often it is pressed, and the link downloads', async () => {
      const confirmPath = linkIn(app.fake.to(email)[0]!, '/confirm/');
      expect((await post(confirmPath, {}, 'https://evil.example')).status).toBe(403);
      expect((await post(confirmPath, {}, null)).status).toBe(403);
      expect((await leadOf(email)).confirmed_at).toBeNull();

      const confirmed = await post(confirmPath, {});
      expect(confirmed.status).toBe(200);
      const html = await confirmed.text();
      expect(html).toContain('Thanks, you are confirmed');
      const pageLink = /href="(\/download\/[\w.-]+)"/.exec(html)![1]!;
      expect((await leadOf(email)).confirmed_at).toEqual(expect.any(Number));
      // Only now, confirmed, does the lead enter the magnet's sequence.
      expect(await stepsOf(email)).toEqual(['sequence:message-match-checklist/01-run-it-on-your-best-ad']);

      expect((await post(confirmPath, {})).status).toBe(200);
      const [, magnetEmail] = await mailTo(email, 2);
      await settle();
      expect(app.fake.to(email)).toHaveLength(2);
      expect(magnetEmail!.subject).toBe('Your copy of the landing-page message-match checklist');
      await expectPdf(await get(linkIn(magnetEmail!, '/download/')), 'landing-page-message-match-checklist.pdf');
      await expectPdf(await get(pageLink), 'landing-page-message-match-checklist.pdf');
    });

    it('says the address is confirmed when the link is opened again, offers the download, and sends nothing more', async () => {
      const confirmPath = linkIn(app.fake.to(email)[0]!, '/confirm/');
      const outboxBefore = await app.store.db.selectFrom('outbox').select('id').execute();
      const reopened = await get(confirmPath);
      expect(reopened.status).toBe(200);
      const html = await reopened.text();
      expect(html).toContain('<h1>Your address is confirmed</h1>');
      expect(html).not.toContain('<form method="post"');
      expect(html).toContain('href="/articles/short-lead-forms/"');
      await expectPdf(await get(/href="(\/download\/[\w.-]+)"/.exec(html)![1]!), 'landing-page-message-match-checklist.pdf');
      expect(await app.store.db.selectFrom('outbox').select('id').execute()).toEqual(outboxBefore);
    });

    it('offers the magnet without asking to confirm again on another, unused link of a confirmed address', async () => {
      const lead = await leadOf(email);
      const unused = signLinkToken(TEST_SECRET, { purpose: 'confirm', leadId: lead.id, magnet: DOUBLE, expiresAt: Date.now() + 86_400_000 });
      const html = await (await get(`/confirm/${unused}`)).text();
      expect(html).toContain('<h1>Your address is confirmed</h1>');
      expect(html).toMatch(/<form method="post"[^>]*>\s*<button type="submit">Get the checklist<\/button>/);
    });

    it('sends the file straight away to a lead who already confirmed', async () => {
      await postSignup(app.server.base, signup(email, { magnet: DOUBLE }));
      const [, , third] = await mailTo(email, 3);
      expect(third!.subject).toBe('Your copy of the landing-page message-match checklist');
    });
  });

  describe('links that do not work', () => {
    const email = `links-${engine}@example.com`;
    let leadId: number;

    beforeAll(async () => {
      await postSignup(app.server.base, signup(email, { magnet: SINGLE }));
      await mailTo(email, 1);
      leadId = (await leadOf(email)).id;
    });

    const token = (claims: Partial<Parameters<typeof signLinkToken>[1]> = {}, secret = TEST_SECRET) =>
      signLinkToken(secret, { purpose: 'download', leadId, magnet: SINGLE, expiresAt: Date.now() + 60_000, ...claims });

    it.each([
      ['a changed signature', () => token().replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'))],
      ['a changed lead id', () => token().replace(/^d\.\d+/, `d.${leadId + 1000}`)],
      [
        'a changed expiry',
        () => token({ expiresAt: Date.now() - 60_000 }).replace(/\.(\d+)\.([\w-]+)$/, (_, seconds, mac) => `.${Number(seconds) + 86_400}.${mac}`),
      ],
      ['a link signed with another key', () => token({}, 'another-secret-another-secret-another-secret')],
      ['a confirmation link', () => token({ purpose: 'confirm' })],
      ['a lead that does not exist', () => token({ leadId: 987_654 })],
      ['random text', () => 'not-a-token.at.all'],
    ])('answers %s with 403 and no hint', async (_, make) => {
      const response = await get(`/download/${make()}`);
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('This link does not work');
      expect(html).not.toMatch(/expired|%PDF/);
      expect(await downloadsOf(leadId)).toHaveLength(0);
    });

    it('answers an expired link with 410 and a form that mails a fresh link to the lead only', async () => {
      const expired = `/download/${token({ expiresAt: Date.now() - 1_000 })}`;
      const response = await get(expired);
      expect(response.status).toBe(410);
      const html = await response.text();
      expect(html).toContain('This link has expired');
      expect(html).toMatch(/<form class="lead-form" method="post">[\s\S]*name="email"/);

      const empty = await post(expired, { email: '' });
      expect(empty.status).toBe(422);
      expect(await empty.text()).toContain('Enter the address the link was sent to.');

      const stranger = await post(expired, { email: 'stranger@example.com' });
      expect(stranger.status).toBe(200);
      const strangerPage = await stranger.text();
      const owner = await post(expired, { email: email.toUpperCase() });
      expect(owner.status).toBe(200);
      // The same answer either way: the form does not tell whose link it was.
      expect((await owner.text()).replace(/data-astro-[\w-]+="[^"]*"/g, '')).toBe(strangerPage.replace(/data-astro-[\w-]+="[^"]*"/g, ''));
      expect(app.fake.to('stranger@example.com')).toHaveLength(0);

      const [, fresh] = await mailTo(email, 2);
      await expectPdf(await get(linkIn(fresh!, '/download/')), 'lead-scoring-worksheet.pdf');
    });

    it('keeps the files off every public URL', async () => {
      for (const path of [
        `/magnets/${SINGLE}.pdf`,
        `/${SINGLE}.pdf`,
        `/magnets/lead-scoring-worksheet.pdf`,
        `/dist/magnets/${SINGLE}.pdf`,
        `/../magnets/${SINGLE}.pdf`,
        `/download/`,
      ]) {
        const response = await get(path);
        expect(response.status, path).not.toBe(200);
        expect(
          Buffer.from(await response.arrayBuffer())
            .subarray(0, 5)
            .toString(),
          path,
        ).not.toBe('%PDF-');
      }
    });
  });
});
