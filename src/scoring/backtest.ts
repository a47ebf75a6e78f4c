/** A lead scored with today's rules, and how it turned out. */
export interface ScoredOutcome {
  score: number;
  won: boolean;
}

/**
 * How well scores separate won from lost leads: the probability that a random won lead outscores a
 * random lost one, ties counting half. `pairs` won-lost pairs were compared, `wins` of them (in
 * halves) went the won lead's way, so `value` is exactly `wins / pairs`.
 */
export type Auc = { ok: true; value: number; wins: number; pairs: number } | { ok: false; reason: string };

/**
 * The AUC by ranks (the Mann-Whitney U statistic), O(n log n): sort by score, give tied scores
 * their average rank, and a won lead's rank counts the leads it outscores, itself included.
 */
export function areaUnderCurve(results: readonly ScoredOutcome[]): Auc {
  const won = results.filter((result) => result.won).length;
  const lost = results.length - won;
  if (won === 0 || lost === 0) {
    const missing = won === 0 ? 'won' : 'lost';
    return { ok: false, reason: `no ${missing} lead among those scored (it compares won leads with lost ones)` };
  }
  const sorted = [...results].sort((a, b) => a.score - b.score);
  let wonRankSum = 0;
  for (let first = 0; first < sorted.length;) {
    let next = first;
    while (next < sorted.length && sorted[next]!.score === sorted[first]!.score) next++;
    // Ranks first+1 … next share their average; summed as integers over 2 to stay exact.
    const tiedWon = sorted.slice(first, next).filter((result) => result.won).length;
    wonRankSum += tiedWon * (first + 1 + next);
    first = next;
  }
  const wins = (wonRankSum - won * (won + 1)) / 2;
  const pairs = won * lost;
  return { ok: true, value: wins / pairs, wins, pairs };
}

/** What calling every lead at or above one score would have given. */
export interface ThresholdRow {
  threshold: number;
  /** Leads scored at or above the threshold. */
  atOrAbove: number;
  /** Won leads among them. */
  won: number;
  /** won / atOrAbove; undefined when no lead is at or above. */
  precision: number | undefined;
  /** won / all won leads; undefined when no lead was won. */
  recall: number | undefined;
  /** The harmonic mean of precision and recall, 0 when no won lead is at or above; undefined when no lead was won. */
  f1: number | undefined;
  /** Names of the rules' thresholds that sit here: `marketing_qualified`, `sales_ready`. */
  marks: string[];
}

/**
 * Precision and recall at every distinct score and at each marked threshold (the rules'), highest
 * threshold first. One pass down the sorted scores: O(n log n).
 */
export function thresholdTable(results: readonly ScoredOutcome[], marked: Readonly<Record<string, number>> = {}): ThresholdRow[] {
  const totalWon = results.filter((result) => result.won).length;
  const thresholds = [...new Set([...results.map((result) => result.score), ...Object.values(marked)])].sort((a, b) => b - a);
  const sorted = [...results].sort((a, b) => b.score - a.score);
  const rows: ThresholdRow[] = [];
  let atOrAbove = 0;
  let won = 0;
  for (const threshold of thresholds) {
    while (atOrAbove < sorted.length && sorted[atOrAbove]!.score >= threshold) {
      if (sorted[atOrAbove]!.won) won++;
      atOrAbove++;
    }
    const precision = atOrAbove > 0 ? won / atOrAbove : undefined;
    const recall = totalWon > 0 ? won / totalWon : undefined;
    const marks = Object.entries(marked).flatMap(([name, value]) => (value === threshold ? [name] : []));
    // The harmonic mean of precision and recall, as one exact quotient so equal F1s compare equal.
    const f1 = totalWon > 0 ? (2 * won) / (atOrAbove + totalWon) : undefined;
    rows.push({ threshold, atOrAbove, won, precision, recall, f1, marks });
  }
  return rows;
}

/**
 * The row with the highest F1; among equals the highest threshold, the fewest leads for sales to
 * call for the same balance. Undefined when no row has an F1 above 0 (no lead was won).
 */
export function bestThreshold(rows: readonly ThresholdRow[]): ThresholdRow | undefined {
  let best: ThresholdRow | undefined;
  for (const row of rows) {
    if (row.f1 !== undefined && row.f1 > 0 && (!best || row.f1 > best.f1! || (row.f1 === best.f1 && row.threshold > best.threshold))) best = row;
  }
  return best;
}
