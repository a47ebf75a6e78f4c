import { describe, expect, it } from 'vitest';
import { checkFormStamp, MIN_FILL_MS, signFormStamp } from '../../src/leads/form-stamp.ts';

const secret = 'a-secret-that-is-long-enough-0123456789';
const now = Date.UTC(2026, 10, 22, 12);

describe('checkFormStamp', () => {
  it.each([
    ['a stamp issued 3 s ago', signFormStamp(secret, now - 3_000), 'ok'],
    ['a stamp issued a month ago (a cached page)', signFormStamp(secret, now - 30 * 86_400_000), 'ok'],
    ['a stamp issued exactly 2 s ago', signFormStamp(secret, now - MIN_FILL_MS), 'ok'],
    ['a stamp issued 1.9 s ago', signFormStamp(secret, now - 1_900), 'too-fast'],
    ['a stamp signed with another secret', signFormStamp('another-secret-that-is-long-enough-000', now - 3_000), 'forged'],
    ['a stamp with its time changed', signFormStamp(secret, now - 3_000).replace(/^\d+/, String(now - 10_000)), 'forged'],
    ['a stamp from the future', signFormStamp(secret, now + 120_000), 'forged'],
    ['garbage', 'not-a-stamp', 'forged'],
    ['an empty value', '', 'missing'],
    ['no value', undefined, 'missing'],
    ['a number', 12345, 'missing'],
  ])('%s → %s', (_, stamp, verdict) => {
    expect(checkFormStamp(secret, stamp, now)).toBe(verdict);
  });
});
