import { describe, expect, it } from 'vitest';
import { dayOfDate } from '../../../src/admin/overview/date-range.ts';
import { loadSpend, parseSpendCsv, spendByCampaign } from '../../../src/admin/overview/spend.ts';
import { parseWonRevenue } from '../../../src/admin/overview/won-revenue.ts';

const problemsOf = (text: string) => {
  const parsed = parseSpendCsv(text, 'spend.csv');
  return parsed.ok ? [] : parsed.problems;
};

describe('parseSpendCsv', () => {
  it('reads a line per day and campaign, with its line number', () => {
    const parsed = parseSpendCsv('date,campaign,amount\n2026-11-01,lead-scoring-worksheet,40.50\r\n2026-11-02, scoring-review ,12\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, day: dayOfDate('2026-11-01'), campaign: 'lead-scoring-worksheet', amount: 40.5 },
        { line: 3, day: dayOfDate('2026-11-02'), campaign: 'scoring-review', amount: 12 },
      ],
    });
  });

  it('takes the columns in any order, by name', () => {
    expect(parseSpendCsv('Amount,Date,Campaign\n5,2026-11-01,x\n')).toMatchObject({ ok: true, rows: [{ campaign: 'x', amount: 5 }] });
  });

  it.each([
    ['', [/spend\.csv:1: the file is empty/]],
    ['day,campaign,cost\n', [/spend\.csv:1: the header must name the columns date, campaign and amount/]],
    ['date,campaign,amount\n2026-11-31,x,5\n', [/^spend\.csv:2: date must be a real date written YYYY-MM-DD$/]],
    ['date,campaign,amount\n2026-11-01,,5\n', [/^spend\.csv:2: campaign must name the campaign/]],
    ['date,campaign,amount\n2026-11-01,x,$5\n', [/^spend\.csv:2: amount must be a number of at most two decimals/]],
    ['date,campaign,amount\n2026-11-01,x,-5\n', [/^spend\.csv:2: amount/]],
    ['date,campaign,amount\n2026-11-01,x,5.555\n', [/^spend\.csv:2: amount/]],
    ['date,campaign,amount\n2026-11-01,x\n', [/^spend\.csv:2: 2 fields where the header has 3$/]],
    ['date,campaign,amount\n2026-11-01,"x,5\n', [/^spend\.csv:2: a quoted field is never closed$/]],
    ['date,campaign,amount\n2026-11-01,x,5\n\nbad,,\n', [/^spend\.csv:4: date/, /^spend\.csv:4: campaign/, /^spend\.csv:4: amount/]],
  ])('refuses %j naming file and line', (text, expected) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(problems[index]).toMatch(pattern));
  });

  it('ships a valid content/spend.csv', async () => {
    const parsed = await loadSpend();
    expect(parsed.ok && parsed.rows.length).toBeGreaterThan(0);
  });
});

describe('spendByCampaign', () => {
  it('adds up each campaign over the days of the range, ends included, to the cent', () => {
    const parsed = parseSpendCsv('date,campaign,amount\n2026-10-31,a,100\n2026-11-01,a,0.10\n2026-11-02,a,0.20\n2026-11-02,b,3\n2026-11-03,b,50\n');
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const spend = spendByCampaign(parsed.rows, { fromDay: dayOfDate('2026-11-01')!, toDay: dayOfDate('2026-11-02')! });
    expect(Object.fromEntries(spend)).toEqual({ a: 0.3, b: 3 });
  });
});

describe('parseWonRevenue', () => {
  it('reads the revenue of won leads from the backtest’s outcomes file with a revenue column', () => {
    const parsed = parseWonRevenue('email,outcome,revenue\nA@Example.com,won,1200.50\nb@example.com,lost,\nc@example.com,1,300\n', 'o.csv');
    expect(parsed.ok && Object.fromEntries(parsed.revenue)).toEqual({ 'a@example.com': 1200.5, 'c@example.com': 300 });
  });

  it.each([
    ['email,outcome\na@example.com,won\n', /o\.csv: the header has no revenue column/],
    ['email,outcome,revenue\na@example.com,won,lots\n', /o\.csv: line 2: revenue "lots" of a won lead is not a number/],
    ['email,outcome,revenue\na@example.com,maybe,5\n', /o\.csv: line 2: outcome "maybe"/],
  ])('refuses %j', (text, problem) => {
    const parsed = parseWonRevenue(text, 'o.csv');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatch(problem);
  });
});
