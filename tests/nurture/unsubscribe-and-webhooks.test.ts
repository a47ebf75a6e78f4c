import { describe, expect, it } from 'vitest';
import { handleResendWebhook } from '../../src/nurture/resend-webhook.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';
import { signedWebhook, WEBHOOK_SECRET } from '../support/webhook-signer.ts';

describe.each(engines)('unsubscribe and Resend webhooks on %s', (engine) => {
  const app = useAppHarness(engine, { RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET });

  /** Signs up `email` from the newsletter form and returns the welcome email as the fake received it. */
  async function welcomed(email: string) {
    expect((await postSignup(app.server.base, signup(email))).status).toBe(202);
    await waitFor(() => app.fake.to(email).length === 1, 5_000, `the welcome email to ${email}`);
    return app.fake.to(email)[0]!;
  }
  const leadOf = (email: string) => app.store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const pendingOf = async (leadId: number) =>
    app.store.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('lead_id', '=', leadId)
      .where('template', 'like', 'sequence:%')
      .execute();
  const path = (url: string) => new URL(url).pathname;
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.server.base}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
      redirect: 'manual',
    });
  const hook = (payload: unknown, options?: Parameters<typeof signedWebhook>[1]) => {
    const { body, headers } = signedWebhook(payload, options);
    return fetch(`${app.server.base}/api/webhooks/resend`, { method: 'POST', headers, body });
  };

  describe('one-click unsubscribe', () => {
    it('shows a button on GET, and changes nothing until it is pressed', async () => {
      const email = `page-${engine}@example.com`;
      const welcome = await welcomed(email);
      const link = path(/^<(.+)>$/.exec(welcome.headers['List-Unsubscribe']!)![1]!);
      const page = await fetch(`${app.server.base}${link}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Unsubscribe from our emails\?[\s\S]*<button type="submit">Unsubscribe<\/button>/);
      expect((await leadOf(email)).unsubscribed_at).toBeNull();

      const pressed = await post(link, 'action=unsubscribe', { Origin: app.server.base });
      expect(pressed.status).toBe(200);
      expect(await pressed.text()).toContain('You are unsubscribed');
      expect((await leadOf(email)).unsubscribed_at).toEqual(expect.any(Number));
    });

    it('unsubscribes at once on the RFC 8058 POST a mail client sends from its own servers, and lets the reader back in', async () => {
      const email = `one-click-${engine}@example.com`;
      const welcome = await welcomed(email);
      const link = path(/^<(.+)>$/.exec(welcome.headers['List-Unsubscribe']!)![1]!);
      expect(welcome.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

      expect((await post(link, 'List-Unsubscribe=One-Click')).status).toBe(200);
      const lead = await leadOf(email);
      expect(lead.unsubscribed_at).toEqual(expect.any(Number));
      // A stranger's page cannot sign the reader back up; the reader's own click on our page can.
      expect((await post(link, 'action=resubscribe', { Origin: 'https://evil.example' })).status).toBe(403);
      expect((await leadOf(email)).unsubscribed_at).not.toBeNull();
      const back = await post(link, 'action=resubscribe', { Origin: app.server.base });
      expect(await back.text()).toContain('Unsubscribe from our emails?');
      expect((await leadOf(email)).unsubscribed_at).toBeNull();
    });

    it('refuses a tampered link with 403', async () => {
      const welcome = await welcomed(`tamper-${engine}@example.com`);
      const link = path(/^<(.+)>$/.exec(welcome.headers['List-Unsubscribe']!)![1]!).replace(/u\.(\d+)\./, (_, id) => `u.${Number(id) + 1}.`);
      expect((await post(link, 'List-Unsubscribe=One-Click')).status).toBe(403);
    });
  });

  describe('POST /api/webhooks/resend', () => {
    it('suppresses the address everywhere on a hard bounce, skipping what was planned', async () => {
      const email = `bounce-${engine}@example.com`;
      const welcome = await welcomed(email);
      const { id: leadId } = await leadOf(email);
      expect((await pendingOf(leadId)).every((row) => row.status === 'pending')).toBe(true);

      const response = await hook({
        type: 'email.bounced',
        created_at: new Date().toISOString(),
        data: { email_id: welcome.id, to: [email], bounce: { type: 'Permanent', subType: 'General', message: 'mailbox does not exist' } },
      });
      expect(response.status).toBe(200);
      const lead = await leadOf(email);
      expect(lead.suppressed_reason).toBe('hard bounce');
      const rows = await pendingOf(leadId);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.status === 'skipped' && row.last_error === 'suppressed: hard bounce')).toBe(true);
      // A new signup of the address records the touch but sends nothing.
      await postSignup(app.server.base, signup(email, { magnet: 'five-email-nurture-templates' }));
      const [, magnetEmail] = (await waitFor(
        async () => {
          const rows = await app.store.db
            .selectFrom('outbox')
            .select(['template', 'status', 'last_error'])
            .where('lead_id', '=', leadId)
            .where('template', 'not like', 'sequence:%')
            .orderBy('id')
            .execute();
          return rows.length === 2 && rows.every((row) => row.status !== 'pending' && row.status !== 'sending') ? rows : undefined;
        },
        5_000,
        "the new signup's email to settle",
      ))!;
      expect(magnetEmail).toMatchObject({ status: 'skipped', last_error: 'suppressed: hard bounce' });
      expect(app.fake.to(email)).toHaveLength(1);
    });

    it('suppresses and unsubscribes on a complaint, and records delivered, opened and clicked', async () => {
      const email = `events-${engine}@example.com`;
      const welcome = await welcomed(email);
      for (const [type, extra] of [
        ['email.delivered', {}],
        ['email.opened', {}],
        ['email.clicked', { click: { link: 'https://lodestone.example/articles/speed-to-lead/' } }],
        ['email.complained', {}],
      ] as const) {
        const response = await hook({ type, created_at: new Date().toISOString(), data: { email_id: welcome.id, to: [email], ...extra } });
        expect(response.status, type).toBe(200);
      }
      const lead = await leadOf(email);
      const events = await app.store.db
        .selectFrom('email_events')
        .select(['type', 'detail', 'lead_id'])
        .where('provider_id', '=', welcome.id)
        .orderBy('id')
        .execute();
      expect(events).toEqual([
        { type: 'delivered', detail: null, lead_id: lead.id },
        { type: 'opened', detail: null, lead_id: lead.id },
        { type: 'clicked', detail: 'https://lodestone.example/articles/speed-to-lead/', lead_id: lead.id },
        { type: 'complained', detail: null, lead_id: lead.id },
      ]);
      expect(lead.suppressed_reason).toBe('complaint');
      expect(lead.unsubscribed_at).toEqual(expect.any(Number));
    });

    it("scores a click: the lead is due again at once, and the server's qualifier adds the click's points", async () => {
      const email = `clicks-${engine}@example.com`;
      const welcome = await welcomed(email);
      const { id } = await leadOf(email);
      await waitFor(async () => (await leadOf(email)).rescore_at === null, 5_000, 'the signup scored');
      expect((await leadOf(email)).score).toBe(0);

      const clicked = {
        type: 'email.clicked',
        created_at: new Date().toISOString(),
        data: { email_id: welcome.id, to: [email], click: { link: 'https://lodestone.example/' } },
      };
      expect((await hook(clicked)).status).toBe(200);
      // The shipped rules give a click in an email 5 points; behaviour fades, so the lead is due again tomorrow.
      const scored = await waitFor(
        async () => {
          const lead = await leadOf(email);
          return lead.score === 5 ? lead : undefined;
        },
        5_000,
        'the click scored',
      );
      expect(scored!.id).toBe(id);
      expect(scored!.rescore_at).toBeGreaterThan(Date.now());
    });

    it('acknowledges an event it does not use', async () => {
      const response = await hook({ type: 'contact.created', created_at: new Date().toISOString(), data: { id: 'c1', email: 'x@example.com' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ignored', type: 'contact.created' });
    });

    it.each([
      ['a forged signature', { secret: `whsec_${Buffer.from('someone-else-entirely-their-key').toString('base64')}` }],
      ['a timestamp ten minutes old', { timestamp: Date.now() - 10 * 60_000 }],
      ['a timestamp ten minutes ahead', { timestamp: Date.now() + 10 * 60_000 }],
    ])('refuses %s with 401 and records nothing', async (_, options) => {
      const before = await app.store.db.selectFrom('email_events').select('id').execute();
      const response = await hook(
        { type: 'email.delivered', created_at: new Date().toISOString(), data: { email_id: 'x', to: ['a@example.com'] } },
        options,
      );
      expect(response.status).toBe(401);
      expect(await app.store.db.selectFrom('email_events').select('id').execute()).toHaveLength(before.length);
    });

    it.each([
      ['null', null, undefined],
      ['a JSON string', 'hello', undefined],
      ['a body that is not JSON', undefined, '{"type": "email.delivered", '],
      ['an event without a type', { created_at: new Date().toISOString(), data: {} }, undefined],
      ['a bounce without data', { type: 'email.bounced', created_at: new Date().toISOString() }, undefined],
      ['a bounce whose recipients are not addresses', { type: 'email.bounced', data: { email_id: 'x', to: [5] } }, undefined],
      ['a click whose data is a list', { type: 'email.clicked', data: [] }, undefined],
    ])('refuses a correctly signed but malformed event (%s) with 400, records nothing and logs it', async (name, payload, rawBody) => {
      const id = `msg_malformed_${engine}_${name.replace(/\W+/g, '_')}`;
      const before = await app.store.db.selectFrom('email_events').select('id').execute();
      const { body, headers } = signedWebhook(payload, { id, ...(rawBody === undefined ? {} : { rawBody }) });
      const response = await fetch(`${app.server.base}/api/webhooks/resend`, { method: 'POST', headers, body });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/^The event is signed but malformed: /);
      expect(await app.store.db.selectFrom('email_events').select('id').execute()).toHaveLength(before.length);
      expect(await app.store.db.selectFrom('webhook_receipts').select('id').where('id', '=', id).execute()).toEqual([]);
      await waitFor(() => /"component":"webhooks\/resend","msg":"The event is signed but malformed/.test(app.server.output()), 2_000, 'the log line');
    });

    it('refuses a replay of a delivery it already took', async () => {
      const payload = { type: 'email.opened', created_at: new Date().toISOString(), data: { email_id: 'replayed', to: ['replay@example.com'] } };
      const first = signedWebhook(payload, { id: `msg_replay_${engine}` });
      const send = () => fetch(`${app.server.base}/api/webhooks/resend`, { method: 'POST', headers: first.headers, body: first.body });
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(409);
      expect(await app.store.db.selectFrom('email_events').select('id').where('provider_id', '=', 'replayed').execute()).toHaveLength(1);
    });
  });
});

describe('the webhook endpoint without RESEND_WEBHOOK_SECRET', () => {
  it('refuses every call', async () => {
    const answer = await handleResendWebhook(undefined as never, undefined, { payload: '{}', headers: new Headers() }, Date.now());
    expect(answer.status).toBe(503);
  });
});
