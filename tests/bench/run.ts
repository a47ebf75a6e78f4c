/**
 * `npm run bench`: signups per second and p50/p99 latency of POST /api/leads at 32 concurrent
 * clients against the built server on SQLite, with the embedded defaults (local outbox mailbox)
 * and with Resend (a local fake), beside the floor measured in the same run; then the emails per
 * second one worker hands to the Resend fake's batch endpoint when many nurture steps are due.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase, type LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEFAULT_REQUESTS_PER_SECOND, ResendMailer } from '../../src/email/resend-mailer.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import { startAppServer } from '../support/app-server.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { stamp, TEST_SECRET } from '../support/signup-client.ts';

const CONCURRENCY = 32;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

interface Result {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

function post(agent: Agent, base: URL, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: '/api/leads',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Origin: base.origin },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function load(base: string, label: string): Promise<Result> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const signupStamp = stamp(5_000);
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const body = JSON.stringify({ email: `${label}-${next++}@bench.example`, consent: true, stamp: signupStamp, utm_source: 'bench' });
        const { status, ms } = await post(agent, url, body);
        if (status === 202) latencies.push(ms);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

async function startFloor(path: string): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'floor-server.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.on('data', (chunk: Buffer) => resolve(/PORT (\d+)/.exec(String(chunk))![1]!)));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

async function countSent(store: LeadStore, from: number, to: number): Promise<number> {
  const row = await store.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'sent')
    .where('sent_at', '>=', from)
    .where('sent_at', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows due now and not yet sent (nurture steps planned for later days do not count). */
async function countUnsent(store: LeadStore): Promise<number> {
  const row = await store.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', Date.now())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const SEQUENCE_LEADS = 500;

/** Emails a second one worker hands to the fake when many nurture steps are due at once. */
async function measureSequences(requestsPerSecond: number): Promise<{ rate: number; perSecond: number; requests: number; largest: number }> {
  const store = openDatabase(parseDatabaseUrl(`file:${join(directory, `sequences-${requestsPerSecond}.db`)}`));
  await migrateToLatest(store);
  const sequences = await loadSequences();
  const start = Date.UTC(2026, 10, 23, 9);
  for (let index = 0; index < SEQUENCE_LEADS; index++) {
    const parsed = parseSignup({ email: `nurture-${requestsPerSecond}-${index}@example.com`, consent: true });
    if (!parsed.ok) throw new Error('invalid bench signup');
    await captureLead(store, parsed.input, { form: newsletterForm, userAgent: undefined, now: start, sequences });
  }
  fake.reset();
  process.env.RESEND_BASE_URL = fake.url;
  const sender = new OutboxSender({
    store,
    mailer: new ResendMailer('re_bench', requestsPerSecond),
    from: 'Lodestone <bench@example.com>',
    siteUrl: new URL('https://lodestone.example'),
    secret: TEST_SECRET,
    magnets: new Map(),
    sequences,
    clock: () => start + 45 * 86_400_000,
    log: () => undefined,
  });
  const started = performance.now();
  while ((await sender.runOnce()) > 0);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { rate: requestsPerSecond, perSecond: fake.deliveries.length / seconds, requests: fake.requests, largest: Math.max(...fake.batchSizes) };
}

const directory = mkdtempSync(join(tmpdir(), 'lodestone-bench-'));
const fake = await new ResendFake().start();
try {
  const floor = await startFloor(join(directory, 'floor.db'));
  await load(floor.base, 'warm-floor');
  const floorResult = await load(floor.base, 'floor');
  floor.stop();

  const appEnv = { LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: 'off' };
  const measureApp = async (label: string, env: Record<string, string>) => {
    const databaseUrl = `file:${join(directory, `${label}.db`)}`;
    const app = await startAppServer({ ...appEnv, ...env, DATABASE_URL: databaseUrl });
    await load(app.base, `warm-${label}`);
    const store = openDatabase(parseDatabaseUrl(databaseUrl));
    const started = Date.now();
    const result = await load(app.base, label);
    const stopped = Date.now();
    const sentDuring = await countSent(store, started, stopped);
    // The outbox absorbs what the sender has not sent yet; measure how long it takes to empty.
    while ((await countUnsent(store)) > 0) await new Promise((done) => setTimeout(done, 50));
    const drainedMs = Date.now() - stopped;
    await store.close();
    await app.stop();
    return { ...result, emailsPerSecond: sentDuring / ((stopped - started) / 1000), drainedMs };
  };
  const mailboxResult = await measureApp('mailbox', {});
  // The server's own capacity: the client is not held to Resend's per-team rate limit here.
  const resendResult = await measureApp('resend', { RESEND_API_KEY: 're_bench', RESEND_BASE_URL: fake.url, RESEND_REQUESTS_PER_SECOND: '1000' });
  const sequenceResults = [await measureSequences(1000), await measureSequences(DEFAULT_REQUESTS_PER_SECOND)];

  const row = (name: string, r: Result, emails = '', drained = '') =>
    `${name.padEnd(36)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(7)} ${emails.padStart(9)} ${drained.padStart(10)}`;
  console.log(`\nPOST /api/leads, ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s each, SQLite (WAL, synchronous FULL)\n`);
  console.log(
    `${'server'.padEnd(36)} ${'signups/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'emails/s'.padStart(9)} ${'drained in'.padStart(10)}`,
  );
  console.log(row('floor (node:http + one insert)', floorResult));
  for (const [name, result] of [
    ['/api/leads, local outbox mailbox', mailboxResult],
    ['/api/leads, Resend (local fake)', resendResult],
  ] as const) {
    console.log(row(name, result, result.emailsPerSecond.toFixed(0), `${(result.drainedMs / 1000).toFixed(1)} s`));
  }
  console.log('');
  for (const [name, result] of [
    ['local outbox mailbox', mailboxResult],
    ['Resend (local fake)', resendResult],
  ] as const) {
    const ratio = result.perSecond / floorResult.perSecond;
    console.log(
      `${name}: ${(ratio * 100).toFixed(0)}% of the floor's throughput (target ≥ 50%), p99 ${result.p99.toFixed(1)} ms (target under 50 ms)`,
    );
  }
  console.log('emails/s: first emails sent while the load ran; "drained in": time after the load until the outbox was empty.');
  console.log(
    `\nNurture steps due at once (${SEQUENCE_LEADS} leads in the welcome sequence, ${SEQUENCE_LEADS * 4} emails), one worker, Resend batch endpoint (local fake)\n`,
  );
  for (const result of sequenceResults) {
    console.log(
      `${`${result.rate} requests/s allowed`.padEnd(28)} ${result.perSecond.toFixed(0).padStart(6)} emails/s   ${String(result.requests).padStart(4)} calls, largest batch ${result.largest}`,
    );
  }
} finally {
  await fake.stop();
  rmSync(directory, { recursive: true, force: true });
}
