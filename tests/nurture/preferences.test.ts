import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exportLead } from '../../src/privacy/export-lead.ts';
import { projectRoot } from '../support/app-server.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const run = promisify(execFile);
const DAY = 86_400_000;
const MAGNET = 'five-email-nurture-templates';
const WELCOME_STEP = 'The one number to fix first in your funnel';
const MAGNET_STEP = 'Write email 1 today; it is the one everyone reads';

/** The preference centre over HTTP: leaving one sequence keeps the newsletter and every other sequence going. */
describe.each(engines)('the preference centre on %s', (engine) => {
  const app = useAppHarness(engine);

  const leadOf = (email: string) => app.store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const page = (link: string) =>
    fetch(`${app.server.base}${link}`).then(async (response) => ({ status: response.status, html: await response.text() }));
  const post = (link: string, body: string, origin: string | null = app.server.base) =>
    fetch(`${app.server.base}${link}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
      body,
    }).then(async (response) => ({ status: response.status, html: await response.text() }));
  const box = (html: string, sequence: string) => new RegExp(`<input[^>]*id="keep-${sequence}"[^>]*>`).exec(html)?.[0];
  const optOuts = async (leadId: number) =>
    (await app.store.db.selectFrom('sequence_opt_outs').select('sequence').where('lead_id', '=', leadId).execute()).map((row) => row.sequence);
  /** Sends everything due `days` after now, as `npm run worker -- --once --now` does. */
  const workerAt = (days: number) =>
    run(process.execPath, ['src/cli/worker.ts', '--once', '--now', new Date(Date.now() + days * DAY).toISOString()], {
      cwd: projectRoot,
      env: app.cliEnv(),
    });

  /** Signs `email` up for the newsletter and the template pack; returns the path of the welcome email's unsubscribe link. */
  async function enrolled(email: string): Promise<string> {
    expect((await postSignup(app.server.base, signup(email, { name: 'Pat' }))).status).toBe(202);
    expect((await postSignup(app.server.base, signup(email, { magnet: MAGNET }))).status).toBe(202);
    await waitFor(() => app.fake.to(email).length === 2, 5_000, `the welcome and magnet emails to ${email}`);
    const welcome = app.fake.to(email).find((delivery) => delivery.subject.startsWith('Welcome'))!;
    return new URL(/^<(.+)>$/.exec(welcome.headers['List-Unsubscribe']!)![1]!).pathname;
  }

  it('names the masked address and lists the newsletter and each sequence entered, all ticked', async () => {
    const link = await enrolled(`pat.listed-${engine}@example.com`);
    const { status, html } = await page(link);
    expect(status).toBe(200);
    expect(html).toContain('<strong>p***@example.com</strong>');
    expect(html).not.toContain(`pat.listed-${engine}`);
    expect(html).toMatch(/The newsletter: a practical guide every two weeks[\s\S]*Follow-up emails: Five-email nurture sequence template pack/);
    expect(box(html, 'welcome')).toContain('checked');
    expect(box(html, MAGNET)).toContain('checked');
  });

  it("leaving one sequence keeps the newsletter: its next email goes out, the sequence's next step never does", async () => {
    const email = `pat.leaves-${engine}@example.com`;
    const link = await enrolled(email);
    const { id: leadId } = await leadOf(email);

    const saved = await post(link, 'action=save&keep=welcome');
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('Saved: you get only the emails ticked below.');
    expect(box(saved.html, 'welcome')).toContain('checked');
    expect(box(saved.html, MAGNET)).not.toContain('checked');
    expect(await optOuts(leadId)).toEqual([MAGNET]);
    expect((await leadOf(email)).unsubscribed_at).toBeNull();
    // An access request shows the choice too.
    expect((await exportLead(app.store, { id: leadId }))?.sequences_left).toEqual([{ sequence: MAGNET, created_at: expect.any(String) }]);

    // Three days on, the first step of each sequence is due (the newsletter's after 2 days, the pack's after 1).
    await workerAt(3);
    const subjects = () => app.fake.to(email).map((delivery) => delivery.subject);
    await waitFor(() => subjects().includes(WELCOME_STEP), 5_000, "the newsletter's next email");
    const rows = (await waitFor(
      async () => {
        const found = await app.store.db
          .selectFrom('outbox')
          .select(['template', 'status', 'last_error'])
          .where('lead_id', '=', leadId)
          .where('template', 'like', 'sequence:%')
          .orderBy('id')
          .execute();
        return found.every((row) => row.status !== 'sending') &&
          found.some((row) => row.template.startsWith(`sequence:${MAGNET}/`) && row.status !== 'pending')
          ? found
          : undefined;
      },
      5_000,
      "the pack's step settled",
    ))!;
    expect(subjects()).not.toContain(MAGNET_STEP);
    const pack = rows.filter((row) => row.template.startsWith(`sequence:${MAGNET}/`));
    expect(pack).toEqual([
      { template: `sequence:${MAGNET}/01-write-email-one-today`, status: 'skipped', last_error: 'unsubscribed from this sequence' },
    ]);
    // The newsletter goes on: its second step is planned.
    expect(rows.filter((row) => row.template.startsWith('sequence:welcome/')).map((row) => row.status)).toEqual(['sent', 'pending']);
  });

  it('leaving the newsletter keeps the sequence, and ticking it again takes the lead back', async () => {
    const email = `pat.swaps-${engine}@example.com`;
    const link = await enrolled(email);
    const { id: leadId } = await leadOf(email);
    expect((await post(link, `action=save&keep=${MAGNET}`)).status).toBe(200);
    expect(await optOuts(leadId)).toEqual(['welcome']);
    const back = await post(link, `action=save&keep=${MAGNET}&keep=welcome&keep=not-a-sequence`);
    expect(box(back.html, 'welcome')).toContain('checked');
    expect(await optOuts(leadId)).toEqual([]);
  });

  it('refuses choices posted from another site, and a link that is not ours, changing nothing', async () => {
    const email = `pat.guarded-${engine}@example.com`;
    const link = await enrolled(email);
    const { id: leadId } = await leadOf(email);
    expect((await post(link, 'action=save', 'https://evil.example')).status).toBe(403);
    expect(await optOuts(leadId)).toEqual([]);

    const forged = link.replace(/u\.(\d+)\./, (_, id) => `u.${Number(id) + 1}.`);
    for (const body of ['action=save', 'List-Unsubscribe=One-Click']) {
      const refused = await post(forged, body);
      expect(refused.status).toBe(403);
      expect(refused.html).toContain('This link does not work');
      expect(refused.html).toContain('Nothing has changed.');
    }
    expect(await optOuts(leadId)).toEqual([]);
    expect((await leadOf(email)).unsubscribed_at).toBeNull();
  });

  it('keeps one-click as it was: it leaves everything, and the page then names the address and offers the way back', async () => {
    const email = `pat.oneclick-${engine}@example.com`;
    const link = await enrolled(email);
    expect((await post(link, 'action=save&keep=welcome')).status).toBe(200);
    const done = await post(link, 'List-Unsubscribe=One-Click', null);
    expect(done.status).toBe(200);
    expect(done.html).toMatch(/You are unsubscribed[\s\S]*p\*\*\*@example\.com[\s\S]*Subscribe again/);
    expect((await leadOf(email)).unsubscribed_at).toEqual(expect.any(Number));
  });
});
