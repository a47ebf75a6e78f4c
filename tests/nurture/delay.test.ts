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
    ['365d', 365 * 24 * H],
    ['52w1d', 365 * 24 * H],
  ])('%s', (text, ms) => {
    expect(parseDelay(text)).toBe(ms);
  });

  it.each([['2 days'], ['-1d'], ['d'], [''], ['1.5d'], ['2y'], ['2dx'], ['1d2'], ['x2d'], ['12345d']])(
    'refuses %j, showing how to write one',
    (text) => {
      expect(() => parseDelay(text)).toThrow(`"${text}" is not a delay; write it like 2d, 36h or 1d12h`);
    },
  );

  it.each([['366d'], ['53w'], ['365d1m'], ['9999h']])('refuses %j as longer than a year', (text) => {
    expect(() => parseDelay(text)).toThrow(`"${text}" is longer than a year`);
  });
});
