import type { LeadStore } from '../../src/db/database.ts';
import type { Handoff } from '../../src/handoff/handoff.ts';

export const SITE_URL = new URL('https://lodestone.example');
export const OCCURRED_AT = Date.UTC(2026, 11, 1, 9, 0);

/** A lead row to hand off (outbox rows refer to it). */
export async function insertLead(store: LeadStore, email: string, name: string | null = null, createdAt = OCCURRED_AT - 86_400_000): Promise<number> {
  const { id } = await store.db
    .insertInto('leads')
    .values({ email, name, status: 'active', created_at: createdAt, updated_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A sales-ready hand-off of lead `leadId`, with answers, both touches and three explanation lines. */
export function sampleHandoff(leadId: number, overrides: Partial<Handoff> & { email?: string; name?: string | null } = {}): Handoff {
  const { email = 'ada@example.com', name = 'Ada Lovelace', ...rest } = overrides;
  return {
    eventId: `evt-${leadId}-1`,
    reason: 'sales-ready',
    occurredAt: OCCURRED_AT,
    lead: { id: leadId, email, name, qualification: 'sales-ready', createdAt: OCCURRED_AT - 86_400_000 },
    answers: { company_size: '51-200', budget: 'Over 10,000', wants_demo: true },
    firstTouch: {
      at: OCCURRED_AT - 3 * 86_400_000,
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'scoring-q4',
      gclid: 'Cj0KCQiA',
      landing_page: '/lp/scoring-review/b/?utm_source=google',
      referrer: 'https://www.google.com/',
    },
    lastTouch: {
      at: OCCURRED_AT - 60_000,
      form: 'landing',
      page: '/lp/scoring-review/b/',
      landing: 'scoring-review',
      variant: 'b',
      utm_source: 'newsletter',
      utm_medium: 'email',
      landing_page: '/articles/speed-to-lead/',
    },
    score: 72,
    explanation: ['+20 budget: Over 10,000', '+15 viewed /pricing/ twice', '+45 company size: 51-200', '\u22128 decay (12 days since last activity)'],
    ...rest,
  };
}
