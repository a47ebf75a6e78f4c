/** One arm of a split: visitors it was shown to, and how many of them became leads. */
export interface Arm {
  visitors: number;
  leads: number;
}

/** The usual threshold: a difference this unlikely under "no difference" counts as real. */
export const SIGNIFICANCE_LEVEL = 0.05;
/** Below this many visitors in an arm, or 5 leads or 5 non-leads, the normal approximation is not to be trusted. */
export const MIN_VISITORS = 100;
export const MIN_OUTCOMES = 5;

export interface ZTest {
  z: number;
  /** Two-sided: the chance of a difference at least this large if both arms converted alike. */
  pValue: number;
}

/**
 * The pooled two-proportion z-test: z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ the pooled
 * rate, and its two-sided p-value. Undefined when the test has nothing to measure (no visitors, or
 * every visitor alike: all leads or none).
 */
export function twoProportionZTest(a: Arm, b: Arm): ZTest | undefined {
  if (a.visitors <= 0 || b.visitors <= 0) return undefined;
  const pooled = (a.leads + b.leads) / (a.visitors + b.visitors);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.visitors + 1 / b.visitors));
  if (!(standardError > 0)) return undefined;
  const z = (a.leads / a.visitors - b.leads / b.visitors) / standardError;
  return { z, pValue: erfc(Math.abs(z) / Math.SQRT2) };
}

export type SplitVerdict =
  | { kind: 'not-enough-data'; reason: string }
  | { kind: 'not-comparable'; reason: string }
  | ({ kind: 'significant' | 'not-significant'; alpha: number } & ZTest);

/** Whether two arms differ, in the words the overview prints; "not enough data yet" under the minimum sample. */
export function splitVerdict(a: Arm, b: Arm, alpha = SIGNIFICANCE_LEVEL): SplitVerdict {
  for (const arm of [a, b]) {
    if (arm.leads > arm.visitors) {
      return { kind: 'not-comparable', reason: 'a variant has more leads than visitors the split sent it (its own ads send traffic too)' };
    }
  }
  const short = [a, b].some((arm) => arm.visitors < MIN_VISITORS || arm.leads < MIN_OUTCOMES || arm.visitors - arm.leads < MIN_OUTCOMES);
  const test = short ? undefined : twoProportionZTest(a, b);
  if (!test) {
    return {
      kind: 'not-enough-data',
      reason: `each variant needs at least ${MIN_VISITORS} visitors, ${MIN_OUTCOMES} leads and ${MIN_OUTCOMES} visitors who did not sign up`,
    };
  }
  return { kind: test.pValue < alpha ? 'significant' : 'not-significant', alpha, ...test };
}

/**
 * The complementary error function, with a fractional error under 1.2e-7 everywhere (Numerical
 * Recipes' Chebyshev fit): ample for a p-value printed to three places.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + z / 2);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
