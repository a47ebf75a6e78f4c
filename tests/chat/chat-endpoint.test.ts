import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { NO_ANSWER } from '../../src/chat/chat-reply.ts';
import { ADMIN_PASSWORD, basic } from '../admin/admin-client.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from '../support/databases.ts';
import { LanguageModelFake } from '../support/language-model-fake.ts';
import { TEST_SECRET } from '../support/signup-client.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

const SCRIPT = 'lead-scoring';
/** The answers the shipped rules score highest, in the order the chat asks. */
const HOT = {
  role: 'Founder or owner',
  company_size: '11-50 people',
  budget: 'Over $10,000',
  timeline: 'This month',
  need: 'Knowing which leads to call first',
};

describe.each(engines)('POST /api/chat on %s', (engine) => {
  const receiver = new WebhookReceiver();
  const model = new LanguageModelFake((user) => (user.includes('BANT') ? 'BANT stands for Budget, Authority, Need and Timeline [1].' : 'NO_ANSWER'));
  let database: TestDatabase;
  let server: AppServer;
  let store: LeadStore;

  beforeAll(async () => {
    await receiver.start();
    await model.start();
    database = await createTestDatabase(engine);
    server = await startAppServer({
      DATABASE_URL: database.url,
      LODESTONE_SECRET: TEST_SECRET,
      ADMIN_PASSWORD,
      RATE_LIMIT: '6/min',
      CRM_WEBHOOK_URL: receiver.url,
      CRM_WEBHOOK_SECRET: CRM_SECRET,
      CHAT_LLM_BASE_URL: model.url,
      CHAT_LLM_API_KEY: 'sk-test-key',
      CHAT_LLM_MODEL: 'test-model',
    });
    store = database.open();
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.drop();
    await model.stop();
    await receiver.stop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.base}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.base, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const rows = async () => ({
    leads: await store.db.selectFrom('leads').select(['id', 'email']).execute(),
    chats: await store.db.selectFrom('chats').selectAll().execute(),
  });

  it('greets, then asks the next question of the script from the answers so far', async () => {
    const first = await post({ script: SCRIPT });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      title: 'Questions about lead scoring',
      greeting: expect.stringContaining('Ask me anything'),
      step: { kind: 'question', field: 'role', number: 1, options: expect.arrayContaining(['Founder or owner']) },
    });
    const branched = await post({ script: SCRIPT, answers: { role: 'Student or looking for work' }, transcript: [{ from: 'chat', text: 'Hi' }] });
    expect(await branched.json()).toEqual({ step: expect.objectContaining({ kind: 'question', field: 'need', number: 2 }) });
    const done = await post({ script: SCRIPT, answers: HOT, transcript: [{ from: 'chat', text: 'Hi' }] });
    expect(await done.json()).toEqual({
      step: { kind: 'contact', ask: expect.stringContaining('worksheet'), consent: expect.stringContaining('unsubscribe') },
    });
  });

  it('phrases an answer from the retrieved passages through the model, and links them', async () => {
    const response = await post({ script: SCRIPT, ask: 'What does BANT stand for?', transcript: [{ from: 'chat', text: 'Hi' }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { reply: { text: string; sources: { url: string; quote: string }[] } };
    expect(body.reply.text).toBe('BANT stands for Budget, Authority, Need and Timeline [1].');
    expect(body.reply.sources[0]).toMatchObject({ url: '/articles/lead-scoring-with-bant/' });
    const sent = model.requests.at(-1)!;
    expect(sent.authorization).toBe('Bearer sk-test-key');
    expect(sent.body.model).toBe('test-model');
    // The model is given the passages and told to use nothing else.
    expect(sent.body.messages[1]!.content).toContain(body.reply.sources[0]!.quote.slice(0, 60));
    expect(sent.body.messages[0]!.content).toContain('only the numbered passages');
  });

  it('quotes the passages when the model fails, and says plainly when the site has no answer', async () => {
    model.fail = true;
    const quoted = (await (await post({ script: SCRIPT, ask: 'What does BANT stand for?' })).json()) as {
      reply: { text: string; sources: unknown[] };
    };
    model.fail = false;
    expect(quoted.reply.text).toMatch(/^Here is what our guides? says?:$/);
    expect(quoted.reply.sources.length).toBeGreaterThan(0);
    const asked = model.requests.length;
    const none = (await (await post({ script: SCRIPT, ask: 'What is the weather in Paris tomorrow?' })).json()) as { reply: unknown };
    expect(none.reply).toEqual({ text: NO_ANSWER, sources: [] });
    expect(model.requests).toHaveLength(asked);
  });

  it.each<[string, unknown, Record<string, string>]>([
    ['an unknown chat', { script: 'nope' }, { script: 'is not a chat on this site' }],
    ['an answer that is not an option', { script: SCRIPT, answers: { role: 'King' } }, { role: 'Please choose one of the options.' }],
    [
      'an address before the questions are answered',
      { script: SCRIPT, answers: { role: 'Founder or owner' }, email: 'a@acme.example', consent: true },
      { answers: 'Answer the questions first.' },
    ],
    [
      'an address without consent',
      { script: SCRIPT, answers: HOT, email: 'b@acme.example', consent: false },
      { consent: 'Please tick the box to agree to receive our emails.' },
    ],
    ['a malformed address', { script: SCRIPT, answers: HOT, email: 'not an address', consent: true }, { email: expect.any(String) }],
    ['a question with a line break', { script: SCRIPT, ask: 'a\nb' }, { ask: 'must be one line without control characters' }],
    ['a transcript line from nobody', { script: SCRIPT, transcript: [{ from: 'admin', text: 'x' }] }, { transcript: expect.any(String) }],
  ])('answers %s with 422 and stores nothing', async (_, body, errors) => {
    const before = await rows();
    const response = await post(body);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ errors });
    expect(await rows()).toEqual(before);
  });

  it.each<[string, () => Promise<Response>, number]>([
    ['a cross-site post', () => post({ script: SCRIPT }, { Origin: 'https://evil.example' }), 403],
    ['another content type', () => post('script=lead-scoring', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415],
    ['an oversized body', () => post({ script: SCRIPT, ask: 'x'.repeat(70 * 1024) }), 413],
  ])('refuses %s', async (_, send, status) => {
    expect((await send()).status).toBe(status);
  });

  it('stores a hot conversation as a touch and a chat of the lead, and the scoring hands it to the CRM', async () => {
    const email = `ana-${engine}@northwind-freight.com`;
    const transcript = [
      { from: 'chat', text: 'Hi! Ask me anything about lead scoring.' },
      { from: 'visitor', text: 'Founder or owner' },
      { from: 'visitor', text: 'Is <script>alert(1)</script> in the worksheet?' },
    ];
    const response = await post({
      script: SCRIPT,
      answers: HOT,
      email,
      name: 'Ana',
      consent: true,
      page: '/lp/lead-scoring/meta-worksheet/',
      transcript,
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      status: 'accepted',
      say: expect.stringContaining('a short call would save you time'),
      link: { href: '/lp/scoring-review/', label: 'Book the free lead scoring review' },
    });
    expect(response.headers.getSetCookie().map((cookie) => cookie.split('=', 1)[0])).toEqual(['lodestone_download', 'lodestone_lead']);

    const lead = await store.db.selectFrom('leads').select(['id', 'name']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(lead.name).toBe('Ana');
    const touches = await store.db
      .selectFrom('touches')
      .select(['form', 'magnet', 'page', 'fields', 'consent', 'consent_text'])
      .where('lead_id', '=', lead.id)
      .execute();
    expect(touches).toEqual([
      {
        form: 'chat',
        magnet: 'lead-scoring-worksheet',
        page: '/lp/lead-scoring/meta-worksheet/',
        fields: JSON.stringify(HOT),
        consent: 1,
        consent_text: expect.stringContaining('Email me the lead scoring worksheet'),
      },
    ]);
    const chat = await store.db.selectFrom('chats').selectAll().where('lead_id', '=', lead.id).executeTakeFirstOrThrow();
    expect(chat).toMatchObject({ script: SCRIPT, outcome: 'sales-ready' });
    expect(JSON.parse(chat.transcript)).toEqual([...transcript, { from: 'chat', text: expect.stringContaining('a short call') }]);

    // The lead's page in the admin shows the conversation, every line escaped.
    const page = await (await fetch(`${server.base}/admin/leads/${lead.id}/`, { headers: { Authorization: basic() } })).text();
    const section = /<section class="chat-transcript"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain('the answers scored');
    expect(section).toMatch(/sales-ready/);
    expect(section).toContain('Hi! Ask me anything about lead scoring.');
    expect(section).toContain('Is &lt;script&gt;alert(1)&lt;/script&gt; in the worksheet?');
    expect(section).not.toContain('<script>');

    await waitFor(() => receiver.verified.length === 1, 5_000, 'the hand-off at the CRM');
    expect(receiver.verified[0]).toMatchObject({ data: { lead: { id: lead.id, email }, answers: HOT } });
    await waitFor(
      async () => (await store.db.selectFrom('leads').select('status').where('id', '=', lead.id).executeTakeFirst())?.status === 'sales-ready',
      5_000,
      'the lead scored sales-ready',
    );
  });

  it('answers a bot like a success and stores nothing, then holds signups to the rate limit', async () => {
    const before = await rows();
    const bot = await post({ script: SCRIPT, answers: HOT, email: `bot-${engine}@acme.example`, consent: true, website: 'http://spam.example' });
    expect(bot.status).toBe(202);
    expect(await rows()).toEqual(before);
    // RATE_LIMIT is 6/min, counted as on the forms before the input is checked: the three refused
    // addresses above, the hot signup, the bot and this one; the next is refused.
    expect(
      (
        await post({
          script: SCRIPT,
          answers: { role: 'Student or looking for work', need: 'Just learning' },
          email: `kim-${engine}@gmail.com`,
          consent: true,
        })
      ).status,
    ).toBe(202);
    const limited = await post({ script: SCRIPT, answers: HOT, email: `lee-${engine}@acme.example`, consent: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Questions are not signups: they still get answers.
    expect((await post({ script: SCRIPT })).status).toBe(200);
  });
});

describe('POST /api/chat under BEACON_RATE_LIMIT', () => {
  let database: TestDatabase;
  let server: AppServer;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, BEACON_RATE_LIMIT: '2/min' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('answers at most that many chat messages a client address sends, then 429 with Retry-After', async () => {
    const ask = () =>
      fetch(`${server.base}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.base },
        body: JSON.stringify({ script: SCRIPT, ask: 'What does BANT stand for?' }),
      });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
