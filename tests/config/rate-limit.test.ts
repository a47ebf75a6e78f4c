import { describe, expect, it } from 'vitest';
import { parseRateLimit } from '../../src/config/rate-limit.ts';

describe('parseRateLimit', () => {
  it.each([
    [undefined, { max: 10, windowMs: 60_000 }],
    ['', { max: 10, windowMs: 60_000 }],
    ['5/min', { max: 5, windowMs: 60_000 }],
    [' 100/HOUR ', { max: 100, windowMs: 3_600_000 }],
    ['off', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRateLimit(value)).toEqual(expected);
  });

  it.each(['0/min', '10', '10/day', 'ten/min', '-1/min', '10 / min'])('refuses %j naming RATE_LIMIT', (value) => {
    expect(() => parseRateLimit(value)).toThrow(/RATE_LIMIT/);
  });
});
