import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryAfterMs, retryDelay } from '../../src/outbox/backoff.ts';

describe('retryDelay', () => {
  it.each([
    [1, undefined, 2_000],
    [2, undefined, 4_000],
    [3, undefined, 8_000],
    [10, undefined, 900_000],
    [1, 30_000, 30_000],
    [5, 1_000, 32_000],
  ])('attempt %i with Retry-After %s ms waits %i ms', (attempt, retryAfter, expected) => {
    expect(retryDelay(attempt, DEFAULT_RETRY_POLICY, retryAfter)).toBe(expected);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-22T12:00:00Z');
  it.each([
    ['30', 30_000],
    ['0', 0],
    ['Sun, 22 Nov 2026 12:01:00 GMT', 60_000],
    ['Sun, 22 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j → %s', (value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });
});
