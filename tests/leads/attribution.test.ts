import { describe, expect, it } from 'vitest';
import {
  cleanAttribution,
  FIRST_TOUCH_MAX_AGE_MS,
  firstTouchOf,
  keptAttributionValue,
  visitAttribution,
  type AttributionField,
} from '../../src/leads/attribution.ts';

const long = (length: number) => 'a'.repeat(length);
/** A valid first touch, padded with a field the rules ignore to exactly `length` characters of JSON. */
const firstTouchOfLength = (length: number) => `{"at":1,"x":"${long(length - 15)}"}`;

describe('keptAttributionValue', () => {
  it.each<[string, AttributionField, unknown, string | undefined]>([
    ['keeps a campaign tag', 'utm_campaign', 'spring_2027', 'spring_2027'],
    ['trims it', 'utm_source', '  google ', 'google'],
    ['keeps a tag of 200 characters whole', 'utm_campaign', long(200), long(200)],
    ['truncates a tag of 250 characters to 200', 'utm_campaign', long(250), long(200)],
    ['cuts before half a surrogate pair', 'utm_term', `${long(199)}😀`, long(199)],
    ['keeps an emoji early in a tag it truncates', 'utm_term', `😀${long(250)}`, `😀${long(198)}`],
    ['keeps spaces and punctuation in a tag', 'utm_content', 'Photo 1 (blue)', 'Photo 1 (blue)'],
    ['keeps a tag that only mentions braces', 'utm_campaign', 'spring_{region}_2027', 'spring_{region}_2027'],
    ['keeps a tag that starts like a macro and goes on', 'utm_campaign', '{region} spring', '{region} spring'],
    ['keeps a tag that ends like a macro', 'utm_campaign', 'spring {region}', 'spring {region}'],
    ['drops an unfilled keyword macro', 'utm_term', '{keyword}', undefined],
    ['drops an unfilled Meta macro', 'utm_content', '{{ad.name}}', undefined],
    ['drops control characters', 'utm_source', 'google\r\nBcc: x', undefined],
    ['drops what is not text', 'utm_source', 42, undefined],
    ['drops an empty value', 'utm_source', '   ', undefined],
    ['keeps a Google click id', 'gclid', 'Cj0KCQiA-abc_123.x~y', 'Cj0KCQiA-abc_123.x~y'],
    ['drops an unfilled Google macro', 'gclid', '{gclid}', undefined],
    ['drops an unfilled TikTok macro', 'ttclid', '__CLICKID__', undefined],
    ['drops an unfilled Meta macro as a click id', 'fbclid', '{{ad.id}}', undefined],
    ['drops a click id with spaces', 'gclid', 'a b', undefined],
    ['drops a click id with percent-encoding left in', 'gclid', '%7Bgclid%7D', undefined],
    ['keeps a click id of 300 characters', 'fbclid', long(300), long(300)],
    ['drops a click id over 300 characters rather than cut it', 'fbclid', long(301), undefined],
    ['keeps a landing page with its query', 'landing_page', '/lp/x/?utm_source=google', '/lp/x/?utm_source=google'],
    ['truncates a landing page to 500 characters', 'landing_page', `/?q=${long(600)}`, `/?q=${long(496)}`],
    ['keeps a referrer', 'referrer', 'https://www.google.com/', 'https://www.google.com/'],
    ['drops a referrer that is not a URL', 'referrer', 'google', undefined],
  ])('%s', (_, field, raw, kept) => {
    expect(keptAttributionValue(field, raw)).toBe(kept);
  });
});

