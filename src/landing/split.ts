import type { LandingData } from './landing-schema.ts';

/** The cookie that keeps a visitor on the variant they were first shown, per landing page. */
export function splitCookieName(landing: string): string {
  return `lp_${landing.replace(/-/g, '_')}`;
}

/** How long the assignment sticks. */
export const SPLIT_COOKIE_MAX_AGE_S = 90 * 86_400;

/**
 * The variant a visitor sees at `/lp/<slug>/`: the one in their cookie if it is still in the split,
 * else one drawn by weight. `draw` is a number in [0, 1), `Math.random()` unless a test fixes it.
 */
export function assignVariant(landing: LandingData, cookie: string | undefined, draw: number): { variant: string; fresh: boolean } {
  const weights = Object.entries(landing.split ?? {}).filter(([, weight]) => weight > 0);
  if (cookie && weights.some(([name]) => name === cookie)) return { variant: cookie, fresh: false };
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let point = draw * total;
  for (const [name, weight] of weights) {
    if (point < weight) return { variant: name, fresh: true };
    point -= weight;
  }
  return { variant: weights.at(-1)![0], fresh: true };
}
