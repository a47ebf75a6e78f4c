import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { projectRoot } from '../support/app-server.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { cliEnv } from '../support/cli-env.ts';

const run = promisify(execFile);
const DAY = 86_400_000;
const LEADS = 60;

describe.each(engines)('npm run worker on %s', (engine) => {
  const fake = new ResendFake();
  let database: TestDatabase;
  let store: LeadStore;
  const start = Date.UTC(2026, 10, 23, 9);

  beforeAll(async () => {
    await fake.start();
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
    const sequences = await loadSequences('no-build-here.json');
    for (let index = 0; index < LEADS; index++) {
      const parsed = parseSignup({ email: `worker-${index}@example.com`, consent: true });
      if (!parsed.ok) throw new Error('invalid');
      await captureLead(store, parsed.input, { form: newsletterForm, userAgent: undefined, now: start, sequences });
    }
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await fake.stop();
  });

  const worker = (...args: string[]) =>
    run(process.execPath, ['src/cli/worker.ts', ...args], {
      cwd: projectRoot,
      env: cliEnv(database.url, fake.url, { RESEND_REQUESTS_PER_SECOND: '20' }),
    });

  it('sends only what is due as of --now', async () => {
    const { stdout } = await worker('--once', '--now', new Date(start + 1_000).toISOString());
    expect(stdout).toMatch(new RegExp(`scored ${LEADS} leads, handled 60 outbox rows due by 2026-11-23T09:00:01\\.000Z`));
    expect(fake.deliveries).toHaveLength(LEADS);
    expect(new Set(fake.deliveries.map((delivery) => delivery.subject))).toEqual(new Set(['Welcome to Lodestone: three guides to start with']));
  });

  it('never sends a step twice with two workers at once, and sends every step', async () => {
    const now = new Date(start + 45 * DAY).toISOString();
    await Promise.all([worker('--once', '--now', now), worker('--once', '--now', now)]);
    const pairs = fake.deliveries.map((delivery) => `${delivery.to[0]} ${delivery.subject}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toHaveLength(LEADS * 4);
    const unsent = await store.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute();
    expect(unsent).toEqual([]);
  });

  it('refuses a --now that is not a time', async () => {
    const failure = await worker('--once', '--now', 'next tuesday').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--now "next tuesday" is not an ISO time/);
  });
});
