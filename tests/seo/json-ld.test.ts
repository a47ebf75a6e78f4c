import { describe, expect, it } from 'vitest';
import { articleJsonLd, breadcrumbJsonLd, faqJsonLd, organizationJsonLd, serializeJsonLd, webSiteJsonLd } from '../../src/seo/json-ld';

const origin = new URL('https://example.com/');

describe('articleJsonLd', () => {
  const base = {
    url: new URL('/articles/what-is-a-lead/', origin),
    headline: 'What is a lead?',
    description: 'A definition.',
    published: new Date('2026-03-04T00:00:00Z'),
    author: { name: 'Maya Okafor', url: new URL('/authors/maya-okafor/', origin) },
    publisher: { name: 'Lodestone', url: origin, logo: new URL('/logo.png', origin) },
    image: new URL('/og-default.png', origin),
    keywords: ['what is a lead', 'Lead basics'],
    lang: 'en',
  };

  it.each([
    ['without an update, dateModified is the publication date', undefined, '2026-03-04T00:00:00.000Z'],
    ['with an update, dateModified is the update', new Date('2026-09-18T00:00:00Z'), '2026-09-18T00:00:00.000Z'],
  ])('%s', (_, updated, modified) => {
    const data = articleJsonLd({ ...base, updated });
    expect(data).toMatchObject({
      '@type': 'Article',
      headline: 'What is a lead?',
      datePublished: '2026-03-04T00:00:00.000Z',
      dateModified: modified,
      author: { '@type': 'Person', name: 'Maya Okafor', url: 'https://example.com/authors/maya-okafor/' },
      image: ['https://example.com/og-default.png'],
      mainEntityOfPage: 'https://example.com/articles/what-is-a-lead/',
      keywords: 'what is a lead, Lead basics',
    });
  });
});

describe('breadcrumbJsonLd', () => {
  it('numbers the crumbs from 1 with absolute URLs', () => {
    const data = breadcrumbJsonLd([
      { name: 'Home', url: origin },
      { name: 'Articles', url: new URL('/articles/', origin) },
    ]);
    expect(data.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://example.com/' },
      { '@type': 'ListItem', position: 2, name: 'Articles', item: 'https://example.com/articles/' },
    ]);
  });
});

describe('faqJsonLd', () => {
  it('turns each question into a Question with an accepted Answer', () => {
    expect(faqJsonLd([{ question: 'Is a lead a customer?', answer: 'No, a lead has not bought yet.' }])).toEqual({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: [
        { '@type': 'Question', name: 'Is a lead a customer?', acceptedAnswer: { '@type': 'Answer', text: 'No, a lead has not bought yet.' } },
      ],
    });
  });
});

describe('organizationJsonLd and webSiteJsonLd', () => {
  it('link the website to its publisher by @id', () => {
    const organization = organizationJsonLd({ name: 'Lodestone', url: origin, logo: new URL('/logo.png', origin) });
    const webSite = webSiteJsonLd({ name: 'Lodestone', description: 'Guides.', url: origin, lang: 'en' });
    expect(organization['@id']).toBe('https://example.com/#organization');
    expect(webSite.publisher).toEqual({ '@id': organization['@id'] });
  });
});

describe('serializeJsonLd', () => {
  it.each([
    ['</script><script>alert(1)</script>', '\\u003c/script\\u003e'],
    ['Tom & Jerry', 'Tom \\u0026 Jerry'],
    ['line\u2028separator', 'line\\u2028separator'],
    ['paragraph\u2029separator', 'paragraph\\u2029separator'],
    ['a > b', 'a \\u003e b'],
  ])('escapes %j so it cannot break out of the script element', (value, fragment) => {
    const json = serializeJsonLd({ headline: value });
    expect(json).toContain(fragment);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ headline: value });
  });

  it('escapes every unsafe character of a value that mixes them, and leaves the rest as JSON.stringify wrote it', () => {
    const data = [{ name: '<b>Q&A</b>\u2028\u2029 «café» "quoted" \\ back' }, { text: 'plain' }];
    const json = serializeJsonLd(data);
    expect(json).toBe('[{"name":"\\u003cb\\u003eQ\\u0026A\\u003c/b\\u003e\\u2028\\u2029 «café» \\"quoted\\" \\\\ back"},{"text":"plain"}]');
    expect(JSON.parse(json)).toEqual(data);
  });
});
