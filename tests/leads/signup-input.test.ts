import { describe, expect, it } from 'vitest';
import { parseSignup } from '../../src/leads/signup-input.ts';

const base = { email: 'reader@example.com', consent: 'on' };
const long = (length: number, character = 'a') => character.repeat(length);

/** The input a signup gives when it is accepted, or fails the test with the errors it got. */
function accepted(fields: Record<string, unknown>) {
  const parsed = parseSignup(fields);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
  return parsed.input;
}

/** The errors, field by field, of a signup that is refused. */
function refused(fields: Record<string, unknown>) {
  const parsed = parseSignup(fields);
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(parsed.input)}`);
  return parsed.errors;
}

describe('parseSignup: the email address', () => {
  it.each<[string, unknown, string]>([
    ['keeps a plain address as it is', 'reader@example.com', 'reader@example.com'],
    ['trims spaces around the address', '  reader@example.com \t', 'reader@example.com'],
    ['lower-cases the whole address', 'Reader.Name@Example.COM', 'reader.name@example.com'],
    ['writes an internationalised domain in punycode', 'reader@bücher.de', 'reader@xn--bcher-kva.de'],
    ['keeps plus and dot in the part before the @', 'first.last+news@example.com', 'first.last+news@example.com'],
    [
      'keeps an address of exactly 254 characters',
      `${long(64)}@${long(63, 'b')}.${long(63, 'c')}.${long(61, 'd')}`,
      `${long(64)}@${long(63, 'b')}.${long(63, 'c')}.${long(61, 'd')}`,
    ],
  ])('%s', (_, email, stored) => {
    expect(accepted({ ...base, email }).email).toBe(stored);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['refuses a signup without an address', {}, 'Enter your email address.'],
    ['refuses an empty address', { email: '' }, 'Enter your email address.'],
    ['refuses an address of only spaces', { email: '   ' }, 'Enter your email address.'],
    ['refuses an address that is not text', { email: 42 }, 'Enter your email address.'],
    [
      'refuses an address of 255 characters',
      { email: `${long(64)}@${long(63, 'b')}.${long(63, 'c')}.${long(62, 'd')}` },
      'This address is too long.',
    ],
    [
      'refuses an address over 254 characters even when the excess is spaces',
      { email: `${long(250, ' ')}reader@example.com` },
      'This address is too long.',
    ],
    ['refuses an address without an @', { email: 'reader.example.com' }, 'Enter an address like name@example.com.'],
    ['refuses an address with nothing after the @', { email: 'reader@' }, 'Enter an address like name@example.com.'],
    ['refuses an address with accents before the @', { email: 'rené@example.com' }, 'Use only plain letters, digits and . _ + - before the @.'],
    ['refuses an address whose domain has no dot', { email: 'reader@localhost' }, 'The part after the @ is not a valid domain.'],
  ])('%s', (_, fields, message) => {
    expect(refused({ consent: 'on', ...fields })).toEqual({ email: message });
  });
});

describe('parseSignup: the name', () => {
  it.each<[string, unknown, string | undefined]>([
    ['keeps a name', 'Ada Lovelace', 'Ada Lovelace'],
    ['trims spaces around the name', '  Ada  ', 'Ada'],
    ['keeps a name of 100 characters', long(100), long(100)],
    ['keeps a name with letters beyond Latin-1', 'Zoë Ñúñez 李', 'Zoë Ñúñez 李'],
    ['keeps a name with a no-break space and a tilde', 'Ada\u00a0~Byron', 'Ada\u00a0~Byron'],
    ['stores an empty name as no name', '', undefined],
    ['stores a name of only spaces as no name', '   ', undefined],
    ['stores a missing name as no name', undefined, undefined],
  ])('%s', (_, name, stored) => {
    expect(accepted({ ...base, name }).name).toBe(stored);
  });

  it.each<[string, unknown, string]>([
    ['refuses a name of 101 characters', long(101), 'must be at most 100 characters'],
    ['refuses a name that is not text', 42, 'must be text'],
    ['refuses a name with a line break', 'Ada\nBcc: x@example.com', 'must be one line without control characters'],
    ['refuses a name with a carriage return', 'Ada\rByron', 'must be one line without control characters'],
    ['refuses a name with a NUL character', 'Ada\u0000Byron', 'must be one line without control characters'],
    ['refuses a name with a tab', 'Ada\tByron', 'must be one line without control characters'],
    ['refuses a name with a unit separator (U+001F)', 'Ada\u001fByron', 'must be one line without control characters'],
    ['refuses a name with a DEL character', 'Ada\u007fByron', 'must be one line without control characters'],
    ['refuses a name with a C1 control (U+0085)', 'Ada\u0085Byron', 'must be one line without control characters'],
    ['refuses a name with the last C1 control (U+009F)', 'Ada\u009fByron', 'must be one line without control characters'],
    ['refuses a name with a line separator (U+2028)', 'Ada\u2028Byron', 'must be one line without control characters'],
    ['refuses a name with a paragraph separator (U+2029)', 'Ada\u2029Byron', 'must be one line without control characters'],
    ['names only the first problem of a long name with a line break', `${long(100)}\nx`, 'must be at most 100 characters'],
  ])('%s', (_, name, message) => {
    expect(refused({ ...base, name })).toEqual({ name: message });
  });
});

describe('parseSignup: the magnet, landing page and variant slugs', () => {
  const slugFields = ['magnet', 'landing', 'variant'] as const;

  it.each<[string, unknown, string | undefined]>([
    ['keeps a slug of words and digits', 'seo-checklist-2027', 'seo-checklist-2027'],
    ['keeps a one-letter slug', 'a', 'a'],
    ['keeps a slug of the last letter', 'z', 'z'],
    ['keeps a slug of digits', '0123456789', '0123456789'],
    ['keeps a slug of 80 characters', long(80), long(80)],
    ['trims spaces around a slug', '  guide ', 'guide'],
    ['stores an empty slug as none', '', undefined],
    ['stores a missing slug as none', undefined, undefined],
  ])('%s', (_, slug, stored) => {
    for (const field of slugFields) expect(accepted({ ...base, [field]: slug })[field]).toBe(stored);
  });

  it.each<[string, unknown, string]>([
    ['refuses a slug of 81 characters', long(81), 'must be at most 80 characters'],
    ['refuses a slug with capitals', 'SEO-Guide', 'is not a known slug'],
    ['refuses a slug with a space inside', 'seo guide', 'is not a known slug'],
    ['refuses a slug with an underscore', 'seo_guide', 'is not a known slug'],
    ['refuses a slug that starts with a hyphen', '-guide', 'is not a known slug'],
    ['refuses a slug that ends with a hyphen', 'guide-', 'is not a known slug'],
    ['refuses a slug with a double hyphen', 'seo--guide', 'is not a known slug'],
    ['refuses a slug with a path in it', '../guide', 'is not a known slug'],
    ['refuses a slug with a line break', 'guide\nx', 'is not a known slug'],
    ['refuses a slug of only spaces', '   ', 'is not a known slug'],
    ['refuses a slug that is not text', 42, 'must be text'],
  ])('%s', (_, slug, message) => {
    for (const field of slugFields) expect(refused({ ...base, [field]: slug })).toEqual({ [field]: message });
  });
});

describe('parseSignup: the page the form was on', () => {
  it.each<[string, unknown, string | undefined]>([
    ['keeps the home page', '/', '/'],
    ['keeps an article path', '/articles/seo-basics/', '/articles/seo-basics/'],
    ['keeps a path with a query', '/lp/guide/?v=b', '/lp/guide/?v=b'],
    ['trims spaces around the path', ' /articles/x/ ', '/articles/x/'],
    ['keeps a path of 300 characters', `/${long(299)}`, `/${long(299)}`],
    ['stores an empty page as none', '', undefined],
    ['stores a missing page as none', undefined, undefined],
  ])('%s', (_, page, stored) => {
    expect(accepted({ ...base, page }).page).toBe(stored);
  });

  it.each<[string, unknown, string]>([
    ['refuses a full URL', 'https://example.com/articles/x/', 'must be a path on this site, like /articles/x/'],
    ['refuses a protocol-relative URL', '//evil.example/x', 'must be a path on this site, like /articles/x/'],
    ['refuses a path without its leading slash', 'articles/x/', 'must be a path on this site, like /articles/x/'],
    ['refuses a path with a space inside', '/articles/x y/', 'must be a path on this site, like /articles/x/'],
    ['refuses a path with a backslash', '/\\evil.example', 'must be a path on this site, like /articles/x/'],
    ['refuses a path of 301 characters', `/${long(300)}`, 'must be at most 300 characters'],
    ['refuses a path with a line break', '/a\nb', 'must be one line without control characters'],
    ['refuses a page that is not text', 42, 'must be text'],
  ])('%s', (_, page, message) => {
    expect(refused({ ...base, page })).toEqual({ page: message });
  });
});

describe('parseSignup: consent', () => {
  it.each<[string, unknown, boolean]>([
    ['takes a ticked checkbox (on) as consent', 'on', true],
    ['takes true as consent', 'true', true],
    ['takes 1 as consent', '1', true],
    ['takes yes as consent', 'yes', true],
    ['takes YES with spaces around as consent', ' YES ', true],
    ['takes the JSON boolean true as consent', true, true],
    ['takes the JSON boolean false as no consent', false, false],
    ['takes a missing consent as no consent', undefined, false],
    ['takes an empty value as no consent', '', false],
    ['takes off as no consent', 'off', false],
    ['takes false as no consent', 'false', false],
    ['takes 0 as no consent', '0', false],
    ['takes No as no consent', 'No', false],
  ])('%s', (_, consent, stored) => {
    expect(accepted({ ...base, consent }).consent).toBe(stored);
  });

  it.each<[string, unknown]>([
    ['refuses a word that is neither yes nor no', 'maybe'],
    ['refuses a JSON number', 1],
    ['refuses null', null],
  ])('%s', (_, consent) => {
    expect(refused({ ...base, consent })).toEqual({ consent: 'must be yes or no' });
  });
});

describe('parseSignup: the whole signup', () => {
  it('accepts a full signup and returns exactly the cleaned fields', () => {
    expect(
      accepted({
        email: ' Reader@Example.com ',
        name: ' Ada ',
        magnet: 'seo-checklist',
        landing: 'spring-guide',
        variant: 'b',
        page: '/lp/spring-guide/',
        consent: 'yes',
        website: '',
        stamp: 'signed-stamp',
        unknown_field: 'ignored',
      }),
    ).toEqual({
      email: 'reader@example.com',
      name: 'Ada',
      magnet: 'seo-checklist',
      landing: 'spring-guide',
      variant: 'b',
      page: '/lp/spring-guide/',
      consent: true,
      website: '',
      stamp: 'signed-stamp',
      firstTouch: undefined,
      attributionNotes: [],
    });
  });

  it('names every bad field at once, one message each', () => {
    expect(refused({ email: 'reader@', name: 'a\nb', magnet: 'Bad', landing: long(81), variant: '-b', page: 'x', consent: 'maybe' })).toEqual({
      email: 'Enter an address like name@example.com.',
      name: 'must be one line without control characters',
      magnet: 'is not a known slug',
      landing: 'must be at most 80 characters',
      variant: 'is not a known slug',
      page: 'must be a path on this site, like /articles/x/',
      consent: 'must be yes or no',
    });
  });

  it('refuses a body that is not an object, under the name body', () => {
    expect(Object.keys(refused(null as unknown as Record<string, unknown>))).toEqual(['body']);
  });
});

describe('parseSignup: attribution', () => {
  it('passes every attribution field on as the cleaning rules keep it, and nothing raw', () => {
    const firstTouch = { at: 1_700_000_000_000, utm_source: 'newsletter', landing_page: '/' };
    expect(
      accepted({
        ...base,
        utm_source: ' google ',
        utm_medium: 'cpc',
        utm_campaign: 'spring_2027',
        utm_term: 'seo audit',
        utm_content: 'ad-1',
        gclid: 'Cj0-abc',
        fbclid: 'IwAR-1',
        ttclid: 'tt-1',
        landing_page: '/lp/x/?utm_source=google',
        referrer: 'https://www.google.com/',
        first_touch: JSON.stringify(firstTouch),
      }),
    ).toEqual({
      email: 'reader@example.com',
      consent: true,
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'spring_2027',
      utm_term: 'seo audit',
      utm_content: 'ad-1',
      gclid: 'Cj0-abc',
      fbclid: 'IwAR-1',
      ttclid: 'tt-1',
      landing_page: '/lp/x/?utm_source=google',
      referrer: 'https://www.google.com/',
      firstTouch,
      attributionNotes: [],
    });
  });

  it.each<[string, Record<string, unknown>, object, object[]]>([
    [
      'truncates a 250-character utm_campaign, noting it',
      { utm_campaign: long(250, 'c') },
      { utm_campaign: long(200, 'c') },
      [{ field: 'utm_campaign', action: 'truncated', length: 250 }],
    ],
    [
      'drops an unfilled gclid macro, noting it',
      { gclid: '{gclid}', utm_source: 'google' },
      { utm_source: 'google' },
      [{ field: 'gclid', action: 'dropped', value: '{gclid}' }],
    ],
    [
      'drops a referrer that is not a URL, noting it',
      { referrer: 'android-app' },
      {},
      [{ field: 'referrer', action: 'dropped', value: 'android-app' }],
    ],
    [
      'drops a utm_source with a line break, noting it',
      { utm_source: 'google\r\nBcc: x' },
      {},
      [{ field: 'utm_source', action: 'dropped', value: 'google\r\nBcc: x' }],
    ],
    ['drops a utm_source that is not text, noting it', { utm_source: 42 }, {}, [{ field: 'utm_source', action: 'dropped', value: '42' }]],
    ['drops a broken first touch, noting it', { first_touch: 'nope' }, {}, [{ field: 'first_touch', action: 'dropped', value: 'nope' }]],
  ])('accepts the signup but %s', (_, attribution, kept, notes) => {
    expect(accepted({ ...base, ...attribution })).toEqual({
      email: 'reader@example.com',
      consent: true,
      ...kept,
      firstTouch: undefined,
      attributionNotes: notes,
    });
  });

  it('still refuses a bad address beside bad attribution, naming only the address', () => {
    expect(refused({ ...base, email: 'someone@', utm_campaign: long(250, 'c'), gclid: '{gclid}' })).toEqual({
      email: 'Enter an address like name@example.com.',
    });
  });
});
