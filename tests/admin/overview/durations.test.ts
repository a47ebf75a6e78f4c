import { describe, expect, it } from 'vitest';
import { formatDuration, median } from '../../../src/admin/overview/durations.ts';

describe('median', () => {
  it.each([
    [[], undefined],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1000], 10],
    [[-5, 5], 0],
  ])('of %j is %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves the list it was given in its order', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('formatDuration', () => {
  it.each([
    [undefined, '—'],
    [NaN, '—'],
    [0, '0 s'],
    [45_000, '45 s'],
    [59_499, '59 s'],
    [90_000, '1.5 min'],
    [12 * 60_000, '12 min'],
    [3.5 * 3_600_000, '3.5 h'],
    [2 * 3_600_000, '2 h'],
    [26 * 3_600_000, '1.1 d'],
    [12 * 86_400_000, '12 d'],
  ])('%j ms reads %j', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
