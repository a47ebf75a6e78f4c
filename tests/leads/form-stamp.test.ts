import { describe, expect, it } from 'vitest';
import { checkFormStamp, MIN_FILL_MS, signFormStamp, STAMP_LIFETIME_MS } from '../../src/leads/form-stamp.ts';

const secret = 'a-secret-that-is-long-enough-0123456789';
const now = Date.UTC(2026, 10, 22, 12);
const issued = (ageMs: number) => signFormStamp(secret, now - ageMs);

describe('checkFormStamp', () => {
  it.each([
    ['a stamp issued 3 s ago', issued(3_000), 'ok'],
    ['a stamp issued exactly 2 s ago', issued(MIN_FILL_MS), 'ok'],
    ['a stamp issued 1.9 s ago', issued(1_900), 'too-fast'],
    ['a stamp issued 1 ms short of 2 s ago', issued(MIN_FILL_MS - 1), 'too-fast'],
    ['a stamp issued this very millisecond', issued(0), 'too-fast'],
    ['a stamp issued 30 s in the future (clock skew between servers)', issued(-30_000), 'too-fast'],
    ['a stamp issued 1 h 59 min ago (a page left open)', issued(STAMP_LIFETIME_MS - 60_000), 'ok'],
    ['a stamp issued exactly 2 h ago', issued(STAMP_LIFETIME_MS), 'ok'],
    ['a stamp issued 2 h and 1 ms ago', issued(STAMP_LIFETIME_MS + 1), 'expired'],
    ['a stamp issued a month ago (replayed, or a cached page)', issued(30 * 86_400_000), 'expired'],
    ['a stamp signed with another secret', signFormStamp('another-secret-that-is-long-enough-000', now - 3_000), 'forged'],
    ['an expired stamp signed with another secret', signFormStamp('another-secret-that-is-long-enough-000', now - 3 * STAMP_LIFETIME_MS), 'forged'],
    ['a stamp with its time changed', issued(3 * STAMP_LIFETIME_MS).replace(/^\d+/, String(now - 10_000)), 'forged'],
    ['a stamp from exactly 1 min in the future (the most skew allowed)', issued(-60_000), 'too-fast'],
    ['a stamp from 1 min and 1 ms in the future', issued(-60_001), 'forged'],
    ['a stamp from 2 minutes in the future', issued(-120_000), 'forged'],
    ['a valid stamp with something before it', `x${issued(3_000)}`, 'forged'],
    ['a valid stamp with something after it', `${issued(3_000)}x`, 'forged'],
    ['garbage', 'not-a-stamp', 'forged'],
    ['an empty value', '', 'missing'],
    ['no value', undefined, 'missing'],
    ['a number', 12345, 'missing'],
  ])('%s → %s', (_, stamp, verdict) => {
    expect(checkFormStamp(secret, stamp, now)).toBe(verdict);
  });
});
