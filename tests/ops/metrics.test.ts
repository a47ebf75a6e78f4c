import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, engines, waitFor, type EngineName, type TestDatabase } from '../support/databases.ts';
import { waitForOutboxIdle } from '../support/outbox-idle.ts';
import { ResendFake } from '../support/resend-fake.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';
const HOUR = 3_600_000;

/** GET /metrics with the token (or the given Authorization header, or none). */
function scrape(server: AppServer, authorization: string | null = `Bearer ${TOKEN}`): Promise<Response> {
  return fetch(`${server.base}/metrics`, { headers: authorization === null ? {} : { Authorization: authorization } });
}

async function metricsText(server: AppServer): Promise<string> {
  const response = await scrape(server);
  expect(response.status).toBe(200);
  return response.text();
}

/**
 * The metrics once `settled` holds of them, or after `timeoutMs` as they are then (the assertions
 * that follow say what is wrong). The sender thread posts its counts after its commit, so the
 * database may show a row sent a moment before /metrics counts it.
 */
async function metricsWhen(server: AppServer, settled: (text: string) => boolean, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await metricsText(server);
    if (settled(text) || Date.now() > deadline) return text;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The value of the sample `name` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

interface Served {
  server: AppServer;
  store: LeadStore;
}

/** The built server on a fresh database with `env`, and a store to look into that database; stopped after the describe. */
function useServer(engine: EngineName, env: () => Record<string, string>): Served {
  const served = {} as Served;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    served.server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, ...env() });
    served.store = database.open();
  });
  afterAll(async () => {
    await served.server?.stop();
    await served.store?.close();
    await database?.drop();
  });
  return served;
}

/** Counts outbox rows as /metrics defines them, straight from the database. */
async function outboxCounts(store: LeadStore, now: number): Promise<{ pending: number; due: number }> {
  const rows = await store.db.selectFrom('outbox').select(['status', 'next_attempt_at', 'locked_until']).execute();
  const pending = rows.filter((row) => row.status === OutboxStatus.Pending);
  const lapsed = rows.filter((row) => row.status === OutboxStatus.Sending && row.locked_until !== null && Number(row.locked_until) < now);
  return { pending: pending.length, due: pending.filter((row) => Number(row.next_attempt_at) <= now).length + lapsed.length };
}

