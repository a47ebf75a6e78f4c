import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { freePort, projectRoot } from '../support/app-server.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { cliEnv } from '../support/cli-env.ts';

const TOKEN = 'worker-metrics-token-0123456789abcdef';

/** `npm run worker` with WORKER_PORT: watched and scraped like an instance of the site. */
describe.each(engines)('a running worker’s /healthz, /readyz and /metrics on %s', (engine) => {
  const fake = new ResendFake();
  let database: TestDatabase;
  let store: LeadStore;
  let worker: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
  });

  afterEach(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    }
    worker = undefined;
    output = '';
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await fake.stop();
  });

  const startWorker = (env: Record<string, string>) => {
    worker = spawn(process.execPath, ['src/cli/worker.ts'], {
      cwd: projectRoot,
      env: cliEnv(database.url, fake.url, { RESEND_REQUESTS_PER_SECOND: '100', HOST: '127.0.0.1', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk) => (output += chunk));
    worker.stderr!.on('data', (chunk) => (output += chunk));
    return worker;
  };

  it('counts the emails it sends, behind the metrics token, and answers health and readiness', async () => {
    const parsed = parseSignup({ email: `worker-metrics-${engine}@example.com`, consent: true });
    if (!parsed.ok) throw new Error('invalid signup');
    await captureLead(store, parsed.input, { form: newsletterForm, userAgent: undefined, now: Date.now(), sequences: await loadSequences() });
    const port = await freePort();
    startWorker({ WORKER_PORT: String(port), METRICS_TOKEN: TOKEN });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(() => output.includes(`/metrics on ${base}`), 10_000, 'the worker listening');

    await waitFor(() => fake.to(`worker-metrics-${engine}@example.com`).length === 1, 10_000, 'the welcome email sent by the worker');
    const scrape = () => fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((response) => response.text());
    await waitFor(async () => /^lodestone_emails_sent_total 1$/m.test(await scrape()), 5_000, 'the send counted');
    expect(await scrape()).toMatch(/^lodestone_outbox_rows\{state="due"\} 0$/m);

    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer another-token-0123456789abcdef' } })).status).toBe(401);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready' });
    const other = await fetch(`${base}/api/leads`, { method: 'POST' });
    expect(other.status).toBe(404);
  });

  it('stops with a line naming WORKER_PORT when the port is taken or is not a port', async () => {
    const occupant = createServer().listen(0, '127.0.0.1');
    await once(occupant, 'listening');
    try {
      const taken = (occupant.address() as { port: number }).port;
      const [code] = await once(startWorker({ WORKER_PORT: String(taken) }), 'exit');
      expect(code).toBe(1);
      expect(output).toContain(`WORKER_PORT ${taken} is already in use on 127.0.0.1`);
    } finally {
      occupant.close();
    }
    output = '';
    const [code] = await once(startWorker({ WORKER_PORT: 'metrics' }), 'exit');
    expect(code).toBe(1);
    expect(output).toContain('WORKER_PORT must be a whole number from 1 to 65535 (got "metrics")');
  });
});
