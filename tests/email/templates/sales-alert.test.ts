import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src/email/render.ts';
import { renderSalesAlert } from '../../../src/email/templates/sales-alert.ts';
import { sampleHandoff, SITE_URL } from '../../support/handoff-fixtures.ts';

const context = { siteUrl: SITE_URL, secret: 'x'.repeat(32), magnets: new Map(), sequences: new Map(), now: 0 };

describe('renderSalesAlert', () => {
  const email = renderSalesAlert(sampleHandoff(42), SITE_URL);

  it('says who and why now in the subject and the first line', () => {
    expect(email.subject).toBe('Sales-ready lead: Ada Lovelace, score 72');
    expect(email.text.startsWith('Ada Lovelace (ada@example.com) became sales-ready at 2026-12-01 09:00 UTC, with a score of 72.')).toBe(true);
  });

  it('lists the score and every explanation line, in both parts', () => {
    expect(email.text).toContain(
      'Score 72, from these rules:\n\n- +20 budget: Over 10,000\n- +15 viewed /pricing/ twice\n- +45 company size: 51-200\n- \u22128 decay (12 days since last activity)',
    );
    for (const line of sampleHandoff(42).explanation) expect(email.html).toContain(`>${line}</li>`);
  });

  it('links to the lead’s page in the admin', () => {
    expect(email.html).toContain('href="https://lodestone.example/admin/leads/42"');
    expect(email.text).toContain('Open the lead in the admin:\nhttps://lodestone.example/admin/leads/42');
  });

  it('gives the answers and where the lead came from in plain words', () => {
    expect(email.text).toContain('Their answers:\n\n- Company size: 51-200\n- Budget: Over 10,000\n- Wants demo: yes');
    expect(email.text).toContain(
      '- First touch, 2026-11-28 09:00 UTC: from google / cpc, campaign “scoring-q4”, Google Ads click, referred by www.google.com, landed on /lp/scoring-review/b/.',
    );
    expect(email.text).toContain(
      '- Latest signup, 2026-12-01 08:59 UTC: the landing form on /lp/scoring-review/b/ (landing page scoring-review, variant b), in a visit from newsletter / email, landed on /articles/speed-to-lead/.',
    );
  });

  it('says why the reader gets it: the address is SALES_NOTIFY_EMAIL, not a signup', () => {
    expect(email.text).toContain('You get this email because SALES_NOTIFY_EMAIL names this address on lodestone.example.');
    expect(email.text).not.toContain('because you asked for it');
  });

  it('escapes a name, an answer and a campaign that look like markup', () => {
    const hostile = renderSalesAlert(
      sampleHandoff(42, {
        name: '<script>alert(1)</script>',
        answers: { company: '<img src=x onerror=alert(2)>' },
        firstTouch: { at: 0, utm_campaign: '"><b>bold</b>' },
      }),
      SITE_URL,
    );
    // The one image is the site's logo at the top; nothing the lead typed becomes markup.
    expect([...hostile.html.matchAll(/<img [^>]*>/g)].map(([tag]) => /src="([^"]*)"/.exec(tag)?.[1])).toEqual([
      new URL('/email-logo.png', SITE_URL).href,
    ]);
    expect(hostile.html).not.toMatch(/<script>|<img src=x|<b>/);
    expect(hostile.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; (ada@example.com) became sales-ready');
    expect(hostile.html).toContain('Company: &lt;img src=x onerror=alert(2)&gt;');
    expect(hostile.html).toContain('<title>Sales-ready lead: &lt;script&gt;alert(1)&lt;/script&gt;, score 72</title>');
    expect(hostile.text).toContain('<script>alert(1)</script> (ada@example.com)');
  });

  it('tells a consultation request apart, whatever the score', () => {
    const consultation = renderSalesAlert(sampleHandoff(42, { reason: 'consultation', score: 12, explanation: [] }), SITE_URL);
    expect(consultation.subject).toBe('Consultation request: Ada Lovelace, score 12');
    expect(consultation.text).toContain('asked for a consultation at 2026-12-01 09:00 UTC. The page promised them a reply within one working day.');
    expect(consultation.text).toContain('Score 12: no scoring rule fired.');
  });

  it('names the lead by address when it gave no name, and says what is not known', () => {
    const bare = renderSalesAlert(sampleHandoff(42, { name: null, answers: {}, firstTouch: null, lastTouch: null }), SITE_URL);
    expect(bare.subject).toBe('Sales-ready lead: ada@example.com, score 72');
    expect(bare.text).toContain('They have answered no qualifying questions.');
    expect(bare.text).toContain('Where they came from is not recorded.');
  });

  it('is what renderEmail makes of a sales-alert row, and refuses one without its hand-off', () => {
    const handoff = sampleHandoff(42);
    expect(renderEmail('sales-alert', { to: 'sales@example.com', name: null, handoff }, context)).toEqual(email);
    expect(() => renderEmail('sales-alert', { to: 'sales@example.com', name: null }, context)).toThrow(/needs the hand-off/);
  });
});
