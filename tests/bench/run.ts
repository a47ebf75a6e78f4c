/**
 * `npm run bench`: POST /api/leads at 32 concurrent keep-alive clients against the built server,
 * on SQLite and on PostgreSQL, beside bare floors of the same engine measured in the same run and
 * floors that store a signup's rows and nothing else (floor-server.ts), and
 * the request thread's own work per signup piece by piece (request-costs.ts); then
 * the emails per second one worker hands to the Resend fake's batch endpoint when many nurture
 * steps are due; then the hand-off time, request to CRM webhook (handoff.ts; BENCH_HANDOFF=0 skips
 * it); then the admin overview's and the leads list's query times with 100k leads
 * (admin.ts, lead-list.ts; BENCH_ADMIN=0 skips them); last, the build of 1,000 generated articles beside a bare Astro + MDX site (build.ts;
 * BENCH_BUILD=0 skips it). BENCH_SIGNUPS (3,000) signups per round, BENCH_ROUNDS (3)
 * rounds, median kept. PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the machine's
 * local server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REQUESTS_PER_SECOND } from '../../src/email/resend-mailer.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { benchAdmin } from './admin.ts';
import { benchLeadList } from './lead-list.ts';
import { benchHandoff } from './handoff.ts';
import { formatBuildFigures, measureBuild } from './build.ts';
import { measurePostgres, measureSqlite, SCORING_OFF, type Measured } from './capture.ts';
import { measureSequences, SEQUENCE_LEADS } from './sequences.ts';
import { POSTGRES_URL, postgresReachable } from './postgres-url.ts';
import { CONCURRENCY } from './signup-load.ts';
import { formatRequestCosts, measureRequestCosts } from './request-costs.ts';

const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function table(title: string, rows: Measured[]): void {
  console.log(`\n${title}\n`);
  const withDatabase = rows.some((r) => r.databaseCpuUs !== undefined);
  const cpu = (us: number | undefined) => (us === undefined ? '' : us.toFixed(0));
  console.log(
    `${'server'.padEnd(40)} ${'signups/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(6)} ${'emails/s'.padStart(8)} ${'drained in'.padStart(10)} ${'CPU µs'.padStart(7)}${withDatabase ? ` ${'db µs'.padStart(6)}` : ''}`,
  );
  for (const r of rows) {
    const emails = r.emailsPerSecond === undefined ? '' : r.emailsPerSecond.toFixed(0);
    const drained = r.drainedMs === undefined ? '' : `${(r.drainedMs / 1000).toFixed(1)} s`;
    console.log(
      `${r.name.padEnd(40)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${String(r.errors).padStart(6)} ${emails.padStart(8)} ${drained.padStart(10)} ${cpu(r.serverCpuUs).padStart(7)}${withDatabase ? ` ${cpu(r.databaseCpuUs).padStart(6)}` : ''}`,
    );
  }
}

/** One line per server: its throughput and p99 against a floor's, and whether the target holds. */
function versus(rows: Measured[], floor: Measured, target: string, p99Too: boolean): void {
  for (const r of rows) {
    const ratio = r.perSecond / floor.perSecond;
    const met = ratio >= 1 && (!p99Too || r.p99 <= floor.p99);
    const cpu = r.serverCpuUs && floor.serverCpuUs ? `, ${(r.serverCpuUs / floor.serverCpuUs).toFixed(1)}× the CPU per signup` : '';
    console.log(
      `  ${r.name.padEnd(38)} ${ratio.toFixed(2)}× throughput, p99 ${r.p99.toFixed(1)} vs ${floor.p99.toFixed(1)} ms${cpu}  ${target}: ${met ? 'met' : 'NOT met'}`,
    );
  }
}

/** What scoring costs: the server with scoring on against the same server with SCORING=off, both sending through Resend. */
function scoringCost(rows: Measured[]): void {
  const on = rows.find((row) => row.name === '/api/leads, Resend (local fake)');
  const off = rows.find((row) => row.name === SCORING_OFF);
  if (!on || !off) return;
  console.log(
    `  scoring on: ${on.perSecond.toFixed(0)} signups/s, p99 ${on.p99.toFixed(1)} ms; off: ${off.perSecond.toFixed(0)}/s, p99 ${off.p99.toFixed(1)} ms (${((on.perSecond / off.perSecond - 1) * 100).toFixed(0)}% throughput)`,
  );
}

