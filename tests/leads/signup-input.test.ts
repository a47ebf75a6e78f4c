import { describe, expect, it } from 'vitest';
import { parseSignup } from '../../src/leads/signup-input.ts';

describe('parseSignup', () => {
  const base = { email: 'reader@example.com', consent: 'on' };

  it.each<[string, Record<string, unknown>, object, object[]]>([
    [
      'a 250-character utm_campaign, truncated',
      { utm_campaign: 'c'.repeat(250) },
      { utm_campaign: 'c'.repeat(200) },
      [{ field: 'utm_campaign', action: 'truncated', length: 250 }],
    ],
    [
      'an unfilled gclid macro, dropped',
      { gclid: '{gclid}', utm_source: 'google' },
      { utm_source: 'google' },
      [{ field: 'gclid', action: 'dropped', value: '{gclid}' }],
    ],
    ['a click id with spaces, dropped', { gclid: 'a b' }, {}, [{ field: 'gclid', action: 'dropped', value: 'a b' }]],
    ['a referrer that is not a URL, dropped', { referrer: 'android-app' }, {}, [{ field: 'referrer', action: 'dropped', value: 'android-app' }]],
    [
      'a landing page of 600 characters, truncated',
      { landing_page: `/${'p'.repeat(599)}` },
      { landing_page: `/${'p'.repeat(499)}` },
      [{ field: 'landing_page', action: 'truncated', length: 600 }],
    ],
    ['a broken first touch, dropped', { first_touch: 'nope' }, {}, [{ field: 'first_touch', action: 'dropped', value: 'nope' }]],
  ])('accepts the signup with %s', (_, attribution, kept, notes) => {
    const parsed = parseSignup({ ...base, ...attribution });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input).toMatchObject({ email: 'reader@example.com', consent: true, ...kept });
    for (const { field, action } of notes as { field: string; action: string }[])
      if (action === 'dropped') expect(parsed.input[(field === 'first_touch' ? 'firstTouch' : field) as keyof typeof parsed.input]).toBeUndefined();
    expect(parsed.input.attributionNotes).toEqual(notes);
  });

  it('passes the first touch on, cleaned', () => {
    const parsed = parseSignup({ ...base, first_touch: JSON.stringify({ at: 1_700_000_000_000, fbclid: 'IwAR-1', landing_page: '/' }) });
    expect(parsed.ok && parsed.input.firstTouch).toEqual({ at: 1_700_000_000_000, fbclid: 'IwAR-1', landing_page: '/' });
  });

  it('still refuses a bad address beside bad attribution, naming only the address', () => {
    expect(parseSignup({ ...base, email: 'someone@', utm_campaign: 'c'.repeat(250), gclid: '{gclid}' })).toEqual({
      ok: false,
      errors: { email: expect.any(String) },
    });
  });
});
