import { describe, expect, it } from 'vitest';
import { parseDelay } from '../../src/nurture/delay.ts';

const H = 3_600_000;

describe('parseDelay', () => {
  it.each([
    ['2d', 48 * H],
    ['36h', 36 * H],
    ['1d12h', 36 * H],
    ['90m', 1.5 * H],
    ['1w', 168 * H],
    [' 3D ', 72 * H],
    ['0m', 0],
  ])('%s', (text, ms) => {
    expect(parseDelay(text)).toBe(ms);
  });

  it.each([['2 days'], ['-1d'], ['d'], [''], ['1.5d'], ['2y'], ['53w']])('refuses %j', (text) => {
    expect(() => parseDelay(text)).toThrow(/delay|longer than a year/);
  });
});