/** The provider of the measured servers: a Resend fake in a process of its own (resend-fake-process.ts). */
async function startFakeProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'resend-fake-process.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(/URL (\S+)/.exec(String(chunk))![1]!));
    child.on('exit', (code) => reject(new Error(`the Resend fake exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

const directory = mkdtempSync(join(tmpdir(), 'lodestone-bench-'));
const fake = await new ResendFake().start();
const provider = await startFakeProcess();
try {
  const options = { directory, signups: SIGNUPS, rounds: ROUNDS, resendUrl: provider.url };
  const heading = `${CONCURRENCY} concurrent keep-alive clients, ${SIGNUPS} distinct JSON signups per round, median of ${ROUNDS} rounds`;
  const [full, normal, rows, ...servers] = await measureSqlite(options);
  table(`POST /api/leads on SQLite (WAL), ${heading}`, [full!, normal!, rows!, ...servers]);
  console.log(`\nagainst the synchronous=FULL floor (target: at least 1.0× its throughput, p99 no worse):`);
  versus(servers, full!, 'target', true);
  console.log(`against the synchronous=NORMAL floor (not durable; the aim beyond the target):`);
  versus(servers, normal!, 'aim', false);
  console.log(`against the FULL floor storing what a signup must (Lodestone's tables and indexes; a lead, its touch, its outbox rows):`);
  versus(servers, rows!, 'as fast', true);
  console.log('the cost of lead scoring (the qualifier scoring every new lead while the load runs):');
  scoringCost(servers);

  if (await postgresReachable(POSTGRES_URL)) {
    const [pgFloor, pgRows, ...pgServers] = await measurePostgres(POSTGRES_URL, options);
    table(`POST /api/leads on PostgreSQL (${new URL(POSTGRES_URL).host}), ${heading}`, [pgFloor!, pgRows!, ...pgServers]);
    console.log(`\nagainst the bare pg floor (target: at least 1.0× its throughput):`);
    versus(pgServers, pgFloor!, 'target', false);
    console.log(`against the pg floor storing what a signup must (Lodestone's tables and indexes; a lead, its touch, its outbox rows):`);
    versus(pgServers, pgRows!, 'as fast', false);
    console.log('the cost of lead scoring:');
    scoringCost(pgServers);
  } else console.log(`\nPostgreSQL at ${new URL(POSTGRES_URL).host} is not reachable: its part is skipped.`);
  console.log(
    '\nemails/s: first emails sent while the load ran; "drained in": time after the load until the outbox was empty and every lead scored.',
  );
  console.log(
    "CPU µs: CPU the server process used per signup (every thread: requests, the email sender, scoring), from the load until drained; db µs: the PostgreSQL server's, over the same time. The load itself and the Resend fake use the rest of the machine.",
  );
  console.log(formatRequestCosts(measureRequestCosts()));

  const sequenceResults = [await measureSequences(directory, fake, 1000), await measureSequences(directory, fake, DEFAULT_REQUESTS_PER_SECOND)];
  console.log(
    `\nNurture steps due at once (${SEQUENCE_LEADS} leads in the welcome sequence, ${SEQUENCE_LEADS * 4} emails), one worker, Resend batch endpoint (local fake)\n`,
  );
  for (const result of sequenceResults) {
    console.log(
      `${`${result.rate} requests/s allowed`.padEnd(28)} ${result.perSecond.toFixed(0).padStart(6)} emails/s   ${String(result.requests).padStart(4)} calls, largest batch ${result.largest}`,
    );
  }
} finally {
  provider.stop();
  await fake.stop();
  rmSync(directory, { recursive: true, force: true });
}

if (process.env.BENCH_HANDOFF !== '0') await benchHandoff();

if (process.env.BENCH_ADMIN !== '0') {
  await benchAdmin((await postgresReachable(POSTGRES_URL)) ? POSTGRES_URL : undefined);
  await benchLeadList();
}

if (process.env.BENCH_BUILD !== '0') {
  const articles = Number(process.env.BENCH_ARTICLES ?? 1000);
  const runs = Number(process.env.BENCH_BUILD_RUNS ?? 2);
  console.log(formatBuildFigures(await measureBuild({ articles, runs })));
}
