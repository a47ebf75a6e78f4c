import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { loadLandings } from '../../src/landing/landing-schema.ts';
import { loadScoringRules } from '../../src/scoring/load-rules.ts';
import { leadExample } from '../../src/scoring/lead-example.ts';
import { ADMIN_PASSWORD, basic } from '../admin/admin-client.ts';
import { postSignup } from '../support/signup-client.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from '../support/databases.ts';
import { TEST_SECRET } from '../support/signup-client.ts';
import { PlatformFake } from './platform-fake.ts';

const META_APP_SECRET = 'meta-app-secret-for-tests';
const TIKTOK_APP_SECRET = 'tiktok-client-secret-for-tests';
/** The form ids the shipped mappings in content/lead-ads/ name. */
const META_FORM = '918273645500112';
const TIKTOK_FORM = '7311000000000000001';
const PIXEL = '5550001';

/** Signed as Meta signs: HMAC-SHA256 of the raw body under the app secret, computed here, not by the code under test. */
function metaHeaders(body: string, secret = META_APP_SECRET): Record<string, string> {
  return { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
}

function tiktokHeaders(body: string, secret = TIKTOK_APP_SECRET, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'TikTok-Signature': `t=${at},s=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`,
  };
}

/** waitFor() for a value: what `check` found, once it found something. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  return (await waitFor(check, timeoutMs, what))!;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A page's notification of one new lead, as Meta sends it. */
function notification(leadgenId: string, formId = META_FORM): string {
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: '1029384756',
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'leadgen',
            value: { leadgen_id: leadgenId, form_id: formId, page_id: '1029384756', ad_id: '6001', adgroup_id: '5001', created_time: 1764700000 },
          },
        ],
      },
    ],
  });
}

/** A lead as the Graph API answers `GET /v24.0/<leadgen id>`. */
function graphLead(id: string, email: string, answers: Record<string, string>, ticked = true, formId = META_FORM): unknown {
  return {
    id,
    created_time: '2026-12-02T19:40:11+0000',
    ad_id: '6001',
    adset_id: '5001',
    campaign_id: '4001',
    form_id: formId,
    field_data: Object.entries({ email, ...answers }).map(([name, value]) => ({ name, values: [value] })),
    custom_disclaimer_responses: [{ checkbox_key: 'marketing_email', is_checked: ticked ? '1' : '0' }],
  };
}

/** Answers the shipped scoring rules put at 65 points: sales-ready. */
const HOT = {
  full_name: 'Dana Rivers',
  company_name: 'Acme Test',
  job_title_choice: 'founder',
  company_size: '11-50',
  budget: 'Over $10,000',
  timeline: 'This month',
};

