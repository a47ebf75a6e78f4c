import { describe, expect, it } from 'vitest';
import { LEAD_COOKIE, sealLeadCookie } from '../../src/leads/lead-cookie.ts';
import { useCrmHarness } from '../support/crm-harness.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

const MAGNET = 'lead-scoring-worksheet';
const THANKS = `/thanks/${MAGNET}/`;
const FORM = 'application/x-www-form-urlencoded';

/** The `name=value` of each cookie a response sets. */
function cookiesOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.getSetCookie().map((line) => line.split(';', 1)[0]!.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

/** The names of the selects a page asks, in order, and whether it asks for the address. */
function questionsOn(html: string): { selects: string[]; asksEmail: boolean } {
  const profile = /<section class="profile"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return {
    selects: [...profile.matchAll(/<select [^>]*name="([^"]+)"/g)].map((match) => match[1]!),
    asksEmail: /name="email" type="email"/.test(profile),
  };
}

describe.each(engines)('progressive profiling through POST /api/leads on %s', (engine) => {
  const crm = useCrmHarness(engine);

  const thanksPage = (cookie?: string, query = '') =>
    fetch(`${crm.server.base}${THANKS}${query}`, { headers: cookie ? { Cookie: cookie } : {} }).then(async (response) => ({
      status: response.status,
      headers: response.headers,
      html: await response.text(),
    }));
  const answer = (fields: Record<string, string>, { cookie, json = false }: { cookie?: string; json?: boolean } = {}) =>
    postSignup(
      crm.server.base,
      json ? { profile: MAGNET, ...fields } : new URLSearchParams({ profile: MAGNET, page: THANKS, ...fields }).toString(),
      {
        type: json ? 'application/json' : FORM,
        headers: cookie ? { Cookie: cookie } : {},
      },
    );
  const leadOf = (email: string) =>
    crm.store.db.selectFrom('leads').select(['id', 'status', 'score', 'rescore_at']).where('email', '=', email).executeTakeFirst();
  const touchesOf = (leadId: number) =>
    crm.store.db.selectFrom('touches').select(['form', 'magnet', 'page', 'fields', 'consent']).where('lead_id', '=', leadId).orderBy('id').execute();
  /** The lead once the qualifier has scored everything it has. */
  const scored = (email: string) =>
    waitFor(
      async () => {
        const lead = await leadOf(email);
        return lead && (lead.rescore_at === null || lead.rescore_at > Date.now()) ? lead : undefined;
      },
      5_000,
      `${email} scored`,
    );
  const signUp = async (email: string, extra: Record<string, unknown> = {}) => {
    const response = await postSignup(crm.server.base, signup(email, { magnet: MAGNET, company_size: '11-50 people', ...extra }));
    expect(response.status).toBe(202);
    const cookie = cookiesOf(response)[LEAD_COOKIE];
    expect(cookie).toBeDefined();
    return `${LEAD_COOKIE}=${cookie}`;
  };

  it('asks what the signup did not, takes the answers as a touch of the same lead, and hands it to the CRM once it is sales-ready', async () => {
    const email = `pat-${engine}@acme-logistics.com`;
    const cookie = await signUp(email);
    const before = (await scored(email))!;
    expect(before).toMatchObject({ status: 'new', score: 15 });

    // The worksheet form asked the company size: the three questions worth most besides it.
    const page = await thanksPage(cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(questionsOn(page.html)).toEqual({ selects: ['role', 'budget', 'timeline'], asksEmail: false });

    const started = Date.now();
    const response = await answer({ role: 'Founder or owner', budget: 'Over $10,000', timeline: 'This month' }, { cookie });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${THANKS}?answered`);
    const touches = await touchesOf(before.id);
    expect(touches).toHaveLength(2);
    expect(touches[1]).toEqual({
      form: 'profile',
      magnet: MAGNET,
      page: THANKS,
      fields: JSON.stringify({ role: 'Founder or owner', budget: 'Over $10,000', timeline: 'This month' }),
      consent: 0,
    });

    await waitFor(() => crm.receiver.received.length === 1, 5_000, 'the hand-off at the CRM');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await leadOf(email)).toMatchObject({ status: 'sales-ready', score: 65 });
    expect(crm.receiver.verified).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          lead: expect.objectContaining({ id: before.id, email }),
          answers: { company_size: '11-50 people', role: 'Founder or owner', budget: 'Over $10,000', timeline: 'This month' },
          // The attribution is the signup's: the profiling touch adds answers, not a visit.
          attribution: expect.objectContaining({ last_touch: expect.objectContaining({ form: 'magnet', magnet: MAGNET }) }),
        }),
      }),
    ]);

    // Answered: the page thanks the reader and asks nothing more; later it asks only what is left.
    const answered = await thanksPage(cookie, '?answered');
    expect(answered.html).toContain('Thanks for your answers');
    expect(questionsOn(answered.html).selects).toEqual([]);
    expect(questionsOn((await thanksPage(cookie)).html).selects).toEqual(['need']);
  });

  it('asks a browser without the cookie for the address, and adds the answers to that lead only if it is known', async () => {
    const email = `sam-${engine}@example.org`;
    await signUp(email);
    const lead = (await scored(email))!;
    const page = await thanksPage();
    expect(questionsOn(page.html)).toEqual({ selects: ['role', 'budget', 'timeline'], asksEmail: true });

    const known = await answer({ email: ` ${email.toUpperCase()} `, timeline: 'Within 3 months' }, { json: true });
    expect(known.status).toBe(202);
    const unknown = await answer({ email: `nobody-${engine}@example.org`, timeline: 'Within 3 months' }, { json: true });
    expect(unknown.status).toBe(202);
    // The same answer either way: the form cannot tell anyone whether an address is on the list.
    expect(await unknown.json()).toEqual(await known.json());
    expect((await touchesOf(lead.id)).map((touch) => touch.form)).toEqual(['magnet', 'profile']);
    expect(await leadOf(`nobody-${engine}@example.org`)).toBeUndefined();
    expect(await scored(email)).toMatchObject({ score: 15 + 10 });
  });

  it('asks again what the lead answered before this browser signed up: the page never shows what the list knows', async () => {
    const email = `kim-${engine}@example.net`;
    await signUp(email, { company_size: '' });
    const lead = (await scored(email))!;
    await answer({ email, role: 'Consultant or agency' }, { json: true });
    // Another browser, later: a new signup of the same address.
    const cookie = await signUp(email, { company_size: '' });
    expect(questionsOn((await thanksPage(cookie)).html).selects).toEqual(['role', 'budget', 'timeline']);
    expect((await touchesOf(lead.id)).map((touch) => touch.form)).toEqual(['magnet', 'profile', 'magnet']);
  });

  it.each([
    ['an option the question does not have', { role: 'King' }, { role: 'Please choose one of the options.' }],
    ['no answer at all', { role: '' }, { profile: 'Choose an answer to at least one question.' }],
    ['an offer that does not exist', { profile: 'no-such-guide', role: 'Founder or owner' }, { profile: 'is not an offer on this site' }],
  ])('refuses %s with 422 and stores nothing', async (_case, fields, errors) => {
    const email = `refused-${engine}-${Object.keys(errors)[0]}-${Object.values(fields).join('').length}@example.com`;
    const cookie = await signUp(email);
    const lead = (await scored(email))!;
    const response = await answer(fields, { cookie, json: true });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors });
    expect(await touchesOf(lead.id)).toHaveLength(1);
  });

  it('shows a reader without JavaScript the questions again, with the mistake beside its field, and no consent box', async () => {
    const cookie = await signUp(`nojs-${engine}@example.com`);
    const response = await answer({ budget: 'A million' }, { cookie });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Please choose one of the options.');
    expect(html).toContain(`<input type="hidden" name="profile" value="${MAGNET}">`);
    expect(html).not.toContain('name="consent"');
    expect(html).not.toContain('name="email"');
  });

  it('takes a forged or foreign cookie for no cookie: the address is asked for', async () => {
    const email = `forged-${engine}@example.com`;
    await signUp(email);
    const lead = (await scored(email))!;
    const foreign = sealLeadCookie(`${TEST_SECRET}-another-site`, { leadId: lead.id, since: 0, expiresAt: Date.now() + 60_000 });
    const response = await answer({ role: 'Founder or owner' }, { cookie: `${LEAD_COOKIE}=${foreign}`, json: true });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors: { email: 'Enter your email address.' } });
    expect(questionsOn((await thanksPage(`${LEAD_COOKIE}=${foreign}`)).html).asksEmail).toBe(true);
    expect(await touchesOf(lead.id)).toHaveLength(1);
  });

  it('sets the lead cookie with the download cookie on a signup, HttpOnly for the whole site', async () => {
    const response = await postSignup(crm.server.base, signup(`cookies-${engine}@example.com`, { magnet: MAGNET }));
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.startsWith(`${LEAD_COOKIE}=`))).toMatch(/; Path=\/; Max-Age=7776000; HttpOnly; SameSite=Lax$/);
    expect(lines.find((line) => line.startsWith('lodestone_download='))).toMatch(/Path=\/download\//);
  });

  it('answers 404 for the thank-you page of an offer that does not exist', async () => {
    expect((await fetch(`${crm.server.base}/thanks/no-such-guide/`)).status).toBe(404);
  });
});
