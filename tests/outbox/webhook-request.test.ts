import { describe, expect, it } from 'vitest';
import { webhookOutcome } from '../../src/outbox/webhook-request.ts';

const NOW = Date.parse('2026-12-01T09:00:00Z');

describe('webhookOutcome', () => {
  it.each([200, 201, 202, 204, 299])('takes a %i as delivered', (status) => {
    expect(webhookOutcome(status, null, NOW)).toEqual({ ok: true, providerId: null });
  });

  it.each([
    [408, null, undefined],
    [429, '30', 30_000],
    [429, 'Tue, 01 Dec 2026 09:02:00 GMT', 120_000],
    [500, null, undefined],
    [502, null, undefined],
    [503, '5', 5_000],
    [504, null, undefined],
  ])('retries a %i (Retry-After %s → %s ms)', (status, retryAfter, wait) => {
    expect(webhookOutcome(status, retryAfter, NOW, 'busy')).toEqual({
      ok: false,
      retryable: true,
      error: `http ${status}: busy`,
      retryAfterMs: wait,
    });
  });

  it.each([301, 302, 307, 400, 401, 403, 404, 405, 409, 410, 413, 415, 422])('fails a %i for good, naming the status', (status) => {
    expect(webhookOutcome(status, '30', NOW)).toMatchObject({ ok: false, retryable: false, error: `http ${status}` });
  });
});
