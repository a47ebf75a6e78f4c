import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_URL, parseSiteUrl } from '../../src/config/site-url';

describe('parseSiteUrl', () => {
  it.each([
    [undefined, DEFAULT_SITE_URL + '/'],
    ['', DEFAULT_SITE_URL + '/'],
    ['https://example.com', 'https://example.com/'],
    ['  https://example.com/  ', 'https://example.com/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
  ])('accepts %j as %s', (value, expected) => {
    expect(parseSiteUrl(value).href).toBe(expected);
  });

  it.each([
    ['example.com', /SITE_URL must be an absolute URL/],
    ['ftp://example.com', /SITE_URL must use http or https/],
    ['https://example.com/?ref=1', /SITE_URL must be a bare origin/],
    ['https://user:pass@example.com', /SITE_URL must be a bare origin/],
    ['https://example.com/blog/', /SITE_URL must be an origin without a path/],
  ])('refuses %j with a message naming SITE_URL', (value, message) => {
    expect(() => parseSiteUrl(value)).toThrow(message);
  });
});
