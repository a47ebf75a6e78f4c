import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { engines } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';
import { touchOf } from '../support/lead-rows.ts';
import { ADMIN_PASSWORD, basic, browse } from './admin-client.ts';

const XSS = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const HOUR = 3_600_000;

describe.each(engines)('the lead’s page on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD });
  const page = (path: string) => browse(app.server.base, path, { authorization: basic() });

  it('escapes every value a visitor sent, on the list and on the lead’s page', async () => {
    const email = 'hostile@example.com';
    const hostile = {
      name: XSS,
      magnet: 'lead-scoring-worksheet',
      company_size: '11-50 people',
      page: '/magnets/lead-scoring-worksheet/',
      utm_source: XSS,
      utm_medium: XSS,
      utm_campaign: XSS,
      utm_term: XSS,
      utm_content: XSS,
      gclid: XSS,
      referrer: `https://example.com/?q=${XSS}`,
      landing_page: `/?utm_source=${XSS}`,
      first_touch: JSON.stringify({ at: Date.now() - HOUR, utm_source: XSS, referrer: `https://example.com/${XSS}` }),
    };
    const response = await postSignup(app.server.base, signup(email, hostile), { headers: { 'User-Agent': `Mozilla/5.0 ${XSS}` } });
    expect(response.status).toBe(202);
    const touch = (await touchOf(app.store, email))!;
    // Answers are checked against the form's options at capture; a free-text answer is written as one would be stored.
    await app.store.write((trx) =>
      trx
        .updateTable('touches')
        .set({ fields: JSON.stringify({ company_size: '11-50 people', [XSS]: XSS }) })
        .where('id', '=', touch.id)
        .execute(),
    );

    const list = await (await page(`/admin/leads/?q=hostile&source=${encodeURIComponent(XSS)}`)).text();
    expect(list).toContain(`/admin/leads/${touch.lead_id}`);
    const lead = await (await page(`/admin/leads/${touch.lead_id}`)).text();
    for (const html of [list, lead]) {
      // Inside a double-quoted attribute (a filter's selected option) `<` starts no tag, and Astro escapes `"` there:
      // drop those values, then no img tag with an onerror may be left.
      expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<img[^>]*onerror/i);
      expect(html).toContain(ESCAPED);
    }
    // name, 5 UTM, gclid, referrer, landing page, user agent, first touch, the answer's field and value.
    expect(lead.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(13);
    expect(lead).toContain(`Mozilla/5.0 ${ESCAPED}`);
  });

  it('shows the lead, its touches, score and why, status moves, every email with its state, views and downloads', async () => {
    const now = Date.now();
    const leadId = await app.store.write(async (trx) => {
      const { id } = await trx
        .insertInto('leads')
        .values({
          email: 'full@example.com',
          name: 'Full Picture',
          status: 'marketing-qualified',
          score: 45,
          created_at: now - 48 * HOUR,
          updated_at: now,
          rescore_at: null,
          confirmed_at: now - 47 * HOUR,
          unsubscribed_at: null,
          suppressed_at: now - HOUR,
          suppressed_reason: 'hard bounce',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('touches')
        .values([
          {
            lead_id: id,
            form: 'magnet',
            page: '/articles/speed-to-lead/',
            magnet: 'lead-scoring-worksheet',
            utm_source: 'newsletter-partner',
            utm_campaign: 'autumn-push',
            fbclid: 'IwAR-click',
            referrer: 'https://partner.example/',
            first_touch: JSON.stringify({ at: now - 72 * HOUR, utm_source: 'meta-first' }),
            consent: 1,
            consent_text: 'Email me the worksheet.',
            consent_version: '2026-11-23',
            fields: JSON.stringify({ company_size: '2-10 people' }),
            emailed: 1,
            created_at: now - 48 * HOUR,
          },
          {
            lead_id: id,
            form: 'profile',
            consent: 0,
            fields: JSON.stringify({ company_size: '11-50 people', role: 'Founder or owner' }),
            emailed: 0,
            created_at: now - 47 * HOUR,
          },
        ])
        .execute();
      const outbox = (template: string, status: string, extra: Record<string, unknown> = {}) =>
        trx
          .insertInto('outbox')
          .values({
            kind: 'email',
            lead_id: id,
            template,
            payload: '{}',
            idempotency_key: `${id}-${template}`,
            status,
            attempts: 0,
            next_attempt_at: now,
            created_at: now - 40 * HOUR,
            sent_at: null,
            locked_until: null,
            last_error: null,
            provider_id: null,
            attempt_id: null,
            ...extra,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      const sent = await outbox('magnet', 'sent', { attempts: 1, sent_at: now - 40 * HOUR });
      await outbox('lead-scoring-worksheet/tips', 'pending', { next_attempt_at: now + 24 * HOUR });
      await outbox('lead-scoring-worksheet/case', 'failed', { attempts: 5, last_error: 'Resend 422: invalid to' });
      await outbox('lead-scoring-worksheet/offer', 'skipped', { last_error: 'skipped: the lead is sales-ready' });
      await trx
        .insertInto('email_events')
        .values([
          { lead_id: id, outbox_id: sent.id, type: 'delivered', provider_id: 'p1', detail: null, created_at: now - 39 * HOUR },
          { lead_id: id, outbox_id: sent.id, type: 'opened', provider_id: 'p1', detail: null, created_at: now - 38 * HOUR },
          {
            lead_id: id,
            outbox_id: sent.id,
            type: 'clicked',
            provider_id: 'p1',
            detail: 'https://lodestone.example/articles/',
            created_at: now - 38 * HOUR,
          },
          { lead_id: id, outbox_id: null, type: 'bounced', provider_id: 'p9', detail: 'Permanent', created_at: now - HOUR },
        ])
        .execute();
      await trx
        .insertInto('qualification_changes')
        .values({ lead_id: id, from_status: 'new', to_status: 'marketing-qualified', score: 45, explanation: '[]', created_at: now - 47 * HOUR })
        .execute();
      await trx
        .insertInto('page_views')
        .values([
          { lead_id: id, path: '/articles/speed-to-lead/', tags: null, created_at: now - 46 * HOUR },
          { lead_id: id, path: '/magnets/lead-scoring-worksheet/', tags: null, created_at: now - 45 * HOUR },
        ])
        .execute();
      await trx
        .insertInto('downloads')
        .values({ lead_id: id, magnet: 'lead-scoring-worksheet', user_agent: null, created_at: now - 44 * HOUR })
        .execute();
      return id;
    });

    const response = await page(`/admin/leads/${leadId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = (await response.text()).replace(/<!--[\s\S]*?-->/g, '');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const expected of [
      'full@example.com',
      'Full Picture',
      'marketing-qualified',
      'since', // suppressed…
      'hard bounce',
      // touches and their attribution
      'newsletter-partner',
      'autumn-push',
      'IwAR-click',
      'https://partner.example/',
      'utm_source: meta-first',
      'Email me the worksheet.',
      'version 2026-11-23',
      // the latest answer per field wins
      'company_size 11-50 people',
      'role Founder or owner',
      // the score recomputed, line by line
      '+15 role: Founder or owner',
      // status moves
      'new → marketing-qualified at 45',
      // every email with its state
      'planned for',
      'failed after 5 attempts: Resend 422: invalid to',
      'skipped: the lead is sales-ready',
      'delivered',
      'opened',
      'clicked',
      'bounced',
      // views and downloads
      '2 views',
      '/magnets/lead-scoring-worksheet/',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/\+15 company size: 11-50 people/);
    expect(text).toMatch(/Downloads [^]*? UTC lead-scoring-worksheet Privacy requests/);
    expect(text).not.toContain('2-10 people: ');
    expect(html).toContain(`action="/admin/leads/${leadId}/erase"`);
    expect(html).toContain(`action="/admin/leads/${leadId}/export"`);
    expect(html).toMatch(/<form method="post" action="\/admin\/leads\/\d+\/erase"/);
  });

  it('answers 404 with a page for a lead that does not exist, or an id that is not one', async () => {
    for (const id of ['999999', 'abc', '1e3']) {
      const response = await page(`/admin/leads/${id}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('All leads');
    }
  });

  it('sends a browser without a session to sign in first, coming back to the lead', async () => {
    const response = await browse(app.server.base, '/admin/leads/7');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fleads%2F7');
  });
});
