import { describe, expect, it } from 'vitest';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup, stamp, type PostOptions } from '../support/signup-client.ts';
import { STAMP_LIFETIME_MS } from '../../src/leads/form-stamp.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { waitForOutboxIdle } from '../support/outbox-idle.ts';
import { touchesOf } from '../support/lead-rows.ts';

describe.each(engines)('POST /api/leads on %s', (engine) => {
  const app = useAppHarness(engine);

  const leadCount = async () =>
    Number(
      (
        await app.store.db
          .selectFrom('leads')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('accepts a new lead with 202, stores it normalised with its touch, and sends the first email within 2 seconds', async () => {
    const started = Date.now();
    const response = await postSignup(
      app.server.base,
      signup('  New.Reader@Example.COM ', {
        name: 'Ada Lovelace',
        page: '/articles/speed-to-lead/',
        utm_source: 'google',
        utm_medium: 'cpc',
        utm_campaign: 'spring',
        gclid: 'Cj0KCQ-abc_123',
        referrer: 'https://www.google.com/',
      }),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'accepted', message: 'Thanks! Check your inbox in a minute.' });

    const lead = await app.store.db.selectFrom('leads').selectAll().where('email', '=', 'new.reader@example.com').executeTakeFirst();
    expect(lead).toMatchObject({ name: 'Ada Lovelace', status: 'new' });
    const [touch] = await touchesOf(app.store, 'new.reader@example.com');
    expect(touch).toMatchObject({
      form: 'newsletter',
      page: '/articles/speed-to-lead/',
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'spring',
      gclid: 'Cj0KCQ-abc_123',
      consent: 1,
      emailed: 1,
    });
    expect(touch!.consent_text).toMatch(/unsubscribe/);

    const [delivery] = (await waitFor(
      () => (app.fake.to('new.reader@example.com').length ? app.fake.to('new.reader@example.com') : undefined),
      2_000,
      'the first email',
    ))!;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(delivery!.subject).toMatch(/Welcome to Lodestone/);
    expect(delivery!.text).toContain('Hi Ada,');
    // The request's own key: the row's key and a fresh part, so a request made anew is never mistaken for an earlier one.
    expect(delivery!.idempotencyKey).toMatch(/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  });

  it('answers a known address exactly like a new one, adds a touch, and neither adds a lead nor emails again', async () => {
    const first = await postSignup(app.server.base, signup('twice@example.com'));
    await waitFor(() => app.fake.to('twice@example.com').length === 1, 2_000, 'the first email');
    const again = await postSignup(app.server.base, signup('TWICE@example.com', { utm_source: 'newsletter' }));

    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', 'twice@example.com').execute()).toHaveLength(1);
    expect((await touchesOf(app.store, 'twice@example.com')).map((touch) => touch.utm_source)).toEqual([null, 'newsletter']);
    await waitForOutboxIdle(app.store);
    expect(app.fake.to('twice@example.com')).toHaveLength(1);
  });

  it('redirects an HTML form post with 303 to the thank-you page, whatever the form asks for', async () => {
    const response = await postSignup(
      app.server.base,
      { ...signup('form@example.com'), consent: 'on', redirect: 'https://evil.example/', next: '//evil.example' },
      { type: 'application/x-www-form-urlencoded' },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/thanks/');
  });

  it('answers a fetch() of multipart form data with 202 JSON', async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...signup('multipart@example.com'), consent: 'on' })) form.set(key, String(value));
    const response = await fetch(`${app.server.base}/api/leads`, {
      method: 'POST',
      body: form,
      headers: { Origin: app.server.base, Accept: 'application/json' },
    });
    expect(response.status).toBe(202);
    expect(await leadCount()).toBeGreaterThan(0);
    expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', 'multipart@example.com').executeTakeFirst()).toBeDefined();
  });

  it('keeps SQL- and HTML-shaped values as plain text', async () => {
    const name = `Robert'); DROP TABLE leads;-- <script>alert(1)</script>`;
    expect((await postSignup(app.server.base, signup('bobby@example.com', { name: name.slice(0, 100) }))).status).toBe(202);
    const lead = await app.store.db.selectFrom('leads').select('name').where('email', '=', 'bobby@example.com').executeTakeFirstOrThrow();
    expect(lead.name).toBe(name.slice(0, 100));
    expect(await leadCount()).toBeGreaterThan(1);
  });

  it('stores an internationalised domain in its ASCII form', async () => {
    expect((await postSignup(app.server.base, signup('Jörg@Bücher.example'))).status).toBe(422);
    expect((await postSignup(app.server.base, signup('joerg@Bücher.example'))).status).toBe(202);
    expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', 'joerg@xn--bcher-kva.example').executeTakeFirst()).toBeDefined();
  });

  describe('refuses bad input with 422 naming the field, and stores nothing', () => {
    it.each([
      ['malformed JSON', '{"email": "a@example.com",', 'body'],
      ['a JSON array', '[1,2,3]', 'body'],
      ['an email that is a number', { email: 5 }, 'email'],
      ['a missing email', { email: undefined }, 'email'],
      ['an address without a domain', { email: 'someone@' }, 'email'],
      ['an emoji before the @', { email: '😀@example.com' }, 'email'],
      ['an HTML-shaped address', { email: '<script>@example.com' }, 'email'],
      ['CR/LF in the name', { name: 'Eve\r\nBcc: everyone@example.com' }, 'name'],
      ['a 10 KB name', { name: 'x'.repeat(10_240) }, 'name'],
      ['a name that is an object', { name: { first: 'Eve' } }, 'name'],
      ['consent that is neither yes nor no', { consent: 'maybe' }, 'consent'],
      ['missing consent', { consent: false }, 'consent'],
      ['a page that is another site', { page: '//evil.example/' }, 'page'],
      ['an unknown magnet', { magnet: 'no-such-magnet' }, 'magnet'],
    ])('%s', async (_, change, field) => {
      const before = await leadCount();
      const email = `bad-${field}-${Math.random().toString(36).slice(2)}@example.com`;
      const body = typeof change === 'string' ? change : { ...signup(email), ...change };
      const response = await postSignup(app.server.base, body);
      expect(response.status).toBe(422);
      const { errors } = (await response.json()) as { errors: Record<string, string> };
      expect(Object.keys(errors)).toContain(field);
      expect(errors[field]).toMatch(/\w{3,}/);
      expect(await leadCount()).toBe(before);
    });
  });

  describe('refuses requests that are not signups from this site', () => {
    it.each([
      ['another origin', 403, { origin: 'https://evil.example' }],
      ['no Origin and no Referer', 403, { origin: null }],
      ['Origin null (sandboxed frame)', 403, { origin: 'null' }],
      ['another origin with a parameterised JSON type', 403, { origin: 'https://evil.example', type: 'application/json; charset=utf-8' }],
      ['a foreign Referer and no Origin', 403, { origin: null, headers: { Referer: 'https://evil.example/page' } }],
      ['text/plain', 415, { type: 'text/plain' }],
      ['text/plain smuggling a JSON type as a parameter', 415, { type: 'text/plain; application/json' }],
      ['an unknown type', 415, { type: 'application/xml' }],
    ])('%s → %i', async (_, status, options) => {
      const before = await leadCount();
      const response = await postSignup(app.server.base, JSON.stringify(signup(`refused-${status}@example.com`)), options);
      expect(response.status).toBe(status);
      expect(await leadCount()).toBe(before);
    });

    it('answers a mangled Host header with 403, not an error', async () => {
      const { request } = await import('node:http');
      const url = new URL(app.server.base);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/api/leads',
            method: 'POST',
            headers: { Host: 'bad host^', Origin: 'http://bad host^', 'Content-Type': 'application/json' },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(signup('host@example.com')));
      });
      expect([400, 403]).toContain(status);
    });

    it('accepts a same-site Referer when the browser sent no Origin', async () => {
      const response = await postSignup(app.server.base, signup('referer@example.com'), {
        origin: null,
        headers: { Referer: `${app.server.base}/articles/what-is-a-lead/` },
      });
      expect(response.status).toBe(202);
    });

    it('answers a 2 MB body with 413', async () => {
      const response = await postSignup(app.server.base, JSON.stringify({ ...signup('huge@example.com'), name: 'x'.repeat(2 * 1024 * 1024) }));
      expect(response.status).toBe(413);
      expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', 'huge@example.com').executeTakeFirst()).toBeUndefined();
    });
  });

  describe('answers bots like a success but stores and sends nothing', () => {
    it.each([
      ['a filled honeypot', () => ({ website: 'https://spam.example' })],
      ['a stamp signed with another secret', () => ({ stamp: stamp(5_000, 'another-secret-another-secret-another-secret') })],
      ['a made-up stamp', () => ({ stamp: '1700000000000.forged' })],
    ])('%s', async (_, change) => {
      const email = `bot-${Math.random().toString(36).slice(2)}@example.com`;
      const response = await postSignup(app.server.base, { ...signup(email), ...change() });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: 'accepted', message: 'Thanks! Check your inbox in a minute.' });
      await waitForOutboxIdle(app.store);
      expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
      expect(app.fake.to(email)).toHaveLength(0);
    });
  });

  it('accepts a signup without a stamp: a reader with JavaScript off', async () => {
    const response = await postSignup(
      app.server.base,
      { ...signup('no-js@example.com'), consent: 'on', stamp: '' },
      { type: 'application/x-www-form-urlencoded' },
    );
    expect(response.status).toBe(303);
    expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', 'no-js@example.com').executeTakeFirst()).toBeDefined();
  });

  it('makes one lead and one email from 50 concurrent signups of one address', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => postSignup(app.server.base, signup('rush@example.com'))));
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(202));
    expect(await app.store.db.selectFrom('leads').select('id').where('email', '=', 'rush@example.com').execute()).toHaveLength(1);
    expect(await touchesOf(app.store, 'rush@example.com')).toHaveLength(50);
    await waitFor(() => app.fake.to('rush@example.com').length === 1, 3_000, 'the one email');
    await waitForOutboxIdle(app.store);
    expect(app.fake.to('rush@example.com')).toHaveLength(1);
  });

  it('stores 200 concurrent distinct signups and emails each lead once', async () => {
    const emails = Array.from({ length: 200 }, (_, index) => `crowd-${index}@example.com`);
    const responses = await Promise.all(emails.map((email) => postSignup(app.server.base, signup(email))));
    expect(responses.filter((response) => response.status === 202)).toHaveLength(200);
    const stored = await app.store.db.selectFrom('leads').select('email').where('email', 'like', 'crowd-%').execute();
    expect(stored).toHaveLength(200);
    await waitFor(() => emails.every((email) => app.fake.to(email).length === 1), 10_000, '200 first emails');
    expect(emails.filter((email) => app.fake.to(email).length !== 1)).toEqual([]);
  });

  describe('a signup sent faster than a person types (autofill, a password manager)', () => {
    const SINGLE = 'lead-scoring-worksheet';
    const outboxOf = (email: string) =>
      app.store.db
        .selectFrom('outbox')
        .innerJoin('leads', 'leads.id', 'outbox.lead_id')
        .select('outbox.template')
        .where('leads.email', '=', email)
        .orderBy('outbox.id')
        .execute();

    it('keeps the lead, flags the touch, and sends a confirmation; the magnet follows the click', async () => {
      const email = `fast-magnet-${engine}@example.com`;
      const response = await postSignup(app.server.base, signup(email, { magnet: SINGLE, stamp: stamp(300) }));
      expect(response.status).toBe(202);
      expect(await touchesOf(app.store, email)).toMatchObject([{ form: 'magnet', magnet: SINGLE, screening: 'too-fast', emailed: 1 }]);
      const [confirmation] = (await waitFor(() => (app.fake.to(email).length ? app.fake.to(email) : undefined), 3_000, 'the confirmation'))!;
      expect(confirmation!.subject).toBe('Confirm your address to get the lead scoring worksheet');
      // The magnet's sequence waits for the confirmation too.
      expect((await outboxOf(email)).map((row) => row.template)).toEqual(['magnet-confirm']);
    });

    it('keeps a fast newsletter signup and asks for a confirmation; the welcome and its sequence follow the button press', async () => {
      const email = `fast-newsletter-${engine}@example.com`;
      expect((await postSignup(app.server.base, signup(email, { stamp: stamp(300) }))).status).toBe(202);
      expect(await touchesOf(app.store, email)).toMatchObject([{ form: 'newsletter', screening: 'too-fast', emailed: 1 }]);
      const [confirmation] = (await waitFor(() => (app.fake.to(email).length ? app.fake.to(email) : undefined), 3_000, 'the confirmation'))!;
      expect(confirmation!.subject).toBe('Confirm your address to get the Lodestone guides');
      expect((await outboxOf(email)).map((row) => row.template)).toEqual(['newsletter-confirm']);
      const confirmPath = /https?:\/\/\S+(\/confirm\/[\w.-]+)/.exec(confirmation!.text)![1]!;
      const page = (method: 'GET' | 'POST') =>
        fetch(`${app.server.base}${confirmPath}`, { method, headers: method === 'POST' ? { Origin: app.server.base } : {} });

      // Opening the link (as a mail scanner does) changes nothing.
      const asked = await page('GET');
      expect(asked.status).toBe(200);
      expect(await asked.text()).toContain('Confirm my address');
      expect((await outboxOf(email)).map((row) => row.template)).toEqual(['newsletter-confirm']);

      const confirmed = await page('POST');
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('Thanks, you are confirmed');
      await waitFor(() => app.fake.to(email).length === 2, 3_000, 'the welcome email');
      expect(app.fake.to(email)[1]!.subject).toBe('Welcome to Lodestone: three guides to start with');
      expect((await outboxOf(email)).map((row) => row.template)).toEqual([
        'newsletter-confirm',
        'welcome',
        expect.stringMatching(/^sequence:welcome\//),
      ]);
      const lead = await app.store.db.selectFrom('leads').select('confirmed_at').where('email', '=', email).executeTakeFirstOrThrow();
      expect(lead.confirmed_at).toEqual(expect.any(Number));

      // Pressed again, or opened again: still one welcome, and the page says it is done.
      expect((await page('POST')).status).toBe(200);
      expect(await (await page('GET')).text()).toContain('Your address is confirmed');
      await waitForOutboxIdle(app.store);
      expect((await outboxOf(email)).map((row) => row.template)).toEqual([
        'newsletter-confirm',
        'welcome',
        expect.stringMatching(/^sequence:welcome\//),
      ]);
      expect(app.fake.to(email)).toHaveLength(2);
    });

    it('takes a stamp past its lifetime as no stamp at all: the reader signs up as usual', async () => {
      const email = `old-tab-${engine}@example.com`;
      expect((await postSignup(app.server.base, signup(email, { magnet: SINGLE, stamp: stamp(STAMP_LIFETIME_MS + 60_000) }))).status).toBe(202);
      expect(await touchesOf(app.store, email)).toMatchObject([{ screening: null, emailed: 1 }]);
      expect((await outboxOf(email)).map((row) => row.template)).toEqual(['magnet', expect.stringMatching(/^sequence:/)]);
    });
  });

  describe('answers every accepted magnet signup alike: status, body and headers, cookie included', () => {
    const SINGLE = 'lead-scoring-worksheet';
    const DOUBLE = 'message-match-checklist';

    /** All a visitor can read of an answer; the cookie's value is reduced to its length and alphabet, and Date dropped. */
    async function visible(response: Response) {
      const headers = [...response.headers]
        // Per request, whoever signs up: the date and the request's id (src/ops/request-log.ts).
        .filter(([name]) => name !== 'date' && name !== 'x-request-id')
        .map(([name, value]) => [
          name,
          name === 'set-cookie'
            ? value.replace(/^(\w+)=([^;]*)/, (_, cookie, v: string) => `${cookie}=<${v.length} ${/^[\w-]*$/.test(v) ? 'base64url' : 'other'}>`)
            : value,
        ]);
      return { status: response.status, body: await response.text(), headers };
    }

    const unique = () => Math.random().toString(36).slice(2);
    const confirm = (email: string) => app.store.db.updateTable('leads').set({ confirmed_at: Date.now() }).where('email', '=', email).execute();
    /** A lead already on the list, as each case needs it. */
    async function known(magnet: string, confirmed: boolean): Promise<string> {
      const email = `known-${unique()}@example.com`;
      expect((await postSignup(app.server.base, signup(email, { magnet }))).status).toBe(202);
      if (confirmed) await confirm(email);
      return email;
    }

    const cases: [string, (magnet: string) => Promise<Record<string, unknown>>][] = [
      ['a new address', async () => ({ email: `new-${unique()}@example.com` })],
      ['a known address', async (magnet) => ({ email: await known(magnet, false) })],
      ['a known, confirmed address', async (magnet) => ({ email: await known(magnet, true) })],
      ['a filled honeypot', async () => ({ email: `bot-${unique()}@example.com`, website: 'https://spam.example' })],
      ['a forged stamp', async () => ({ email: `bot-${unique()}@example.com`, stamp: stamp(5_000, 'another-secret-another-secret-another-secret') })],
      ['a signup sent in 300 ms', async () => ({ email: `fast-${unique()}@example.com`, stamp: stamp(300) })],
      ['a stamp past its lifetime', async () => ({ email: `old-${unique()}@example.com`, stamp: stamp(STAMP_LIFETIME_MS + 1_000) })],
    ];

    it.each([
      ['single opt-in, JSON', SINGLE, {}],
      ['single opt-in, HTML form', SINGLE, { type: 'application/x-www-form-urlencoded' }],
      ['double opt-in, JSON', DOUBLE, {}],
      ['double opt-in, HTML form', DOUBLE, { type: 'application/x-www-form-urlencoded' }],
    ] as [string, string, PostOptions][])('%s', async (_, magnet, options) => {
      const answers = [];
      for (const [name, make] of cases) {
        const response = await postSignup(app.server.base, signup('', { magnet, ...(await make(magnet)) }), options);
        answers.push({ case: name, ...(await visible(response)) });
      }
      const [first] = answers;
      // Opaque: one length of base64url, whatever lead it stands for.
      expect(first!.headers).toContainEqual(['set-cookie', expect.stringMatching(/^lodestone_download=<\d+ base64url>;/)]);
      for (const answer of answers) expect(answer).toEqual({ ...first, case: answer.case });
    });

    it('lets the cookie decide: the file under single opt-in, under double opt-in only once confirmed', async () => {
      const cookieOf = async (body: Record<string, unknown>) => (await postSignup(app.server.base, body)).headers.get('set-cookie')!.split(';')[0]!;
      const download = (magnet: string, cookie: string) => fetch(`${app.server.base}/download/${magnet}`, { headers: { Cookie: cookie } });

      for (const body of [
        signup(`file-${unique()}@example.com`, { magnet: SINGLE }),
        signup(`file-${unique()}@example.com`, { magnet: SINGLE, stamp: stamp(300) }),
        signup(`file-${unique()}@example.com`, { magnet: SINGLE, website: 'https://spam.example' }),
      ]) {
        const response = await download(SINGLE, await cookieOf(body));
        expect(response.headers.get('content-type')).toBe('application/pdf');
      }

      const waiting = `waiting-${unique()}@example.com`;
      const cookie = await cookieOf(signup(waiting, { magnet: DOUBLE }));
      const held = await download(DOUBLE, cookie);
      expect(held.status).toBe(403);
      expect(await held.text()).toContain('Confirm your address first');
      const bot = await download(DOUBLE, await cookieOf(signup(`bot-${unique()}@example.com`, { magnet: DOUBLE, website: 'x' })));
      expect(bot.status).toBe(403);
      await confirm(waiting);
      expect((await download(DOUBLE, cookie)).headers.get('content-type')).toBe('application/pdf');
    });
  });
});
