import { describe, expect, it } from 'vitest';
import { acceptedMediaType, BodyTooLargeError, clientAddress, decodeBody, isSameOrigin, readBody } from '../../src/leads/request-guards.ts';

describe('acceptedMediaType', () => {
  it.each([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=----x', 'multipart/form-data'],
    ['text/plain', undefined],
    ['text/plain; application/json', undefined],
    ['application/json-patch+json', undefined],
    ['application/jsonx', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %s', (header, type) => {
    expect(acceptedMediaType(header)).toBe(type);
  });
});

describe('isSameOrigin', () => {
  const allowed = new Set(['https://lodestone.example', 'http://127.0.0.1:4321']);
  it.each([
    [{ origin: 'https://lodestone.example' }, true],
    [{ origin: 'HTTPS://LODESTONE.EXAMPLE' }, true],
    [{ origin: 'http://127.0.0.1:4321' }, true],
    [{ origin: 'https://lodestone.example.evil.test' }, false],
    [{ origin: 'null' }, false],
    [{ origin: 'https://evil.test', referer: 'https://lodestone.example/a/' }, false],
    [{ referer: 'https://lodestone.example/articles/x/' }, true],
    [{ referer: 'https://evil.test/?https://lodestone.example' }, false],
    [{ referer: 'not a url' }, false],
    [{}, false],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOrigin(new Headers(headers), allowed)).toBe(expected);
  });
});

describe('clientAddress', () => {
  it.each([
    ['10.0.0.1', {}, false, '10.0.0.1'],
    ['10.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, false, '10.0.0.1'],
    ['10.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, true, '203.0.113.9'],
    ['10.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }, true, '203.0.113.9'],
    ['10.0.0.1', {}, true, '10.0.0.1'],
  ])('socket %s with %j, trust proxy %s → %s', (socket, headers, trust, expected) => {
    expect(clientAddress(socket, new Headers(headers), trust)).toBe(expected);
  });
});

describe('readBody', () => {
  it('reads a body within the limit', async () => {
    const body = await readBody(new Request('http://x/', { method: 'POST', body: 'abc' }), 10);
    expect(new TextDecoder().decode(body)).toBe('abc');
  });

  it('refuses a body over the limit even without Content-Length', async () => {
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    await expect(readBody(request, 4096)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe('decodeBody', () => {
  it.each([
    ['application/json', '{"email":"a@b.co"}', { ok: true, fields: { email: 'a@b.co' } }],
    ['application/json', '{"email":', { ok: false, errors: { body: 'is not valid JSON' } }],
    ['application/json', '"text"', { ok: false, errors: { body: 'must be a JSON object' } }],
    ['application/json', 'null', { ok: false, errors: { body: 'must be a JSON object' } }],
    ['application/x-www-form-urlencoded', 'email=a%40b.co&email=second&constructor=x', { ok: true, fields: { email: 'a@b.co', constructor: 'x' } }],
  ] as const)('%s %j', async (type, body, expected) => {
    expect(await decodeBody(type, type, new TextEncoder().encode(body))).toEqual(expected);
  });
});
