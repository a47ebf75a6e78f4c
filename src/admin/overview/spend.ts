import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseCsv } from '../../scoring/outcomes-csv.ts';
import { dayOfDate, type DayRange } from './date-range.ts';

/** Where the ad spend lives: content, kept in git beside the landing pages it pays for. */
export const SPEND_FILE = 'content/spend.csv';

/** One line of content/spend.csv: what one campaign cost on one day. */
export const spendRowSchema = z.object({
  /** The UTC day the money was spent, `YYYY-MM-DD`. */
  date: z.string().refine((value) => dayOfDate(value) !== undefined, 'must be a real date written YYYY-MM-DD'),
  /** The `utm_campaign` the ads tag their links with (a landing page's `campaign`). */
  campaign: z.string().trim().min(1, 'must name the campaign (its utm_campaign)').max(200, 'must be at most 200 characters, like utm_campaign'),
  /** What was spent, in the ad accounts' currency: a number like 12.50, no currency sign. */
  amount: z
    .string()
    .trim()
    .regex(/^\d+(?:\.\d{1,2})?$/, 'must be a number of at most two decimals, like 12.50, with no currency sign')
    .transform(Number),
});

export interface SpendRow {
  line: number;
  day: number;
  campaign: string;
  amount: number;
}

export type SpendParse = { ok: true; rows: SpendRow[] } | { ok: false; problems: string[] };

const COLUMNS = ['date', 'campaign', 'amount'] as const;

/** Reads spend CSV text: a header naming date, campaign and amount, then a line per day and campaign. Every problem is `file:line: …`. */
export function parseSpendCsv(text: string, file = SPEND_FILE): SpendParse {
  const { records, problems: csvProblems } = parseCsv(text);
  const problems = csvProblems.map((problem) => problem.replace(/^line (\d+)/, `${file}:$1`));
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [...problems, `${file}:1: the file is empty: it needs the header "date,campaign,amount"`] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index = COLUMNS.map((column) => names.indexOf(column));
  if (index.some((position) => position === -1)) {
    return {
      ok: false,
      problems: [`${file}:${header.line}: the header must name the columns date, campaign and amount, like "date,campaign,amount"`],
    };
  }
  const rows: SpendRow[] = [];
  for (const { line, fields } of body) {
    if (fields.length !== names.length) {
      problems.push(`${file}:${line}: ${fields.length} fields where the header has ${names.length}`);
      continue;
    }
    const parsed = spendRowSchema.safeParse(Object.fromEntries(COLUMNS.map((column, at) => [column, fields[index[at]!]!])));
    if (parsed.success) rows.push({ line, day: dayOfDate(parsed.data.date)!, campaign: parsed.data.campaign, amount: parsed.data.amount });
    else for (const issue of parsed.error.issues) problems.push(`${file}:${line}: ${String(issue.path[0])} ${issue.message}`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/** The spend file, or no rows when there is none (spend is optional). */
export async function loadSpend(file = SPEND_FILE): Promise<SpendParse> {
  return existsSync(file) ? parseSpendCsv(await readFile(file, 'utf8'), file) : { ok: true, rows: [] };
}

/** Spend per campaign over a range of days, in cents-exact sums. */
export function spendByCampaign(rows: readonly SpendRow[], range: DayRange): Map<string, number> {
  const cents = new Map<string, number>();
  for (const row of rows) {
    if (row.day < range.fromDay || row.day > range.toDay) continue;
    cents.set(row.campaign, (cents.get(row.campaign) ?? 0) + Math.round(row.amount * 100));
  }
  return new Map([...cents].map(([campaign, total]) => [campaign, total / 100]));
}
