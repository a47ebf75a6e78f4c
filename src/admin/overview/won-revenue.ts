import { readFile } from 'node:fs/promises';
import { Outcome, parseCsv, parseOutcomesCsv } from '../../scoring/outcomes-csv.ts';

/** Revenue per won lead's address, or why the file could not be read. */
export type WonRevenue = { ok: true; revenue: Map<string, number> } | { ok: false; problems: string[] };

/**
 * Won revenue from the outcomes file `npm run scoring:backtest` reads (email, outcome), with one more
 * column, `revenue`: what each won lead paid, a plain number. The backtest ignores the column, so
 * one CRM export serves both. Lost leads need no revenue.
 */
export function parseWonRevenue(text: string, file: string): WonRevenue {
  const outcomes = parseOutcomesCsv(text);
  if (!outcomes.ok) return { ok: false, problems: outcomes.problems.map((problem) => `${file}: ${problem}`) };
  const [header, ...body] = parseCsv(text).records;
  const column = header?.fields.findIndex((name) => name.trim().toLowerCase() === 'revenue') ?? -1;
  if (column === -1) return { ok: false, problems: [`${file}: the header has no revenue column, so return on ad spend cannot be worked out`] };
  const fieldsByLine = new Map(body.map((record) => [record.line, record.fields]));
  const revenue = new Map<string, number>();
  const problems: string[] = [];
  for (const row of outcomes.rows) {
    if (row.outcome !== Outcome.Won) continue;
    const text = fieldsByLine.get(row.line)?.[column]?.trim() ?? '';
    if (!/^\d+(?:\.\d+)?$/.test(text))
      problems.push(`${file}: line ${row.line}: revenue "${text}" of a won lead is not a number like 1200 or 1200.50`);
    else revenue.set(row.email, Number(text));
  }
  return problems.length ? { ok: false, problems } : { ok: true, revenue };
}

/** The outcomes file named by OUTCOMES_CSV, read on each request so a fresh CRM export shows at once. */
export async function loadWonRevenue(file: string): Promise<WonRevenue> {
  try {
    return parseWonRevenue(await readFile(file, 'utf8'), file);
  } catch (error) {
    return { ok: false, problems: [`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
}