describe.each(engines)('lead ads through the built server on %s', (engine) => {
  const fake = new PlatformFake();
  let database: TestDatabase;
  let server: AppServer;
  let store: LeadStore;

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase(engine);
    server = await startAppServer({
      DATABASE_URL: database.url,
      LODESTONE_SECRET: TEST_SECRET,
      RATE_LIMIT: 'off',
      ADMIN_PASSWORD,
      META_VERIFY_TOKEN: 'verify-me-please',
      META_APP_SECRET,
      META_ACCESS_TOKEN: 'meta-token',
      META_GRAPH_BASE_URL: fake.url,
      META_PIXEL_ID: PIXEL,
      TIKTOK_APP_SECRET,
      TIKTOK_ACCESS_TOKEN: 'tiktok-token',
      TIKTOK_EVENTS_BASE_URL: fake.url,
      TIKTOK_EVENT_SOURCE_ID: 'CRMSET123',
    });
    store = database.open();
  });

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.drop();
    await fake.stop();
  });

  const postMeta = (body: string, headers = metaHeaders(body)) => fetch(`${server.base}/api/webhooks/meta`, { method: 'POST', headers, body });
  const postTikTok = (body: string, headers = tiktokHeaders(body)) => fetch(`${server.base}/api/webhooks/tiktok`, { method: 'POST', headers, body });
  const leadOf = (email: string) => store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirst();
  const adLeads = (platform: string, id: string) =>
    store.db.selectFrom('ad_leads').selectAll().where('platform', '=', platform).where('platform_lead_id', '=', id).execute();
  const captured = (platform: string, id: string) =>
    waitFor(async () => (await adLeads(platform, id)).find((row) => row.status === 'captured'), 20_000, `${platform} lead ${id} captured`);
  const emailRows = (leadId: number) => store.db.selectFrom('outbox').selectAll().where('lead_id', '=', leadId).where('kind', '=', 'email').execute();
  const conversions = (route: string, eventId: string) =>
    fake.to('POST', route).filter((request) => (JSON.parse(request.body) as { data: { event_id: string }[] }).data[0]!.event_id === eventId);

  it('answers Meta’s subscription handshake with the challenge, and only with the right verify token', async () => {
    const ok = await fetch(`${server.base}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${server.base}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });

  it('refuses a Meta notification signed with another secret and stores nothing', async () => {
    fake.leads.set('7100000000000001', graphLead('7100000000000001', 'forged@acme-test.com', HOT));
    const body = notification('7100000000000001');
    const response = await postMeta(body, metaHeaders(body, 'not-the-app-secret'));
    expect(response.status).toBe(401);
    const tampered = await postMeta(body.replace('7100000000000001', '7100000000000009'), metaHeaders(body));
    expect(tampered.status).toBe(401);
    expect(await adLeads('meta', '7100000000000001')).toEqual([]);
    expect(await adLeads('meta', '7100000000000009')).toEqual([]);
    expect(fake.to('GET', '/v24.0/7100000000000001')).toEqual([]);
    expect(await leadOf('forged@acme-test.com')).toBeUndefined();
  });

  it('maps a Meta lead onto a lead and touch: the mapped fields, consent with its text, the ad ids as attribution, the magnet’s email at once', async () => {
    fake.leads.set('7200000000000001', graphLead('7200000000000001', 'Dana.Rivers@Acme-Test.com', HOT));
    const response = await postMeta(notification('7200000000000001'));
    expect(response.status).toBe(200);
    await captured('meta', '7200000000000001');
    const lead = (await leadOf('dana.rivers@acme-test.com'))!;
    expect(lead.name).toBe('Dana Rivers');
    const touches = await store.db.selectFrom('touches').selectAll().where('lead_id', '=', lead.id).execute();
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatchObject({
      form: 'lead-ad',
      magnet: 'lead-scoring-worksheet',
      utm_source: 'facebook',
      utm_medium: 'lead-ad',
      utm_campaign: '4001',
      utm_term: '5001',
      utm_content: '6001',
      consent: 1,
      consent_version: '2026-12-02',
    });
    expect(touches[0]!.consent_text).toMatch(/^Send me the lead scoring worksheet/);
    expect(JSON.parse(touches[0]!.fields!)).toEqual({
      company: 'Acme Test',
      role: 'Founder or owner',
      company_size: '11-50 people',
      budget: 'Over $10,000',
      timeline: 'This month',
    });
    // The Graph API was asked for this lead with the token, and the magnet's email left at once.
    expect(fake.to('GET', '/v24.0/7200000000000001')[0]!.query.get('access_token')).toBe('meta-token');
    await waitFor(
      async () => (await emailRows(lead.id)).find((row) => row.template === 'magnet' && row.status === 'sent'),
      10_000,
      'the magnet email sent',
    );
    const mailed = await store.db.selectFrom('mailbox').select('subject').where('to_address', '=', 'dana.rivers@acme-test.com').execute();
    expect(mailed.length).toBeGreaterThanOrEqual(1);
  });

  it('makes no second lead, touch or email when Meta delivers the same lead again', async () => {
    fake.leads.set('7300000000000001', graphLead('7300000000000001', 'twice@acme-test.com', { full_name: 'Twice' }));
    const body = notification('7300000000000001');
    const [first, second] = await Promise.all([postMeta(body), postMeta(body)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await captured('meta', '7300000000000001');
    const lead = (await leadOf('twice@acme-test.com'))!;
    await waitFor(
      async () => (await emailRows(lead.id)).some((row) => row.template === 'magnet' && row.status === 'sent'),
      10_000,
      'the first email',
    );
    // Once more after it was captured: still one of everything.
    expect((await postMeta(body)).status).toBe(200);
    await waitFor(
      async () =>
        (await store.db.selectFrom('ad_leads').select('id').where('status', '!=', 'captured').where('status', '!=', 'failed').execute()).length === 0,
    );
    expect(await adLeads('meta', '7300000000000001')).toHaveLength(1);
    expect(await store.db.selectFrom('touches').select('id').where('lead_id', '=', lead.id).execute()).toHaveLength(1);
    expect((await emailRows(lead.id)).filter((row) => row.template === 'magnet')).toHaveLength(1);
    expect(
      await store.db
        .selectFrom('mailbox')
        .select('id')
        .where('to_address', '=', 'twice@acme-test.com')
        .where('subject', 'like', '%worksheet%')
        .execute(),
    ).toHaveLength(1);
    expect(fake.to('GET', '/v24.0/7300000000000001')).toHaveLength(1);
  });

  it('keeps a Meta lead acknowledged while the Graph API is down, and captures it once the API is back', async () => {
    fake.leads.set('7400000000000001', graphLead('7400000000000001', 'patient@acme-test.com', { full_name: 'Pat Ient' }));
    fake.down(2, 'graph');
    const response = await postMeta(notification('7400000000000001'));
    expect(response.status).toBe(200);
    // Stored before the answer, and the failed fetch noted on the row.
    const [row] = await until(
      async () => {
        const rows = await adLeads('meta', '7400000000000001');
        return rows[0]?.last_error ? rows : undefined;
      },
      10_000,
      'the first failed fetch',
    );
    expect(row!.last_error).toMatch(/503/);
    expect(await leadOf('patient@acme-test.com')).toBeUndefined();
    await captured('meta', '7400000000000001');
    expect(fake.to('GET', '/v24.0/7400000000000001').map((request) => request.status)).toEqual([503, 503, 200]);
    expect(await leadOf('patient@acme-test.com')).toBeDefined();
  });

  it('marks a lead from a form with no mapping failed, with the reason', async () => {
    fake.leads.set('7500000000000001', graphLead('7500000000000001', 'unmapped@acme-test.com', {}, true, '1111'));
    expect((await postMeta(notification('7500000000000001', '1111'))).status).toBe(200);
    const [row] = await until(
      async () => {
        const rows = await adLeads('meta', '7500000000000001');
        return rows[0]?.status === 'failed' ? rows : undefined;
      },
      10_000,
      'the row failed',
    );
    expect(row!.last_error).toBe('form 1111 has no mapping in content/lead-ads/');
    expect(await leadOf('unmapped@acme-test.com')).toBeUndefined();
    // The log line comes from the background thread: it may reach the output a moment after the row is written.
    await waitFor(() => server.output().includes('form 1111 has no mapping'), 5_000, 'the log line');
  });

  it('refuses a signed Meta notification it cannot read with 400, clearly', async () => {
    const body = JSON.stringify({ object: 'page', entry: [{ changes: [{ field: 'leadgen', value: { form_id: META_FORM } }] }] });
    const response = await postMeta(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/leadgen_id/);
  });

  it('sends Meta a conversion for each stage a lead from a Meta lead ad reaches, hashed, with its lead id, through a receiver that was down', async () => {
    fake.down(1, 'meta-events');
    fake.leads.set('7600000000000001', graphLead('7600000000000001', '  Hot.Lead@Acme-Test.com', HOT));
    expect((await postMeta(notification('7600000000000001'))).status).toBe(200);
    await captured('meta', '7600000000000001');
    const lead = (await leadOf('hot.lead@acme-test.com'))!;
    const sent = await until(
      async () => {
        const rows = await store.db.selectFrom('outbox').selectAll().where('lead_id', '=', lead.id).where('kind', '=', 'conversion').execute();
        return rows.length === 2 && rows.every((row) => row.status === 'sent') ? rows : undefined;
      },
      20_000,
      'both conversions sent',
    );
    // A lead from Meta's lead ad, with no TikTok lead id or click id: Meta alone hears of it.
    expect(sent.map((row) => row.template)).toEqual(['meta-conversion', 'meta-conversion']);
    for (const [status, name] of [
      ['marketing-qualified', 'MarketingQualifiedLead'],
      ['sales-ready', 'SalesReadyLead'],
    ] as const) {
      const eventId = `${status}-${lead.id}`;
      const delivered = conversions(`/v24.0/${PIXEL}/events`, eventId).filter((request) => request.status === 200);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.query.get('access_token')).toBe('meta-token');
      const event = (JSON.parse(delivered[0]!.body) as { data: Record<string, unknown>[] }).data[0]!;
      expect(event).toMatchObject({
        event_name: name,
        event_id: eventId,
        action_source: 'system_generated',
        user_data: { em: [sha256('hot.lead@acme-test.com')], lead_id: '7600000000000001' },
        custom_data: { event_source: 'crm', lead_event_source: 'Lodestone' },
      });
      expect(typeof event.event_time).toBe('number');
    }
    expect(fake.to('POST', `/v24.0/${PIXEL}/events`).filter((request) => request.status === 503)).toHaveLength(1);
  });

  it('takes a signed TikTok lead, mapped by its form, once however often it comes, and tells TikTok when it qualifies', async () => {
    fake.down(1, 'tiktok-events');
    const body = JSON.stringify({
      lead_id: '7311000000000000555',
      form_id: TIKTOK_FORM,
      ad_id: '1790000000000001',
      adgroup_id: '1790000000000002',
      campaign_id: '1790000000000003',
      create_time: 1764700000,
      field_list: [
        { field_name: 'email', field_value: 'Tik.Tok@Acme-Test.com' },
        { field_name: 'name', field_value: 'Tia Kok' },
        { field_name: 'company_name', field_value: 'Acme Test' },
        { field_name: 'company_size', field_value: '11-50' },
        { field_name: 'role', field_value: 'Founder or owner' },
        { field_name: 'timeline', field_value: 'Within 3 months' },
        { field_name: 'email_opt_in', field_value: 'Yes' },
      ],
    });
    const [first, again] = await Promise.all([postTikTok(body), postTikTok(body)]);
    expect([first.status, again.status]).toEqual([200, 200]);
    await captured('tiktok', '7311000000000000555');
    const lead = (await leadOf('tik.tok@acme-test.com'))!;
    expect(lead.name).toBe('Tia Kok');
    const touches = await store.db.selectFrom('touches').selectAll().where('lead_id', '=', lead.id).execute();
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatchObject({
      form: 'lead-ad',
      utm_source: 'tiktok',
      utm_campaign: '1790000000000003',
      utm_term: '1790000000000002',
      utm_content: '1790000000000001',
      consent: 1,
    });
    expect(JSON.parse(touches[0]!.fields!)).toEqual({
      company: 'Acme Test',
      company_size: '11-50 people',
      role: 'Founder or owner',
      timeline: 'Within 3 months',
    });
    // The newsletter's welcome at once, and the welcome sequence begun (the lead agreed to marketing email).
    await waitFor(
      async () => (await emailRows(lead.id)).some((row) => row.template === 'welcome' && row.status === 'sent'),
      10_000,
      'the welcome email',
    );
    expect((await emailRows(lead.id)).filter((row) => row.template === 'welcome')).toHaveLength(1);
    // 40 points: marketing-qualified, told to TikTok once, after its Events API came back.
    const eventId = `marketing-qualified-${lead.id}`;
    const delivered = await until(
      () => {
        const list = conversions('/open_api/v1.3/event/track/', eventId).filter((request) => request.status === 200);
        return list.length ? list : undefined;
      },
      20_000,
      'the TikTok conversion',
    );
    // Then nothing more for this lead: still one, once every conversion row has settled.
    await waitFor(async () => {
      const open = await store.db
        .selectFrom('outbox')
        .select('id')
        .where('lead_id', '=', lead.id)
        .where('kind', '=', 'conversion')
        .where('status', '!=', 'sent')
        .execute();
      return open.length === 0;
    });
    expect(delivered[0]!.headers['access-token']).toBe('tiktok-token');
    expect(conversions('/open_api/v1.3/event/track/', eventId).filter((request) => request.status === 200)).toHaveLength(1);
    expect(JSON.parse(delivered[0]!.body)).toMatchObject({
      event_source: 'crm',
      event_source_id: 'CRMSET123',
      data: [
        {
          event: 'MarketingQualifiedLead',
          event_id: eventId,
          user: { email: sha256('tik.tok@acme-test.com') },
          lead: { lead_id: '7311000000000000555' },
        },
      ],
    });
    expect(conversions('/open_api/v1.3/event/track/', eventId).filter((request) => request.status === 503)).toHaveLength(1);
    expect(await adLeads('tiktok', '7311000000000000555')).toHaveLength(1);
  });

  it('refuses a TikTok delivery with a wrong or stale signature and stores nothing', async () => {
    const body = JSON.stringify({
      lead_id: '7311000000000000666',
      form_id: TIKTOK_FORM,
      field_list: [{ field_name: 'email', field_value: 'nope@acme-test.com' }],
    });
    expect((await postTikTok(body, tiktokHeaders(body, 'another-secret'))).status).toBe(401);
    expect((await postTikTok(body, tiktokHeaders(body, TIKTOK_APP_SECRET, Math.floor(Date.now() / 1000) - 3600))).status).toBe(401);
    expect((await postTikTok(body, { 'Content-Type': 'application/json' })).status).toBe(401);
    expect(await adLeads('tiktok', '7311000000000000666')).toEqual([]);
    expect(await leadOf('nope@acme-test.com')).toBeUndefined();
  });

  it('sends Meta a conversion for a site lead that came through a Meta ad click, with the click id as fbc', async () => {
    // A consultation request the shipped rules score sales-ready, from a visit that began with a Meta ad click.
    const consultations = (await loadLandings()).flatMap(({ slug, data }) =>
      'consultation' in data.offer ? [{ slug, fields: data.offer.consultation.form.fields }] : [],
    );
    const { body } = leadExample('hot', await loadScoringRules(), consultations, Date.now());
    const response = await postSignup(server.base, {
      ...body,
      email: 'clicked@acme-test.com',
      fbclid: 'IwAR0clickid',
      utm_campaign: 'site-campaign',
    });
    expect(response.status).toBe(202);
    const lead = await until(() => leadOf('clicked@acme-test.com'), 10_000, 'the site lead');
    const delivered = await until(
      () => {
        const list = conversions(`/v24.0/${PIXEL}/events`, `sales-ready-${lead.id}`).filter((request) => request.status === 200);
        return list.length ? list : undefined;
      },
      20_000,
      'the conversion of the site lead',
    );
    const touch = await store.db.selectFrom('touches').select('created_at').where('lead_id', '=', lead.id).executeTakeFirstOrThrow();
    expect((JSON.parse(delivered[0]!.body) as { data: { user_data: unknown }[] }).data[0]!.user_data).toEqual({
      em: [sha256('clicked@acme-test.com')],
      fbc: `fb.1.${touch.created_at}.IwAR0clickid`,
    });
    // No TikTok click, no TikTok lead: TikTok hears nothing of it.
    expect(conversions('/open_api/v1.3/event/track/', `sales-ready-${lead.id}`)).toEqual([]);
  });

  it('shows per campaign, on the admin overview, leads from lead ads beside leads from the site and the share that qualified', async () => {
    // By now: four Meta leads of campaign 4001 (two sales-ready), one TikTok lead (marketing-qualified), one site lead (sales-ready).
    await waitFor(async () => (await store.db.selectFrom('leads').select('id').where('rescore_at', '<=', Date.now()).execute()).length === 0);
    const response = await fetch(`${server.base}/admin/`, { headers: { Authorization: basic(), Accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const table = /<table[^>]*data-figures="ads-versus-site"[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1];
    expect(table).toBeDefined();
    const rows = [.../<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table!)![1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) =>
        cell!
          .replace(/<[^>]*>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    );
    expect(rows).toEqual([
      ['4001', '4', '2 (50.0%)', '0', '0 (—)'],
      ['1790000000000003', '1', '1 (100.0%)', '0', '0 (—)'],
      ['site-campaign', '0', '0 (—)', '1', '1 (100.0%)'],
    ]);
  });
});