describe('cleanAttribution', () => {
  it('truncates an over-long tag and drops an unfilled click id, noting both, and keeps the rest', () => {
    expect(cleanAttribution({ utm_source: 'google', utm_campaign: long(250), gclid: '{gclid}', email: 'a@example.com' })).toEqual({
      values: { utm_source: 'google', utm_campaign: long(200) },
      firstTouch: undefined,
      notes: [
        { field: 'utm_campaign', action: 'truncated', length: 250 },
        { field: 'gclid', action: 'dropped', value: '{gclid}' },
      ],
    });
  });

  it('notes nothing for values kept whole or fields left empty', () => {
    expect(cleanAttribution({ utm_source: ' meta ', fbclid: 'IwAR-1', gclid: '' }).notes).toEqual([]);
  });

  it('notes nothing for fields a JSON client sent as null', () => {
    expect(cleanAttribution({ utm_source: null, gclid: null, referrer: null, first_touch: null })).toStrictEqual({
      values: {},
      firstTouch: undefined,
      notes: [],
    });
  });

  it('notes a dropped value that is not text, cut to 100 characters', () => {
    expect(cleanAttribution({ utm_source: { nested: long(200) } }).notes).toEqual([
      { field: 'utm_source', action: 'dropped', value: JSON.stringify({ nested: long(200) }).slice(0, 100) },
    ]);
  });

  it.each<[string, unknown, object | undefined, object[]]>([
    [
      'a first touch sent as JSON, cleaned by the same rules',
      JSON.stringify({ at: 1_700_000_000_000, utm_source: 'meta', fbclid: 'IwAR-1', ttclid: '__CLICKID__', landing_page: '/' }),
      { at: 1_700_000_000_000, utm_source: 'meta', fbclid: 'IwAR-1', landing_page: '/' },
      [{ field: 'first_touch.ttclid', action: 'dropped', value: '__CLICKID__' }],
    ],
    ['a first touch sent as an object by a JSON client', { at: 5, utm_medium: 'cpc' }, { at: 5, utm_medium: 'cpc' }, []],
    ['no first touch', '', undefined, []],
    ['a first touch that is not JSON', '{"at":', undefined, [{ field: 'first_touch', action: 'dropped', value: '{"at":' }]],
    ['a first touch without its time', '{"utm_source":"x"}', undefined, [{ field: 'first_touch', action: 'dropped', value: '{"utm_source":"x"}' }]],
    ['a first touch that is a list', [1], undefined, [{ field: 'first_touch', action: 'dropped', value: '[1]' }]],
    ['a first touch that is JSON null', 'null', undefined, [{ field: 'first_touch', action: 'dropped', value: 'null' }]],
    ['a first touch at time 0', '{"at":0}', undefined, [{ field: 'first_touch', action: 'dropped', value: '{"at":0}' }]],
    ['a first touch before 1970', '{"at":-5}', undefined, [{ field: 'first_touch', action: 'dropped', value: '{"at":-5}' }]],
    ['a first touch at a fraction of a millisecond', '{"at":1.5}', undefined, [{ field: 'first_touch', action: 'dropped', value: '{"at":1.5}' }]],
    ['a first touch with its time as text', '{"at":"5"}', undefined, [{ field: 'first_touch', action: 'dropped', value: '{"at":"5"}' }]],
    ['a first touch at the first millisecond after 1970', '{"at":1}', { at: 1 }, []],
    ['a first touch of exactly 8 000 characters', firstTouchOfLength(8_000), { at: 1 }, []],
    [
      'a first touch of 8 001 characters',
      firstTouchOfLength(8_001),
      undefined,
      [{ field: 'first_touch', action: 'dropped', value: firstTouchOfLength(8_001).slice(0, 100) }],
    ],
    [
      'a first touch of 10 000 characters',
      `{"at":1,"x":"${long(10_000)}"}`,
      undefined,
      [{ field: 'first_touch', action: 'dropped', value: `{"at":1,"x":"${long(87)}` }],
    ],
  ])('reads %s', (_, raw, firstTouch, notes) => {
    const cleaned = cleanAttribution({ first_touch: raw });
    expect(cleaned.firstTouch).toStrictEqual(firstTouch);
    expect(cleaned.notes).toEqual(notes);
  });
});

