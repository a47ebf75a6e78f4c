import { describe, expect, it } from 'vitest';
import { handoffBody, webhookIdOf } from '../../src/handoff/handoff.ts';
import { OCCURRED_AT, sampleHandoff, SITE_URL } from '../support/handoff-fixtures.ts';

describe('webhookIdOf', () => {
  it.each([
    ['0194f6a2-c3d4-7e0b-9a1f-2b3c4d5e6f70', 'msg_0194f6a2-c3d4-7e0b-9a1f-2b3c4d5e6f70'],
    ['lead-42_sales-ready_3', 'msg_lead-42_sales-ready_3'],
  ])('makes the webhook id of event %s the same every time', (eventId, expected) => {
    expect(webhookIdOf(eventId)).toBe(expected);
    expect(webhookIdOf(eventId)).toBe(webhookIdOf(eventId));
  });

  it.each(['', 'has space', 'dots.in.it', 'x'.repeat(101), 'évènement'])('refuses the event id %j', (eventId) => {
    expect(() => webhookIdOf(eventId)).toThrow(/must be 1 to 100 letters, digits, _ or -/);
  });
});

describe('handoffBody', () => {
  const body = JSON.parse(handoffBody(sampleHandoff(42), SITE_URL));

  it('wraps the hand-off in the Standard Webhooks envelope', () => {
    expect(body).toMatchObject({ type: 'lead.handoff', timestamp: new Date(OCCURRED_AT).toISOString() });
  });

  it('carries the lead with its admin page, its answers, the score and every explanation line', () => {
    expect(body.data).toMatchObject({
      event_id: 'evt-42-1',
      reason: 'sales-ready',
      occurred_at: '2026-12-01T09:00:00.000Z',
      lead: {
        id: 42,
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        qualification: 'sales-ready',
        created_at: '2026-11-30T09:00:00.000Z',
        admin_url: 'https://lodestone.example/admin/leads/42',
      },
      answers: { company_size: '51-200', budget: 'Over 10,000', wants_demo: true },
      score: {
        total: 72,
        explanation: [
          '+20 budget: Over 10,000',
          '+15 viewed /pricing/ twice',
          '+45 company size: 51-200',
          '\u22128 decay (12 days since last activity)',
        ],
      },
    });
  });

  it('gives both touches every attribution key, null where the touch had none', () => {
    expect(body.data.attribution).toEqual({
      first_touch: {
        at: '2026-11-28T09:00:00.000Z',
        form: null,
        page: null,
        magnet: null,
        landing: null,
        variant: null,
        utm_source: 'google',
        utm_medium: 'cpc',
        utm_campaign: 'scoring-q4',
        utm_term: null,
        utm_content: null,
        gclid: 'Cj0KCQiA',
        fbclid: null,
        ttclid: null,
        landing_page: '/lp/scoring-review/b/?utm_source=google',
        referrer: 'https://www.google.com/',
      },
      last_touch: expect.objectContaining({ form: 'landing', page: '/lp/scoring-review/b/', variant: 'b', utm_source: 'newsletter', gclid: null }),
    });
    expect(JSON.parse(handoffBody(sampleHandoff(42, { firstTouch: null, lastTouch: null }), SITE_URL)).data.attribution).toEqual({
      first_touch: null,
      last_touch: null,
    });
  });
});
