import { DAY_MS } from '../../scoring/lead-events.ts';

/** The quick ranges the overview links to, in days ending today. */
export const QUICK_RANGES = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;
/** The longest range one page shows: a chart of more days than this stops being readable. */
export const MAX_DAYS = 366;

/** A range of whole UTC days, both ends included, as day numbers since the epoch. */
export interface DayRange {
  fromDay: number;
  toDay: number;
}

export type RangeParse = { ok: true; range: DayRange; days?: number } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` date as its UTC day number, or undefined when it is not a real date. */
export function dayOfDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over into March: a real date reads back the same.
  return new Date(at).toISOString().slice(0, 10) === text ? at / DAY_MS : undefined;
}

/** A UTC day number as `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The range a query string asks for: `?days=7|30|90` (ending today), or `?from=YYYY-MM-DD&to=YYYY-MM-DD`
 * (UTC days, both included; either end alone runs to today or from 30 days before `to`); nothing
 * means the last 30 days. A wrong value gets a message saying what is expected.
 */
export function parseDayRange(query: URLSearchParams, today: number): RangeParse {
  const days = query.get('days');
  const from = query.get('from')?.trim() || undefined;
  const to = query.get('to')?.trim() || undefined;
  if (days !== null && (from || to)) return { ok: false, message: 'Choose either a number of days or a from–to range, not both.' };
  if (days !== null) {
    const count = Number(days);
    if (!QUICK_RANGES.includes(count as (typeof QUICK_RANGES)[number])) {
      return { ok: false, message: `The number of days must be one of ${QUICK_RANGES.join(', ')}.` };
    }
    return { ok: true, range: { fromDay: today - count + 1, toDay: today }, days: count };
  }
  if (!from && !to) return { ok: true, range: { fromDay: today - DEFAULT_DAYS + 1, toDay: today }, days: DEFAULT_DAYS };
  const toDay = to === undefined ? today : dayOfDate(to);
  if (toDay === undefined) return { ok: false, message: `“To” must be a date written YYYY-MM-DD, like ${dateOfDay(today)}.` };
  const fromDay = from === undefined ? toDay - DEFAULT_DAYS + 1 : dayOfDate(from);
  if (fromDay === undefined) return { ok: false, message: `“From” must be a date written YYYY-MM-DD, like ${dateOfDay(today - DEFAULT_DAYS + 1)}.` };
  if (fromDay > toDay) return { ok: false, message: '“From” must be on or before “to”.' };
  if (toDay - fromDay + 1 > MAX_DAYS) return { ok: false, message: `A range may span at most ${MAX_DAYS} days.` };
  return { ok: true, range: { fromDay, toDay } };
}

/** The range as epoch milliseconds: from the first day's midnight (included) to the midnight after the last (excluded). */
export function rangeMs(range: DayRange): { start: number; end: number } {
  return { start: range.fromDay * DAY_MS, end: (range.toDay + 1) * DAY_MS };
}
