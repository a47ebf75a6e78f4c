import { areaUnderCurve, bestThreshold, thresholdTable, type ScoredOutcome, type ThresholdRow } from './backtest.ts';
import type { ScoringRules } from './rules.ts';

export interface BacktestInput {
  rulesFile: string;
  now: number;
  thresholds: ScoringRules['thresholds'];
  scored: readonly ScoredOutcome[];
  /** Addresses of the file that are not among the leads. */
  skipped: readonly string[];
}

const figure = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(3));
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The backtest as the CLI prints it: the counts, the AUC, the threshold table, the best threshold beside sales_ready's. */
export function formatBacktest({ rulesFile, now, thresholds, scored, skipped }: BacktestInput): string[] {
  const won = scored.filter((result) => result.won).length;
  const lines = [
    `Backtest of ${rulesFile} as of ${new Date(now).toISOString()}`,
    `${plural(scored.length, 'lead')} scored: ${won} won, ${scored.length - won} lost; ${skipped.length} skipped (not among the leads)`,
  ];
  if (skipped.length) lines.push(`skipped: ${skipped.join(', ')}`);
  if (scored.length === 0) return [...lines, 'No lead of the file is in the lead store: nothing to measure.'];

  const auc = areaUnderCurve(scored);
  lines.push(
    auc.ok
      ? `AUC ${auc.value.toFixed(3)}: a won lead outscores a lost one in ${auc.wins} of ${auc.pairs} pairs (ties count half)`
      : `AUC cannot be computed: ${auc.reason}`,
    '',
  );

  const rows = thresholdTable(scored, { marketing_qualified: thresholds.marketing_qualified, sales_ready: thresholds.sales_ready });
  const best = bestThreshold(rows);
  const table = [
    ['score ≥', 'leads', 'won', 'precision', 'recall', 'F1', ''],
    ...rows.map((row) => [
      String(row.threshold),
      String(row.atOrAbove),
      String(row.won),
      figure(row.precision),
      figure(row.recall),
      figure(row.f1),
      [...row.marks, ...(row === best ? ['best F1'] : [])].join(', '),
    ]),
  ];
  lines.push(...alignColumns(table), '');

  const salesReady = rows.find((row) => row.marks.includes('sales_ready'))!;
  lines.push(`sales_ready ${summary(salesReady)}`);
  lines.push(
    best
      ? `best by F1 ${summary(best)}${best === salesReady ? ' (the current sales_ready threshold)' : ''}`
      : 'best by F1: none (no won lead, so no threshold finds one)',
  );
  return lines;
}

function summary(row: ThresholdRow): string {
  return `(score ≥ ${row.threshold}): ${plural(row.atOrAbove, 'lead')} at or above, ${row.won} won, precision ${figure(row.precision)}, recall ${figure(row.recall)}, F1 ${figure(row.f1)}`;
}

/** Right-aligns each column but the last (the marks), two spaces apart; no trailing spaces. */
function alignColumns(table: readonly string[][]): string[] {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}
