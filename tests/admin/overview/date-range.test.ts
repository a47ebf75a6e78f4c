import { describe, expect, it } from 'vitest';
import { dateOfDay, dayOfDate, parseDayRange, rangeMs } from '../../../src/admin/overview/date-range.ts';

const today = dayOfDate('2026-12-02')!;
const parse = (query: string) => parseDayRange(new URLSearchParams(query), today);
const dates = (query: string) => {
  const parsed = parse(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return `${dateOfDay(parsed.range.fromDay)} ${dateOfDay(parsed.range.toDay)}`;
};

describe('parseDayRange', () => {
  it.each([
    ['', '2026-11-03 2026-12-02'],
    ['days=7', '2026-11-26 2026-12-02'],
    ['days=30', '2026-11-03 2026-12-02'],
    ['days=90', '2026-09-04 2026-12-02'],
    ['from=2026-11-01&to=2026-11-03', '2026-11-01 2026-11-03'],
    ['from=2026-11-01&to=2026-11-01', '2026-11-01 2026-11-01'],
    ['from=2026-11-01', '2026-11-01 2026-12-02'],
    ['to=2026-10-31', '2026-10-02 2026-10-31'],
    ['from=&to=', '2026-11-03 2026-12-02'],
    ['from=2024-02-29&to=2024-03-01', '2024-02-29 2024-03-01'],
    ['from=2025-12-02&to=2026-12-02', '2025-12-02 2026-12-02'],
  ])('reads ?%s as %s', (query, expected) => {
    expect(dates(query)).toBe(expected);
  });

  it.each([
    ['days=14', /one of 7, 30, 90/],
    ['days=abc', /one of 7, 30, 90/],
    ['days=7&from=2026-11-01', /not both/],
    ['from=2026-13-01&to=2026-12-01', /“From” must be a date written YYYY-MM-DD/],
    ['from=2026-02-30', /“From” must be a date/],
    ['from=01/11/2026', /“From” must be a date/],
    ['to=yesterday', /“To” must be a date/],
    ['from=2026-11-05&to=2026-11-01', /on or before/],
    ['from=2024-01-01&to=2026-01-01', /at most 366 days/],
  ])('refuses ?%s with a message', (query, message) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });
});

describe('rangeMs', () => {
  it('runs from the first midnight to the midnight after the last day', () => {
    expect(rangeMs({ fromDay: dayOfDate('2026-11-01')!, toDay: dayOfDate('2026-11-02')! })).toEqual({
      start: Date.parse('2026-11-01T00:00:00Z'),
      end: Date.parse('2026-11-03T00:00:00Z'),
    });
  });
});
