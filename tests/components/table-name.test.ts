import { describe, expect, it } from 'vitest';
import { tableName } from '../../src/components/table-name.ts';

describe('tableName', () => {
  it.each([
    ['<thead><tr><th>Signal</th><th>Points</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody>', 'Table: Signal, Points'],
    ['<tr><th align="left">Score <em>band</em></th><th>Rate &amp; count</th></tr>', 'Table: Score band, Rate & count'],
    ['<tr><th>Lead&#x27;s role</th><th></th></tr>', "Table: Lead's role"],
    ['<tbody><tr><td>no headings</td></tr></tbody>', 'Table'],
  ])('names %j as %j', (html, expected) => {
    expect(tableName(html, new Map())).toBe(expected);
  });

  it('keeps names unique on a page: a second table with the same headings is "(2)"', () => {
    const used = new Map<string, number>();
    const html = '<tr><th>Signal</th><th>Points</th></tr>';
    expect([tableName(html, used), tableName(html, used), tableName('<td>x</td>', used), tableName('<td>y</td>', used)]).toEqual([
      'Table: Signal, Points',
      'Table: Signal, Points (2)',
      'Table',
      'Table (2)',
    ]);
  });
});
