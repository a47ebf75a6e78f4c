import { describe, expect, it } from 'vitest';
import { parseSiteUrl, siteUrlFromEnv } from '../../src/config/site-url';

describe('parseSiteUrl', () => {
  it.each([
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

describe('siteUrlFromEnv: what the build bakes in and the server links to', () => {
  it.each([
    [{}, 'http://localhost:4321/'],
    [{ SITE_URL: '' }, 'http://localhost:4321/'],
    [{ PORT: '4711' }, 'http://localhost:4711/'],
    [{ HOST: '0.0.0.0', PORT: '8080' }, 'http://localhost:8080/'],
    [{ HOST: '::', PORT: '8080' }, 'http://localhost:8080/'],
    [{ HOST: '192.168.1.20', PORT: '8080' }, 'http://192.168.1.20:8080/'],
    [{ HOST: 'fd00::20' }, 'http://[fd00::20]:4321/'],
    [{ HOST: 'box.lan', PORT: '80' }, 'http://box.lan/'],
    [{ SITE_URL: 'https://example.com', PORT: '4711' }, 'https://example.com/'],
    [{ SITE_URL: 'https://example.com', PORT: 'not used when SITE_URL is set' }, 'https://example.com/'],
  ])('%j gives %s', (env, expected) => {
    expect(siteUrlFromEnv(env).href).toBe(expected);
  });

  it.each([
    [{ PORT: 'http' }, /PORT must be a whole number/],
    [{ HOST: 'a host' }, /HOST must be an IP address or a host name/],
    [{ SITE_URL: 'example.com' }, /SITE_URL must be an absolute URL/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => siteUrlFromEnv(env)).toThrow(message);
  });
});
