import { describe, expect, it } from 'vitest';
import type { LandingData } from '../../src/landing/landing-schema.ts';
import { assignVariant } from '../../src/landing/split.ts';

const landing = { split: { a: 70, b: 30, c: 0 } } as unknown as LandingData;

describe('assignVariant', () => {
  it.each([
    ['keeps the variant in the cookie', 'b', 0.01, { variant: 'b', fresh: false }],
    ['draws a visitor without a cookie by weight: low draw', undefined, 0.0, { variant: 'a', fresh: true }],
    ['draws by weight: just under 70%', undefined, 0.699, { variant: 'a', fresh: true }],
    ['draws by weight: 70% and above', undefined, 0.7, { variant: 'b', fresh: true }],
    ['draws by weight: the top end', undefined, 0.9999, { variant: 'b', fresh: true }],
    ['reassigns a cookie naming a variant no longer in the split', 'c', 0.9, { variant: 'b', fresh: true }],
    ['reassigns a cookie naming nothing real', '<script>', 0.1, { variant: 'a', fresh: true }],
  ])('%s', (_, cookie, draw, expected) => {
    expect(assignVariant(landing, cookie, draw)).toEqual(expected);
  });

  it('splits many visitors close to the weights', () => {
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let index = 0; index < 1000; index++) counts[assignVariant(landing, undefined, index / 1000).variant]! += 1;
    expect(counts).toEqual({ a: 700, b: 300 });
  });
});
