/**
 * `npm run scoring:backtest -- <outcomes.csv>`: scores the leads of a file of known outcomes with
 * today's rules and prints how well the scores separate won from lost (AUC, and precision and recall
 * at each threshold). Reads the lead store named by DATABASE_URL and changes nothing in it.
 *
 *   npm run scoring:backtest -- outcomes.csv                       as of now, content/scoring.yaml
 *   npm run scoring:backtest -- outcomes.csv --now <ISO>           as of that time
 *   npm run scoring:backtest -- outcomes.csv --rules draft.yaml    try other rules on the same leads
 *
 * Exits 2 on a bad argument or a bad line of the file (each named by its line), 1 when the store or
 * the rules cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseDatabaseUrl } from '../db/database-url.ts';
import { openDatabase, type LeadStore } from '../db/database.ts';
import { consultationLandings, loadLandings } from '../landing/landing-schema.ts';
import type { ScoredOutcome } from '../scoring/backtest.ts';
import { formatBacktest } from '../scoring/backtest-report.ts';
import { loadLeadFacts } from '../scoring/lead-facts.ts';
import { loadScoringRules } from '../scoring/load-rules.ts';
import { Outcome, parseOutcomesCsv, type OutcomeRow } from '../scoring/outcomes-csv.ts';
import { SCORING_FILE, type ScoringRules } from '../scoring/rules.ts';
import { scoreLead } from '../scoring/score-lead.ts';

/** Addresses looked up per query, well inside both engines' limits on bound parameters. */
const BATCH = 500;

function fail(code: number, lines: readonly string[]): never {
  for (const line of lines) console.error(`scoring:backtest: ${line}`);
  process.exit(code);
}

let options: { file: string; now: number; rulesFile: string };
try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { now: { type: 'string' }, rules: { type: 'string' } } });
  if (positionals.length !== 1) throw new Error('give one CSV file of email,outcome, like: npm run scoring:backtest -- outcomes.csv');
  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (Number.isNaN(now)) throw new Error(`--now "${values.now}" is not an ISO time, like 2026-12-01T09:00:00Z`);
  options = { file: positionals[0]!, now, rulesFile: values.rules ?? SCORING_FILE };
} catch (error) {
  fail(2, [(error as Error).message]);
}

let text: string;
try {
  text = await readFile(options.file, 'utf8');
} catch (error) {
  fail(2, [`${options.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
}
const outcomes = parseOutcomesCsv(text);
if (!outcomes.ok)
  fail(
    2,
    outcomes.problems.map((problem) => `${options.file}: ${problem}`),
  );

let store: LeadStore | undefined;
try {
  const rules = await loadScoringRules(options.rulesFile);
  const consultations = new Set(consultationLandings(await loadLandings()).map((landing) => landing.slug));
  store = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  const { scored, skipped } = await scoreOutcomes(store, rules, consultations, outcomes.rows, options.now);
  for (const line of formatBacktest({ rulesFile: options.rulesFile, now: options.now, thresholds: rules.thresholds, scored, skipped }))
    console.log(line);
  await store.close();
} catch (error) {
  await store?.close();
  fail(1, [error instanceof Error ? error.message : String(error)]);
}

/** Scores the leads the file names, as the qualifier would at `now`; addresses that are not leads are skipped. */
async function scoreOutcomes(
  store: LeadStore,
  rules: ScoringRules,
  consultations: ReadonlySet<string>,
  rows: readonly OutcomeRow[],
  now: number,
): Promise<{ scored: ScoredOutcome[]; skipped: string[] }> {
  const scored: ScoredOutcome[] = [];
  const found = new Set<string>();
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const outcomeOf = new Map(batch.map((row) => [row.email, row.outcome]));
    // One read transaction per batch: the leads and their facts as of one moment.
    await store.db.transaction().execute(async (trx) => {
      const leads = await trx
        .selectFrom('leads')
        .select(['id', 'email', 'status', 'score'])
        .where('email', 'in', [...outcomeOf.keys()])
        .execute();
      if (leads.length === 0) return;
      const facts = await loadLeadFacts(trx, leads, { consultations });
      for (const lead of leads) {
        found.add(lead.email);
        scored.push({ score: scoreLead(rules, facts.get(lead.id)!, now).score, won: outcomeOf.get(lead.email) === Outcome.Won });
      }
    });
  }
  return { scored, skipped: rows.filter((row) => !found.has(row.email)).map((row) => row.email) };
}
