import type { SplitVerdict } from './significance.ts';

/** Shown wherever a figure is not known (no spend, no views, no outcomes file). */
export const UNKNOWN = '—';

/** `part ÷ whole` as a percentage with one decimal; `—` when the whole is zero. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : UNKNOWN;
}

/** A count with its share of the whole, like `3 (50.0%)`. */
export function countAndShare(part: number, whole: number): string {
  return `${part} (${percent(part, whole)})`;
}

/** An amount of money with two decimals and thousands separators, no currency sign (spend.csv has none); `—` when unknown. */
export function money(amount: number | undefined): string {
  return amount === undefined ? UNKNOWN : amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Return on ad spend as a multiple, like `3.25×`; `—` when unknown. */
export function multiple(ratio: number | undefined): string {
  return ratio === undefined ? UNKNOWN : `${ratio.toFixed(2)}×`;
}

export function pValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** The plain statement the overview prints about one variant against the one it is compared with. */
export function verdictSentence(variant: string, against: string, verdict: SplitVerdict): string {
  switch (verdict.kind) {
    case 'not-enough-data':
      return `${variant} against ${against}: not enough data yet (${verdict.reason}).`;
    case 'not-comparable':
      return `${variant} against ${against}: cannot be compared, because ${verdict.reason}.`;
    case 'significant':
      return `${verdict.z > 0 ? variant : against} converts better, and the difference is significant: ${pValue(verdict.pValue)}, below the threshold of ${verdict.alpha} (two-sided two-proportion z-test, z = ${verdict.z.toFixed(2)}).`;
    case 'not-significant':
      return `${variant} against ${against}: no significant difference yet: ${pValue(verdict.pValue)}, not below the threshold of ${verdict.alpha} (two-sided two-proportion z-test, z = ${verdict.z.toFixed(2)}).`;
  }
}
