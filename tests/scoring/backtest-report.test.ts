import { describe, expect, it } from 'vitest';
import { formatBacktest, type BacktestInput } from '../../src/scoring/backtest-report.ts';

const input = (scored: BacktestInput['scored'], skipped: string[] = []): BacktestInput => ({
  rulesFile: 'content/scoring.yaml',
  now: Date.UTC(2026, 11, 1, 9),
  thresholds: { marketing_qualified: 12, sales_ready: 18 },
  scored,
  skipped,
});
const won = (score: number) => ({ score, won: true });
const lost = (score: number) => ({ score, won: false });

describe('formatBacktest', () => {
  it('prints the counts, the AUC, the table with the rules’ thresholds and the best one marked, and the two side by side', () => {
    expect(formatBacktest(input([won(20), won(10), lost(15), lost(5)], ['gone@example.com']))).toEqual([
      'Backtest of content/scoring.yaml as of 2026-12-01T09:00:00.000Z',
      '4 leads scored: 2 won, 2 lost; 1 skipped (not among the leads)',
      'skipped: gone@example.com',
      'AUC 0.750: a won lead outscores a lost one in 3 of 4 pairs (ties count half)',
      '',
      'score ≥  leads  won  precision  recall     F1',
      '     20      1    1      1.000   0.500  0.667',
      '     18      1    1      1.000   0.500  0.667  sales_ready',
      '     15      2    1      0.500   0.500  0.500',
      '     12      2    1      0.500   0.500  0.500  marketing_qualified',
      '     10      3    2      0.667   1.000  0.800  best F1',
      '      5      4    2      0.500   1.000  0.667',
      '',
      'sales_ready (score ≥ 18): 1 lead at or above, 1 won, precision 1.000, recall 0.500, F1 0.667',
      'best by F1 (score ≥ 10): 3 leads at or above, 2 won, precision 0.667, recall 1.000, F1 0.800',
    ]);
  });

  it('says so when the best threshold is the current sales_ready one', () => {
    expect(formatBacktest(input([won(30), won(18), lost(10)])).at(-1)).toBe(
      'best by F1 (score ≥ 18): 2 leads at or above, 2 won, precision 1.000, recall 1.000, F1 1.000 (the current sales_ready threshold)',
    );
  });

  it('explains a missing AUC and best threshold when no lead was won, with dashes for what cannot be computed', () => {
    const lines = formatBacktest(input([lost(20), lost(10)]));
    expect(lines).toContain('AUC cannot be computed: no won lead among those scored (it compares won leads with lost ones)');
    expect(lines).toContain('     18      1    0      0.000       —   —  sales_ready');
    expect(lines.at(-1)).toBe('best by F1: none (no won lead, so no threshold finds one)');
    expect(lines.join('\n')).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('stops after the counts when no lead of the file is known', () => {
    expect(formatBacktest(input([], ['a@example.com', 'b@example.com']))).toEqual([
      'Backtest of content/scoring.yaml as of 2026-12-01T09:00:00.000Z',
      '0 leads scored: 0 won, 0 lost; 2 skipped (not among the leads)',
      'skipped: a@example.com, b@example.com',
      'No lead of the file is in the lead store: nothing to measure.',
    ]);
  });
});
