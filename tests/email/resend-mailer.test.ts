import { describe, expect, it } from 'vitest';
import { resendOutcome, type ResendError } from '../../src/email/resend-mailer.ts';
import { retryAfterMs } from '../../src/outbox/backoff.ts';

const NOW = Date.UTC(2026, 11, 2, 12);

describe('resendOutcome', () => {
  it.each<[string, ResendError | null, string | undefined, object]>([
    [
      'no answer at all (network cut, timeout): retried, since it may have been sent',
      { statusCode: null, name: 'application_error', message: 'Unable to fetch data. The request could not be resolved.' },
      undefined,
      { ok: false, retryable: true },
    ],
    ['no error object at all: retried', null, undefined, { ok: false, retryable: true, error: 'error: no answer' }],
    ['a server error: retried', { statusCode: 500, name: 'internal_server_error', message: 'oops' }, undefined, { ok: false, retryable: true }],
    ['a 503: retried', { statusCode: 503, name: 'application_error' }, undefined, { ok: false, retryable: true }],
    [
      'a rate limit: retried no sooner than Retry-After',
      { statusCode: 429, name: 'rate_limit_exceeded' },
      '7',
      { ok: false, retryable: true, retryAfterMs: 7_000 },
    ],
    [
      'the same key still running elsewhere: asked again later',
      { statusCode: 409, name: 'concurrent_idempotent_requests' },
      undefined,
      { ok: false, retryable: true },
    ],
    [
      'our own key refused as reused: Resend took this request before, so it is delivered',
      { statusCode: 409, name: 'invalid_idempotent_request' },
      undefined,
      { ok: true, providerId: null },
    ],
    [
      'a validation error: final, and marks the request malformed',
      { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' },
      undefined,
      { ok: false, retryable: false, invalid: true, error: 'validation_error (422): Invalid `to` field.' },
    ],
    ['a bad request: final and malformed', { statusCode: 400, name: 'invalid_parameter' }, undefined, { ok: false, retryable: false, invalid: true }],
    [
      'a wrong API key: final, but the emails themselves are fine',
      { statusCode: 403, name: 'invalid_api_key' },
      undefined,
      { ok: false, retryable: false },
    ],
  ])('%s', (_, error, retryAfter, expected) => {
    const outcome = resendOutcome(error, retryAfter, NOW);
    expect(outcome).toMatchObject(expected);
    if (!outcome.ok && !('invalid' in expected)) expect(outcome.invalid).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it.each<[string | null | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['0', 0],
    ['30', 30_000],
    ['1.5', 1_500],
    ['-3', undefined],
    ['soon', undefined],
    [new Date(NOW + 90_000).toUTCString(), 90_000],
    [new Date(NOW - 90_000).toUTCString(), 0],
  ])('reads Retry-After %j as %j ms', (value, expected) => {
    expect(retryAfterMs(value, NOW)).toBe(expected);
  });
});
