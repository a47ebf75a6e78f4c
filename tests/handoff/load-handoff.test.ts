import { describe, expect, it } from 'vitest';
import { loadHandoff, type HandoffEvent } from '../../src/handoff/load-handoff.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm, type SignupForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import type { FieldValues } from '../../src/leads/form-fields.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 20, 9);
const landingForm: SignupForm = { ...newsletterForm, kind: 'landing', landing: 'scoring-review', sequence: undefined };

describe.each(engines)('loadHandoff on %s', (engine) => {
  const useStore = useMigratedStore(engine);

  async function signUp(body: Record<string, unknown>, now: number, form = newsletterForm, fields?: FieldValues) {
    const parsed = parseSignup(body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return captureLead(useStore(), parsed.input, { form, userAgent: undefined, now, ...(fields ? { fields } : {}) });
  }

  const event = (leadId: number): HandoffEvent => ({
    eventId: `evt-${leadId}`,
    reason: 'consultation',
    occurredAt: START + 2 * DAY,
    leadId,
    qualification: 'sales-ready',
    score: 41,
    explanation: ['+41 asked for a consultation'],
  });

  it('reads the lead, its latest answer per field, the browser’s first visit and the latest signup', async () => {
    const firstVisit = { at: START - 5 * DAY, utm_source: 'google', utm_medium: 'cpc', gclid: 'Cj0KCQiA', landing_page: '/articles/speed-to-lead/' };
    const { leadId } = await signUp(
      { email: 'grace@example.com', name: 'Grace Hopper', consent: true, utm_source: 'linkedin', first_touch: JSON.stringify(firstVisit) },
      START,
      newsletterForm,
      { company_size: '11-50', budget: 'Under 1,000' },
    );
    await signUp(
      {
        email: 'grace@example.com',
        landing: 'scoring-review',
        variant: 'b',
        page: '/lp/scoring-review/b/',
        utm_source: 'newsletter',
        utm_medium: 'email',
      },
      START + DAY,
      landingForm,
      { budget: 'Over 10,000', wants_demo: true },
    );

    const handoff = await loadHandoff(useStore().db, event(leadId));
    expect(handoff).toEqual({
      eventId: `evt-${leadId}`,
      reason: 'consultation',
      occurredAt: START + 2 * DAY,
      lead: { id: leadId, email: 'grace@example.com', name: 'Grace Hopper', qualification: 'sales-ready', createdAt: START },
      answers: { company_size: '11-50', budget: 'Over 10,000', wants_demo: true },
      firstTouch: firstVisit,
      lastTouch: {
        at: START + DAY,
        form: 'landing',
        page: '/lp/scoring-review/b/',
        landing: 'scoring-review',
        variant: 'b',
        utm_source: 'newsletter',
        utm_medium: 'email',
      },
      score: 41,
      explanation: ['+41 asked for a consultation'],
    });
  });

  it('takes the first signup as the first touch when the browser kept no first visit', async () => {
    const { leadId } = await signUp({ email: 'no-script@example.com', utm_source: 'bing', page: '/articles/what-is-a-lead/' }, START);
    const handoff = await loadHandoff(useStore().db, event(leadId));
    expect(handoff.firstTouch).toEqual({ at: START, form: 'newsletter', page: '/articles/what-is-a-lead/', utm_source: 'bing' });
    expect(handoff.lastTouch).toEqual(handoff.firstTouch);
    expect(handoff.answers).toEqual({});
  });

  it('refuses a lead that is not in the store', async () => {
    await expect(loadHandoff(useStore().db, event(987_654))).rejects.toThrow(/no lead 987654 to hand off/);
  });
});
