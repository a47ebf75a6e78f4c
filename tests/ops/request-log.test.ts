import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseLogLevel, withoutAddresses } from '../../src/ops/logger.ts';
import { loggedRoute, metricsRoute, requestId } from '../../src/ops/request-log.ts';

describe('loggedRoute', () => {
  it.each([
    ['/', '/'],
    ['/articles/lead-scoring/?utm_source=x&kw=me', '/articles/lead-scoring/'],
    ['/download/d.1.worksheet.1796.c2lnbmF0dXJl', '/download/:token'],
    ['/confirm/c.9.abc', '/confirm/:token'],
    ['/unsubscribe/u.3.xyz?one-click', '/unsubscribe/:token'],
    ['/unsubscribe/', '/unsubscribe/'],
    ['/admin/leads/42', '/admin/leads/42'],
  ])('%s → %s', (url, route) => {
    expect(loggedRoute(url)).toBe(route);
  });
});

describe('metricsRoute', () => {
  it.each([
    ['/api/leads', 202, '/api/leads'],
    ['/articles/lead-scoring/?gclid=abc', 200, '/articles/lead-scoring/'],
    ['/download/d.1.worksheet.1796.c2lnbmF0dXJl?x=1', 200, '/download/:token'],
    ['/admin/leads/42', 200, '/admin/leads/:id'],
    ['/admin/email/7/retry', 303, '/admin/email/:id/retry'],
    ['/articles/top-10-tips/', 200, '/articles/top-10-tips/'],
    ['/wp-login.php?user=someone@example.com', 404, 'unmatched'],
    ['/confirm/c.9.abc', 404, 'unmatched'],
  ])('%s (%i) → %s', (url, status, route) => {
    expect(metricsRoute(url, status)).toBe(route);
  });
});

describe('requestId', () => {
  const request = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;
  const UUID = /^[0-9a-f-]{36}$/;

  it.each([
    { name: 'a proxy’s id, trusted', id: 'lb-7f3a.42', trust: true, expected: 'lb-7f3a.42' },
    { name: 'a proxy’s id without TRUST_PROXY', id: 'lb-7f3a.42', trust: false, expected: UUID },
    { name: 'no id', id: undefined, trust: true, expected: UUID },
    { name: 'an id with spaces or markup', id: 'a b<script>', trust: true, expected: UUID },
    { name: 'an id past 128 characters', id: 'x'.repeat(129), trust: true, expected: UUID },
  ])('$name', ({ id, trust, expected }) => {
    const got = requestId(request(id), trust);
    if (typeof expected === 'string') expect(got).toBe(expected);
    else expect(got).toMatch(expected);
  });
});

describe('withoutAddresses', () => {
  it.each([
    ['Invalid `to` field: Ana.B+tag@mail.example.co.uk', 'Invalid `to` field: [address]'],
    ['to <ana@example.com>, bo@example.org', 'to <[address]>, [address]'],
    ['outbox welcome #12 failed: 503', 'outbox welcome #12 failed: 503'],
  ])('%s', (message, logged) => {
    expect(withoutAddresses(message)).toBe(logged);
  });
});

describe('parseLogLevel', () => {
  it.each([
    [undefined, 'info'],
    ['', 'info'],
    ['DEBUG', 'debug'],
    ['warn', 'warn'],
  ])('%s → %s', (value, level) => {
    expect(parseLogLevel(value)).toBe(level);
  });

  it('refuses a level pino does not know, naming LOG_LEVEL', () => {
    expect(() => parseLogLevel('verbose')).toThrow(/LOG_LEVEL must be one of/);
  });
});
