import { describe, expect, it } from 'vitest';
import { dayOf, returnVisits, type LeadEvent } from '../../src/scoring/lead-events.ts';

const at = (iso: string): LeadEvent => ({ type: 'email_click', at: Date.parse(iso) });

describe('dayOf', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0],
    ['1970-01-01T23:59:59.999Z', 0],
    ['1970-01-02T00:00:00Z', 1],
    ['2026-12-01T12:00:00Z', 20788],
  ])('%s is UTC day %i', (iso, day) => {
    expect(dayOf(Date.parse(iso))).toBe(day);
  });
});

describe('returnVisits: the UTC days with activity after the first', () => {
  it.each([
    ['no events', [], 0],
    ['one event', [at('2026-11-20T09:00:00Z')], 0],
    ['a morning and an evening', [at('2026-11-20T00:00:00Z'), at('2026-11-20T23:59:59Z')], 0],
    ['either side of midnight UTC', [at('2026-11-20T23:59:00Z'), at('2026-11-21T00:01:00Z')], 1],
    [
      'three days, out of order, one twice',
      [at('2026-11-25T10:00:00Z'), at('2026-11-20T10:00:00Z'), at('2026-11-22T10:00:00Z'), at('2026-11-25T11:00:00Z')],
      2,
    ],
  ])('%s: %i', (_, events, visits) => {
    expect(returnVisits(events)).toBe(visits);
  });
});
