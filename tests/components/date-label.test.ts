import { describe, expect, it } from 'vitest';
import { dateAttribute, dateLabel } from '../../src/components/date-label';

describe('dateLabel', () => {
  it.each([
    ['2026-09-01T00:00:00Z', '1 September 2026'],
    ['2026-03-04T23:59:59Z', '4 March 2026'],
    ['2025-12-31T12:00:00Z', '31 December 2025'],
  ])('%s reads "%s" (UTC, whatever the time of day)', (iso, label) => {
    expect(dateLabel(new Date(iso))).toBe(label);
  });

  it('gives the same label when the same date is shown again, on another Date object', () => {
    const first = dateLabel(new Date('2026-05-06T00:00:00Z'));
    expect(dateLabel(new Date('2026-05-06T00:00:00Z'))).toBe(first);
    expect(first).toBe('6 May 2026');
  });

  it('labels each date correctly after more distinct dates than it keeps', () => {
    const day = 86_400_000;
    for (let index = 0; index < 10_500; index++) dateLabel(new Date(index * day));
    expect(dateLabel(new Date(0))).toBe('1 January 1970');
    expect(dateLabel(new Date(10_499 * day))).toBe('30 September 1998');
  });

  it('refuses an invalid date, as the formatter does', () => {
    expect(() => dateLabel(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('dateAttribute', () => {
  it('is the UTC calendar day', () => {
    expect(dateAttribute(new Date('2026-09-01T23:30:00Z'))).toBe('2026-09-01');
  });
});
