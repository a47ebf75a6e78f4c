import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LEAD_COOKIE, leadCookie } from '../../src/leads/lead-cookie.ts';
import { DAY_MS } from '../../src/scoring/lead-events.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

const today = () => Math.floor(Date.now() / DAY_MS) * DAY_MS;

describe.each(engines)('POST /api/events, the page-view beacon, on %s', (engine) => {
  const app = useAppHarness(engine);

  /** Posts a beacon as a page of the site would (sendBeacon with a string: text/plain), unless told otherwise. */
  const beacon = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(`${app.server.base}/api/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: app.server.base, ...headers },
      body,
    });
  const viewsOf = async (path: string) =>
    (await app.store.db.selectFrom('page_view_counts').select('views').where('path', '=', path).where('day', '=', today()).executeTakeFirst())
      ?.views ?? 0;
  const allCounts = () => app.store.db.selectFrom('page_view_counts').selectAll().orderBy('path').execute();
  const allViews = () => app.store.db.selectFrom('page_views').selectAll().orderBy('id').execute();
  const leadOf = (email: string) => app.store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

  /** A lead that signed up with consent and has been scored once, and the lead cookie its signup set. */
  async function consentingLead(email: string) {
    const signedUp = await postSignup(app.server.base, signup(email));
    expect(signedUp.status).toBe(202);
    const cookie = signedUp.headers.getSetCookie().find((line) => line.startsWith(`${LEAD_COOKIE}=`));
    expect(cookie).toBeDefined();
    const lead = await waitFor(
      async () => {
        const row = await leadOf(email);
        return row.rescore_at === null ? row : undefined;
      },
      5_000,
      `${email} scored after signing up`,
    );
    expect(lead!.score).toBe(0);
    return { id: lead!.id, cookie: cookie!.split(';', 1)[0]! };
  }
  const scoreReaches = (email: string, score: number) =>
    waitFor(async () => ((await leadOf(email)).score === score ? true : undefined), 5_000, `${email} scoring ${score}`);

  it('counts an anonymous view of a known page per day, and ties it to no one', async () => {
    const before = await viewsOf('/articles/speed-to-lead/');
    for (const path of ['/articles/speed-to-lead/', '/articles/speed-to-lead', '/articles/speed-to-lead/index.html']) {
      const answer = await beacon(path);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('set-cookie')).toBeNull();
      // HTTP forbids a Content-Length on a 204.
      expect(answer.headers.get('content-length')).toBeNull();
    }
    expect(await viewsOf('/articles/speed-to-lead/')).toBe(before + 3);
    expect(await allViews()).toEqual([]);
  });

  it("ties a consenting lead's view of the review offer to the lead: the score moves by the offer's 10 points", async () => {
    const email = `offer-${engine}@example.com`;
    const { id, cookie } = await consentingLead(email);
    const before = await viewsOf('/lp/scoring-review/meta-review/');
    expect((await beacon('/lp/scoring-review/meta-review/', { Cookie: cookie })).status).toBe(204);
    await scoreReaches(email, 10);
    expect(await viewsOf('/lp/scoring-review/meta-review/')).toBe(before + 1);
    expect(await allViews()).toEqual([
      { id: expect.any(Number), lead_id: id, path: '/lp/scoring-review/meta-review/', tags: null, created_at: expect.any(Number) },
    ]);

    // An article's tags come from the built page, not from the client: +5 Lead scoring, +5 Sales handoff.
    expect((await beacon('/articles/lead-scoring-with-bant/', { Cookie: cookie })).status).toBe(204);
    await scoreReaches(email, 20);
    const views = await app.store.db.selectFrom('page_views').select(['path', 'tags']).where('lead_id', '=', id).orderBy('id').execute();
    expect(views.at(-1)).toEqual({
      path: '/articles/lead-scoring-with-bant/',
      tags: JSON.stringify(['Lead scoring', 'Qualification', 'Sales handoff']),
    });
  });

  it('gives a return visit for a view on another day than the first', async () => {
    const email = `returns-${engine}@example.com`;
    const { id, cookie } = await consentingLead(email);
    // What is a lead? is tagged Lead basics, Qualification, Measurement: no page rule fires, only the return visit will.
    expect((await beacon('/articles/what-is-a-lead/', { Cookie: cookie })).status).toBe(204);
    await waitFor(async () => ((await leadOf(email)).rescore_at === null ? true : undefined), 5_000, 'the first view scored');
    expect((await leadOf(email)).score).toBe(0);
    await app.store.db
      .updateTable('page_views')
      .set({ created_at: sql`created_at - ${2 * DAY_MS}` })
      .where('lead_id', '=', id)
      .execute();
    expect((await beacon('/articles/what-is-a-lead/', { Cookie: cookie })).status).toBe(204);
    await scoreReaches(email, 5);
  });

  it.each([
    ['Sec-GPC: 1', { 'Sec-GPC': '1' }],
    ['DNT: 1', { DNT: '1' }],
  ])('with %s counts the view anonymously only, even with a live lead cookie', async (name, headers) => {
    const email = `private-${name.replace(/\W+/g, '').toLowerCase()}-${engine}@example.com`;
    const { id, cookie } = await consentingLead(email);
    const before = await viewsOf('/lp/scoring-review/');
    expect((await beacon('/lp/scoring-review/', { Cookie: cookie, ...headers })).status).toBe(204);
    expect(await viewsOf('/lp/scoring-review/')).toBe(before + 1);
    const lead = await leadOf(email);
    expect(await app.store.db.selectFrom('page_views').select('id').where('lead_id', '=', id).execute()).toEqual([]);
    expect([lead.rescore_at, lead.score]).toEqual([null, 0]);
  });

  it("counts a view without consent (no lead cookie), a bot signup's cookie or a forged one only anonymously", async () => {
    const { id, cookie } = await consentingLead(`forged-${engine}@example.com`);
    const forged = cookie.slice(0, -4) + (cookie.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bot = leadCookie(TEST_SECRET, 0, undefined, Date.now(), false).split(';', 1)[0]!;
    const otherSecret = leadCookie(`${TEST_SECRET}-other`, id, undefined, Date.now(), false).split(';', 1)[0]!;
    const expired = leadCookie(TEST_SECRET, id, undefined, Date.now() - 91 * DAY_MS, false).split(';', 1)[0]!;
    const viewsBefore = await allViews();
    const before = await viewsOf('/magnets/lead-scoring-worksheet/');
    for (const headers of [{} as Record<string, string>, { Cookie: forged }, { Cookie: bot }, { Cookie: otherSecret }, { Cookie: expired }]) {
      expect((await beacon('/magnets/lead-scoring-worksheet/', headers)).status).toBe(204);
    }
    expect(await viewsOf('/magnets/lead-scoring-worksheet/')).toBe(before + 5);
    expect(await allViews()).toEqual(viewsBefore);
  });

  it("ties nothing to a lead who unsubscribed, and nothing to an erased lead's cookie", async () => {
    const gone = await consentingLead(`erased-${engine}@example.com`);
    const unsubscribed = await consentingLead(`unsubscribed-${engine}@example.com`);
    await app.store.db.updateTable('leads').set({ unsubscribed_at: Date.now() }).where('id', '=', unsubscribed.id).execute();
    await app.store.db.deleteFrom('touches').where('lead_id', '=', gone.id).execute();
    await app.store.db.deleteFrom('outbox').where('lead_id', '=', gone.id).execute();
    await app.store.db.deleteFrom('leads').where('id', '=', gone.id).execute();
    const viewsBefore = await allViews();
    const before = await viewsOf('/');
    expect((await beacon('/', { Cookie: gone.cookie })).status).toBe(204);
    expect((await beacon('/', { Cookie: unsubscribed.cookie })).status).toBe(204);
    expect(await viewsOf('/')).toBe(before + 2);
    expect(await allViews()).toEqual(viewsBefore);
  });

  it('ignores a path the site does not count, and grows no table', async () => {
    const { cookie } = await consentingLead(`unknown-${engine}@example.com`);
    const [counts, views] = [await allCounts(), await allViews()];
    for (const path of [
      '/articles/no-such-article/',
      '/thanks/lead-scoring-worksheet/',
      '/lp/scoring-review/thanks/',
      '/404',
      '/api/events',
      '/rss.xml',
    ]) {
      expect((await beacon(path, { Cookie: cookie })).status, path).toBe(204);
    }
    // A draft is built for review but not counted.
    expect((await beacon('/articles/lead-handoff-sla/', { Cookie: cookie })).status).toBe(204);
    expect([await allCounts(), await allViews()]).toEqual([counts, views]);
  });

  it.each<[string, number, Parameters<typeof beacon>]>([
    ['a foreign origin', 403, ['/', { Origin: 'https://evil.example' }]],
    ['an empty origin', 403, ['/', { Origin: '' }]],
    ['a body over 1 KB', 413, [`/${'a'.repeat(1024)}`]],
    ['JSON', 415, ['{"path":"/"}', { 'Content-Type': 'application/json' }]],
    ['a form', 415, ['path=/', { 'Content-Type': 'application/x-www-form-urlencoded' }]],
    ['not a path', 400, ['hello']],
    ['bytes that are not UTF-8', 400, [new Uint8Array([0x2f, 0xff, 0xfe])]],
  ])('refuses %s with %i and changes nothing', async (_, status, [body, headers]) => {
    const { cookie } = await consentingLead(`refused-${status}-${_.replace(/\W+/g, '-').toLowerCase()}-${engine}@example.com`);
    const [counts, views] = [await allCounts(), await allViews()];
    const answer = await beacon(body, { Cookie: cookie, ...headers });
    expect(answer.status).toBe(status);
    expect([await allCounts(), await allViews()]).toEqual([counts, views]);
  });
});

describe.each(engines)('POST /api/events under BEACON_RATE_LIMIT on %s', (engine) => {
  const app = useAppHarness(engine, { BEACON_RATE_LIMIT: '3/min', RATE_LIMIT: '10/min' });

  it('counts three views a minute from one address, then answers 429 with Retry-After and counts nothing', async () => {
    const send = () =>
      fetch(`${app.server.base}/api/events`, { method: 'POST', headers: { 'Content-Type': 'text/plain', Origin: app.server.base }, body: '/' });
    for (let view = 0; view < 3; view++) expect((await send()).status).toBe(204);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await app.store.db.selectFrom('page_view_counts').select(['path', 'views']).execute()).toEqual([{ path: '/', views: 3 }]);
    // Its own bucket: signups from the same address are still welcome.
    expect((await postSignup(app.server.base, signup(`still-welcome-${engine}@example.com`))).status).toBe(202);
  });
});

describe.each(engines)('POST /api/events when the database fails on %s', (engine) => {
  const app = useAppHarness(engine);

  it('answers 503 with Retry-After, never a 500, and the server goes on', async () => {
    const send = () =>
      fetch(`${app.server.base}/api/events`, { method: 'POST', headers: { 'Content-Type': 'text/plain', Origin: app.server.base }, body: '/' });
    expect((await send()).status).toBe(204);
    await sql`alter table page_view_counts rename to page_view_counts_gone`.execute(app.store.db);
    const answer = await send();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(app.server.process.exitCode).toBeNull();
    expect((await fetch(`${app.server.base}/articles/`)).status).toBe(200);
    expect(app.server.output()).not.toMatch(/unhandled/i);
  });
});