describe.each(engines)('GET /metrics (%s)', (engine) => {
  const fake = new ResendFake();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  const app = useServer(engine, () => ({
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: fake.url,
    METRICS_TOKEN: TOKEN,
    // Each request names its client, so one of them can be rate limited without the others.
    TRUST_PROXY: '1',
    RATE_LIMIT: '1/min',
  }));
  let client = 0;
  const from = (address = `203.0.113.${++client}`) => ({ 'X-Forwarded-For': address });

  it('answers 401 and nothing else without the token or with a wrong one', async () => {
    for (const authorization of [null, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer ', TOKEN, `Basic ${TOKEN}`]) {
      const response = await scrape(app.server, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe('');
    }
  });

  it('serves Prometheus text, never cached, with the process metrics', async () => {
    const response = await scrape(app.server);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts signups by result and emails sent and failed, as real traffic moves them', async () => {
    const before = await metricsText(app.server);
    const signups = (result: string, text: string) => sample(text, 'lodestone_signups_total', { result })!;
    const sent = (text: string) => sample(text, 'lodestone_emails_sent_total')!;
    const refused = (text: string) => sample(text, 'lodestone_emails_failed_total', { reason: 'refused' })!;

    expect((await postSignup(app.server.base, signup('metrics.accepted@example.com'), { headers: from() })).status).toBe(202);
    await waitFor(() => fake.to('metrics.accepted@example.com').length > 0, 5_000, 'the accepted signup’s email');
    expect((await postSignup(app.server.base, signup('not-an-address'), { headers: from() })).status).toBe(422);
    const twice = from();
    expect((await postSignup(app.server.base, signup('metrics.first@example.com'), { headers: twice })).status).toBe(202);
    expect((await postSignup(app.server.base, signup('metrics.second@example.com'), { headers: twice })).status).toBe(429);
    const bot = signup('metrics.bot@example.com', { website: 'https://spam.example' });
    expect((await postSignup(app.server.base, bot, { headers: from() })).status).toBe(202);
    await waitForOutboxIdle(app.store);
    expect(fake.deliveries.length).toBeGreaterThanOrEqual(2);

    fake.failNext(1, { status: 422, name: 'validation_error', message: 'Invalid `to` field' });
    expect((await postSignup(app.server.base, signup('metrics.refused@example.com'), { headers: from() })).status).toBe(202);
    await waitForOutboxIdle(app.store);
    expect(fake.to('metrics.refused@example.com')).toHaveLength(0);

    const after = await metricsWhen(
      app.server,
      (text) => refused(text) - refused(before) >= 1 && sent(text) - sent(before) >= fake.deliveries.length,
    );
    expect(signups('accepted', after) - signups('accepted', before)).toBe(3);
    expect(signups('invalid', after) - signups('invalid', before)).toBe(1);
    expect(signups('rate_limited', after) - signups('rate_limited', before)).toBe(1);
    expect(signups('bot', after) - signups('bot', before)).toBe(1);
    expect(signups('unavailable', after)).toBe(0);
    expect(sent(after) - sent(before)).toBe(fake.deliveries.length);
    expect(refused(after) - refused(before)).toBe(1);
  });

  it('has a latency histogram per route template, /api/leads among them', async () => {
    const text = await metricsText(app.server);
    expect(
      sample(text, 'lodestone_http_request_duration_seconds_count', { route: '/api/leads', method: 'POST', status: '202' }),
    ).toBeGreaterThanOrEqual(3);
    expect(
      sample(text, 'lodestone_http_request_duration_seconds_count', { route: '/api/leads', method: 'POST', status: '422' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'lodestone_http_request_duration_seconds_bucket', { route: '/api/leads', method: 'POST', status: '202', le: '+Inf' }),
    ).toBeGreaterThanOrEqual(3);
  });

  it('reads the outbox depth and the oldest due row’s age when scraped', async () => {
    await waitForOutboxIdle(app.store);
    const now = Date.now();
    // No CRM_WEBHOOK_URL here, so no sender takes webhook rows: this one stays due, as behind a dead worker.
    const row = { kind: 'webhook', lead_id: null, template: 'handoff', payload: '{}', attempts: 0, locked_until: null, created_at: now - HOUR };
    await app.store.db
      .insertInto('outbox')
      .values([
        { ...row, idempotency_key: 'metrics-due', status: 'pending', next_attempt_at: now - HOUR },
        { ...row, idempotency_key: 'metrics-later', status: 'pending', next_attempt_at: now + 24 * HOUR },
      ])
      .execute();
    const expected = await outboxCounts(app.store, Date.now());
    const text = await metricsText(app.server);
    expect(expected.due).toBeGreaterThanOrEqual(1);
    expect(expected.pending).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'lodestone_outbox_rows', { state: 'due' })).toBe(expected.due);
    expect(sample(text, 'lodestone_outbox_rows', { state: 'pending' })).toBe(expected.pending);
    const age = sample(text, 'lodestone_outbox_oldest_due_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3660);

    await app.store.db.deleteFrom('outbox').where('idempotency_key', 'in', ['metrics-due', 'metrics-later']).execute();
    const emptied = await metricsText(app.server);
    expect(sample(emptied, 'lodestone_outbox_rows', { state: 'pending' })).toBe(expected.pending - 2);
    expect(sample(emptied, 'lodestone_outbox_oldest_due_age_seconds')).toBe(0);
  });

  it('names no address, token or query string', async () => {
    const reader = 'Metrics.Reader@example.com';
    expect((await postSignup(app.server.base, signup(reader, { magnet: 'lead-scoring-worksheet' }), { headers: from() })).status).toBe(202);
    await waitFor(() => fake.to(reader.toLowerCase()).length === 1, 5_000, 'the magnet email');
    const links = [...fake.to(reader.toLowerCase())[0]!.text.matchAll(/https?:\/\/\S+?(\/(?:download|unsubscribe|confirm)\/([\w.-]+))/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, path] of links)
      await fetch(`${app.server.base}${path}?utm_campaign=query-secret`, { redirect: 'manual' }).then((r) => r.arrayBuffer());
    await fetch(`${app.server.base}/?gclid=query-secret-2`).then((r) => r.arrayBuffer());
    await fetch(`${app.server.base}/no-such-page-${reader}`).then((r) => r.arrayBuffer());
    await scrape(app.server, `Bearer wrong-${TOKEN}`).then((r) => r.arrayBuffer());

    const text = (await metricsText(app.server)).toLowerCase();
    expect(text).toContain('route="/download/:token"');
    expect(text).toContain('route="unmatched"');
    for (const secret of [reader, 'metrics.accepted@example.com', 'example.com', 'query-secret', 'utm_campaign', 'gclid', '?', TOKEN]) {
      expect(text).not.toContain(secret.toLowerCase());
    }
    for (const [, , token] of links) expect(text).not.toContain(token!.toLowerCase());
  });
});

describe('GET /metrics: CRM webhook deliveries', () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());
  const app = useServer('sqlite', () => ({
    METRICS_TOKEN: TOKEN,
    RATE_LIMIT: 'off',
    CRM_WEBHOOK_URL: receiver.url,
    CRM_WEBHOOK_SECRET: CRM_SECRET,
  }));

  it('counts webhook deliveries by result', async () => {
    const count = (text: string, result: string) => sample(text, 'lodestone_webhook_deliveries_total', { result })!;
    const before = await metricsText(app.server);
    receiver.answerNext({ status: 400 });
    const now = Date.now();
    const row = { kind: 'webhook', lead_id: null, template: 'handoff', payload: '{"lead":1}', status: 'pending', attempts: 0, locked_until: null };
    await app.store.db
      .insertInto('outbox')
      .values([
        { ...row, idempotency_key: 'metrics-hook-1', next_attempt_at: now, created_at: now },
        { ...row, idempotency_key: 'metrics-hook-2', next_attempt_at: now, created_at: now },
      ])
      .execute();
    await waitFor(
      async () =>
        (
          await app.store.db
            .selectFrom('outbox')
            .select('id')
            .where('status', '!=', OutboxStatus.Sent)
            .where('status', '!=', OutboxStatus.Failed)
            .execute()
        ).length === 0,
      5_000,
      'both webhooks settled',
    );
    expect(receiver.received).toHaveLength(2);
    const after = await metricsWhen(
      app.server,
      (text) => count(text, 'delivered') + count(text, 'refused') - count(before, 'delivered') - count(before, 'refused') >= 2,
    );
    expect(count(after, 'delivered') - count(before, 'delivered')).toBe(1);
    expect(count(after, 'refused') - count(before, 'refused')).toBe(1);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  const app = useServer('sqlite', () => ({ RATE_LIMIT: 'off' }));

  it('is not served, with or without a token', async () => {
    for (const authorization of [null, `Bearer ${TOKEN}`, 'Bearer ']) {
      const response = await scrape(app.server, authorization);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).not.toContain('lodestone_');
    }
  });
});
