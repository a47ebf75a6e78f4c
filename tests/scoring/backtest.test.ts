import { describe, expect, it } from 'vitest';
import { areaUnderCurve, bestThreshold, thresholdTable, type ScoredOutcome, type ThresholdRow } from '../../src/scoring/backtest.ts';

/** `won(20, 10)` and `lost(15)`: scored leads, by outcome. */
const won = (...scores: number[]): ScoredOutcome[] => scores.map((score) => ({ score, won: true }));
const lost = (...scores: number[]): ScoredOutcome[] => scores.map((score) => ({ score, won: false }));

describe('areaUnderCurve', () => {
  it.each([
    ['one lost lead outscores one won lead of four pairs', [...won(10, 20), ...lost(5, 15)], 0.75, 3, 4],
    ['every won lead above every lost one', [...won(30, 40), ...lost(10, 20)], 1, 4, 4],
    ['every won lead below every lost one', [...won(10, 20), ...lost(30, 40)], 0, 0, 4],
    ['a tie counts half', [...won(10), ...lost(10)], 0.5, 0.5, 1],
    ['ties among others', [...won(10, 20), ...lost(10, 5)], 0.875, 3.5, 4],
    ['all tied', [...won(7, 7, 7), ...lost(7, 7)], 0.5, 3, 6],
    ['negative scores', [...won(-5, 0), ...lost(-20, -5, 3)], 3.5 / 6, 3.5, 6],
    ['the order of the input does not matter', [...lost(15), ...won(20), ...lost(5), ...won(10)], 0.75, 3, 4],
  ])('%s', (_, results, value, wins, pairs) => {
    expect(areaUnderCurve(results)).toEqual({ ok: true, value, wins, pairs });
  });

  it.each([
    ['every lead won', won(10, 20), 'no lost lead among those scored'],
    ['every lead lost', lost(10, 20), 'no won lead among those scored'],
    ['no lead at all', [], 'no won lead among those scored'],
  ])('says why there is no AUC when %s, instead of NaN', (_, results, reason) => {
    const auc = areaUnderCurve(results);
    expect(auc.ok).toBe(false);
    expect(!auc.ok && auc.reason).toBe(`${reason} (it compares won leads with lost ones)`);
  });

  it('agrees with comparing every won-lost pair, on a larger history with many ties', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const results = Array.from({ length: 300 }, () => ({ score: Math.floor(random() * 12) * 5 - 10, won: random() < 0.4 }));
    let wins = 0;
    for (const a of results.filter((result) => result.won))
      for (const b of results.filter((result) => !result.won)) wins += a.score > b.score ? 1 : a.score === b.score ? 0.5 : 0;
    const auc = areaUnderCurve(results);
    expect(auc.ok && auc.wins).toBe(wins);
  });
});

describe('thresholdTable', () => {
  const history = [...won(20, 10), ...lost(15, 5)];
  const marks = { marketing_qualified: 12, sales_ready: 18 };

  it('gives every distinct score and each marked threshold, highest first, with the leads at or above', () => {
    const rows = thresholdTable(history, marks);
    expect(rows.map((row) => [row.threshold, row.atOrAbove, row.won, row.precision, row.recall, row.f1, row.marks])).toEqual([
      [20, 1, 1, 1, 0.5, 2 / 3, []],
      [18, 1, 1, 1, 0.5, 2 / 3, ['sales_ready']],
      [15, 2, 1, 0.5, 0.5, 0.5, []],
      [12, 2, 1, 0.5, 0.5, 0.5, ['marketing_qualified']],
      [10, 3, 2, 2 / 3, 1, 0.8, []],
      [5, 4, 2, 0.5, 1, 2 / 3, []],
    ]);
  });

  it.each([
    ['a mark on a score some lead has is one row', { sales_ready: 10 }, [20, 15, 10, 5], [[], [], ['sales_ready'], []]],
    ['a mark above every score: no lead at or above, no precision', { sales_ready: 50 }, [50, 20, 15, 10, 5], [['sales_ready'], [], [], [], []]],
  ])('%s', (_, marked, thresholds, rowMarks) => {
    const rows = thresholdTable(history, marked);
    expect(rows.map((row) => row.threshold)).toEqual(thresholds);
    expect(rows.map((row) => row.marks)).toEqual(rowMarks);
  });

  it('leaves precision undefined where no lead is at or above, and recall and F1 where no lead was won', () => {
    expect(thresholdTable(won(10), { sales_ready: 50 })[0]).toMatchObject({ atOrAbove: 0, precision: undefined, recall: 0, f1: 0 });
    expect(thresholdTable(lost(10, 20))).toEqual([
      { threshold: 20, atOrAbove: 1, won: 0, precision: 0, recall: undefined, f1: undefined, marks: [] },
      { threshold: 10, atOrAbove: 2, won: 0, precision: 0, recall: undefined, f1: undefined, marks: [] },
    ]);
  });
});

describe('bestThreshold', () => {
  const row = (threshold: number, f1: number | undefined): ThresholdRow => ({
    threshold,
    atOrAbove: 0,
    won: 0,
    precision: undefined,
    recall: undefined,
    f1,
    marks: [],
  });

  it.each([
    ['the highest F1', [row(30, 0.5), row(20, 0.8), row(10, 0.6)], 20],
    ['among equal F1s the highest threshold: fewer leads to call', [row(10, 0.8), row(30, 0.8), row(20, 0.5)], 30],
    ['none when no lead was won', [row(30, undefined), row(10, undefined)], undefined],
    ['none when no row finds a won lead', [row(30, 0)], undefined],
    ['none for no rows', [], undefined],
  ])('%s', (_, rows, threshold) => {
    expect(bestThreshold(rows)?.threshold).toBe(threshold);
  });

  it('picks 10 from a small history, where half the leads are called and both won ones found', () => {
    expect(bestThreshold(thresholdTable([...won(20, 10), ...lost(15, 5)]))).toMatchObject({ threshold: 10, f1: 0.8 });
  });
});
