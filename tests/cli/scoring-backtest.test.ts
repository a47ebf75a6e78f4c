import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import type { SignupForm } from '../../src/leads/signup-forms.ts';
import { projectRoot } from '../support/app-server.ts';
import { resendingForm, signupInput } from '../support/capture-fixtures.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';

const run = promisify(execFile);
const review: SignupForm = { ...resendingForm, kind: 'landing', landing: 'scoring-review' };

describe.each(engines)('npm run scoring:backtest on %s', (engine) => {
  let database: TestDatabase;
  let store: LeadStore;
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-backtest-'));
  const start = Date.UTC(2026, 11, 1, 9);
  const now = new Date(start + 3_600_000).toISOString();

  /** A lead captured as the forms capture it, its answers scored by the shipped content/scoring.yaml. */
  const signUp = (email: string, fields: Record<string, string>, form: SignupForm = resendingForm) =>
    captureLead(store, signupInput({ email, consent: true, landing: form.landing }), { form, userAgent: undefined, now: start, fields });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
    // 15 + 20 + 15 + 15 = 65
    await signUp('owner@example.com', { role: 'Founder or owner', budget: 'Over $10,000', timeline: 'This month', company_size: '11-50 people' });
    // 15 + 10 + 10 + 10 = 45
    await signUp('head@example.com', {
      role: 'Head of sales or marketing',
      budget: '$1,000 to $10,000',
      timeline: 'Within 3 months',
      need: 'Following up faster',
    });
    // A consultation request: 10 + 30 = 40, its landing page read from content/landing/ as the qualifier reads it.
    await signUp('review@example.com', { team_size: '3-10' }, review);
    // 15 + 20 + 5 + 5 = 45, lost: a tie with a won lead.
    await signUp('tire-kicker@example.com', {
      role: 'Founder or owner',
      budget: 'Over $10,000',
      need: 'More leads from ads',
      company_size: '2-10 people',
    });
    await signUp('student@example.com', { role: 'Student or looking for work' }); // −20
    await signUp('quiet@example.com', {}); // 0
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Runs the CLI with DATABASE_URL and nothing else of the server's environment: no secret, no API key. */
  const backtest = (csv: string, ...args: string[]) => {
    const file = join(directory, `outcomes-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, csv);
    return run(process.execPath, ['src/cli/scoring-backtest.ts', file, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, DATABASE_URL: database.url },
    });
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('scores the known leads with the shipped rules and prints the AUC and the threshold table', async () => {
    const csv = [
      'email,outcome',
      'OWNER@example.com,won',
      '"head@example.com",Won',
      'review@example.com,yes',
      'tire-kicker@example.com,lost',
      'student@example.com,0',
      'quiet@example.com,no',
      'ghost@example.com,won',
      '',
    ].join('\r\n');
    const { stdout } = await backtest(csv, '--now', now);
    expect(stdout.split('\n')).toEqual([
      'Backtest of content/scoring.yaml as of 2026-12-01T10:00:00.000Z',
      '6 leads scored: 3 won, 3 lost; 1 skipped (not among the leads)',
      'skipped: ghost@example.com',
      'AUC 0.833: a won lead outscores a lost one in 7.5 of 9 pairs (ties count half)',
      '',
      'score ≥  leads  won  precision  recall     F1',
      '     65      1    1      1.000   0.333  0.500',
      '     60      1    1      1.000   0.333  0.500  sales_ready',
      '     45      3    2      0.667   0.667  0.667',
      '     40      4    3      0.750   1.000  0.857  marketing_qualified, best F1',
      '      0      5    3      0.600   1.000  0.750',
      '    -20      6    3      0.500   1.000  0.667',
      '',
      'sales_ready (score ≥ 60): 1 lead at or above, 1 won, precision 1.000, recall 0.333, F1 0.500',
      'best by F1 (score ≥ 40): 4 leads at or above, 3 won, precision 0.750, recall 1.000, F1 0.857',
      '',
    ]);
  });

  it('refuses a file with a bad line, naming it, and prints no results', async () => {
    const error = await failure(backtest('email,outcome\nowner@example.com,won\nhead@example.com,maybe\n', '--now', now));
    expect(error?.code).toBe(2);
    expect(error?.stdout).toBe('');
    expect(error?.stderr).toMatch(/outcomes-\w+\.csv: line 3: outcome "maybe" is not won or lost/);
  });

  it('explains, instead of an AUC, that every lead of the file was won', async () => {
    const { stdout } = await backtest('email,outcome\nowner@example.com,won\nhead@example.com,won\n', '--now', now);
    expect(stdout).toMatch(/^AUC cannot be computed: no lost lead among those scored \(it compares won leads with lost ones\)$/m);
    expect(stdout).not.toMatch(/NaN/);
  });

  it('refuses a --now that is not a time', async () => {
    const error = await failure(backtest('email,outcome\n', '--now', 'next tuesday'));
    expect(error?.code).toBe(2);
    expect(error?.stderr).toMatch(/--now "next tuesday" is not an ISO time/);
  });
});