describe('visitAttribution', () => {
  const site = 'https://lodestone.example';
  const kept = { utm_source: 'meta', fbclid: 'IwAR-1', landing_page: '/lp/a/meta/?utm_source=meta&fbclid=IwAR-1' };

  it.each<[string, string, string, unknown, object]>([
    ['starts a visit on the first page of a tab', '/articles/x/', '', undefined, { landing_page: '/articles/x/' }],
    [
      'starts a visit from another site with its referrer',
      '/articles/x/',
      'https://www.google.com/',
      kept,
      { landing_page: '/articles/x/', referrer: 'https://www.google.com/' },
    ],
    ['continues the visit on a page reached inside the site', '/articles/', `${site}/lp/a/meta/`, kept, kept],
    ['continues the visit when the browser sends no referrer (a reload, a strict referrer policy)', '/articles/', '', kept, kept],
    [
      'starts a visit on a page opened from the site when nothing is kept (a new tab)',
      '/articles/x/',
      `${site}/`,
      undefined,
      { landing_page: '/articles/x/' },
    ],
    ['starts a visit when what was kept is text', '/articles/x/', `${site}/`, 'garbage', { landing_page: '/articles/x/' }],
    ['starts a visit when what was kept is a list', '/articles/x/', `${site}/`, ['meta'], { landing_page: '/articles/x/' }],
    ['starts a visit when what was kept is null', '/articles/x/', `${site}/`, null, { landing_page: '/articles/x/' }],
    [
      'lets an ad click replace the visit, click ids and all',
      '/lp/b/google-search/?utm_source=google&gclid=Cj0-1',
      `${site}/`,
      kept,
      { utm_source: 'google', gclid: 'Cj0-1', landing_page: '/lp/b/google-search/?utm_source=google&gclid=Cj0-1' },
    ],
    [
      'keeps only what the server accepts from the address',
      `/?utm_campaign=${long(250)}&gclid={gclid}`,
      '',
      undefined,
      { utm_campaign: long(200), landing_page: `/?utm_campaign=${long(250)}&gclid={gclid}` },
    ],
    ['cleans a visit kept by an older script', '/', `${site}/articles/`, { utm_campaign: long(500), gclid: '{gclid}' }, { utm_campaign: long(200) }],
  ])('%s', (_, path, referrer, stored, visit) => {
    expect(visitAttribution(new URL(path, site), referrer, stored)).toStrictEqual(visit);
  });
});

describe('firstTouchOf', () => {
  const now = 1_800_000_000_000;
  const visit = { utm_source: 'google', gclid: 'Cj0-1', landing_page: '/lp/b/' };
  const earlier = { at: now - 1_000, utm_source: 'meta', fbclid: 'IwAR-1', landing_page: '/' };

  it.each<[string, unknown, object]>([
    ['makes this visit the first touch when none is kept', undefined, { ...visit, at: now }],
    ['keeps an earlier first touch', earlier, earlier],
    [
      'keeps a first touch 89 days old',
      { ...earlier, at: now - FIRST_TOUCH_MAX_AGE_MS + 86_400_000 },
      { ...earlier, at: now - FIRST_TOUCH_MAX_AGE_MS + 86_400_000 },
    ],
    ['replaces a first touch 90 days old', { ...earlier, at: now - FIRST_TOUCH_MAX_AGE_MS }, { ...visit, at: now }],
    ['replaces one kept without its time by an older script', { utm_source: 'meta' }, { ...visit, at: now }],
    ['replaces one whose time was kept as text', { ...earlier, at: String(now - 1_000) }, { ...visit, at: now }],
    ['replaces a kept list', [earlier], { ...visit, at: now }],
    ['cleans a kept first touch by the same rules', { at: now - 1, utm_campaign: long(500) }, { at: now - 1, utm_campaign: long(200) }],
  ])('%s', (_, stored, firstTouch) => {
    expect(firstTouchOf(stored, visit, now)).toStrictEqual(firstTouch);
  });
});
