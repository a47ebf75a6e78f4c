import { describe, expect, it } from 'vitest';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { touchOf } from '../support/lead-rows.ts';

/** Attribution never costs a lead: bad values are cut or dropped, noted on the touch, and the signup goes through. */
describe.each(engines)('POST /api/leads attribution on %s', (engine) => {
  const app = useAppHarness(engine);

  it.each([
    ['JSON', 'application/json'],
    ['a form post', 'application/x-www-form-urlencoded'],
  ])('accepts a 250-character utm_campaign and gclid={gclid} sent as %s, and stores the touch cleaned', async (_, type) => {
    const email = `long-tag-${type.length}@example.com`;
    const campaign = `spring_${'x'.repeat(243)}`;
    const response = await postSignup(
      app.server.base,
      signup(email, { utm_source: 'google', utm_campaign: campaign, gclid: '{gclid}', landing_page: `/lp/lead-scoring/?utm_campaign=${campaign}` }),
      { type },
    );
    expect(response.status).toBe(type === 'application/json' ? 202 : 303);

    const touch = await waitFor(() => touchOf(app.store, email), 2_000, 'the stored touch');
    expect(touch).toMatchObject({ utm_source: 'google', utm_campaign: campaign.slice(0, 200), gclid: null });
    expect(JSON.parse(touch!.attribution_notes!)).toEqual([
      { field: 'utm_campaign', action: 'truncated', length: 250 },
      { field: 'gclid', action: 'dropped', value: '{gclid}' },
    ]);
    await waitFor(() => app.fake.to(email).length === 1, 2_000, 'the welcome email');
  });

  it('stores the first touch apart from the touch of the visit the signup happened in', async () => {
    const firstTouch = { at: Date.now() - 86_400_000, utm_source: 'meta', fbclid: 'IwAR-first_1', landing_page: '/' };
    const response = await postSignup(
      app.server.base,
      signup('two-visits@example.com', {
        utm_source: 'google',
        gclid: 'Cj0-last_1',
        landing_page: '/lp/lead-scoring/google-search/?utm_source=google&gclid=Cj0-last_1',
        first_touch: JSON.stringify(firstTouch),
      }),
    );
    expect(response.status).toBe(202);
    const touch = await waitFor(() => touchOf(app.store, 'two-visits@example.com'), 2_000, 'the stored touch');
    expect(touch).toMatchObject({ utm_source: 'google', gclid: 'Cj0-last_1', fbclid: null, attribution_notes: null });
    expect(JSON.parse(touch!.first_touch!)).toEqual(firstTouch);
  });

  it('drops a first touch it cannot read, notes it, and keeps the lead', async () => {
    const response = await postSignup(app.server.base, signup('broken-first@example.com', { first_touch: '{"at":', ttclid: '__CLICKID__' }));
    expect(response.status).toBe(202);
    const touch = await waitFor(() => touchOf(app.store, 'broken-first@example.com'), 2_000, 'the stored touch');
    expect(touch).toMatchObject({ first_touch: null, ttclid: null });
    expect(JSON.parse(touch!.attribution_notes!)).toEqual([
      { field: 'ttclid', action: 'dropped', value: '__CLICKID__' },
      { field: 'first_touch', action: 'dropped', value: '{"at":' },
    ]);
  });
});
