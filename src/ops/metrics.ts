import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LeadStore } from '../db/database.ts';
import { OutboxKind } from '../outbox/outbox-kind.ts';
import { onDeliveries } from './delivery-counts.ts';
import { outboxDepth } from './outbox-depth.ts';
import { oldestDueAge } from './readiness.ts';
import { metricsRoute } from './request-log.ts';

/** The process's metrics. One registry per process; the default metrics are added by serveMetrics' owner (serve.ts). */
export const registry = new Registry();

/** How a signup ended; see countSignup. */
export type SignupResult = 'accepted' | 'invalid' | 'rate_limited' | 'bot' | 'unavailable';

const signups = new Counter({
  name: 'lodestone_signups_total',
  help: 'Signups posted to /api/leads, by how they were answered.',
  labelNames: ['result'] as const,
  registers: [registry],
});
// Each result is there from the start at 0, so a rate over it exists before the first signup of its kind.
const signupResults: readonly SignupResult[] = ['accepted', 'invalid', 'rate_limited', 'bot', 'unavailable'];
for (const result of signupResults) signups.labels(result).inc(0);
// Bound once: a signup costs one increment, nothing looked up by label.
const signupCounters = Object.fromEntries(signupResults.map((result) => [result, signups.labels(result)])) as Record<SignupResult, { inc(): void }>;

/** Counts one signup's answer. */
export function countSignup(result: SignupResult): void {
  signupCounters[result].inc();
}

const emailsSent = new Counter({ name: 'lodestone_emails_sent_total', help: 'Emails the provider accepted.', registers: [registry] });
const emailsFailed = new Counter({
  name: 'lodestone_emails_failed_total',
  help: 'Email attempts that failed: retrying (due again after a backoff), refused (for good), gave_up (out of retries).',
  labelNames: ['reason'] as const,
  registers: [registry],
});
const webhooks = new Counter({
  name: 'lodestone_webhook_deliveries_total',
  help: 'CRM webhook attempts: delivered, retrying, refused (for good), gave_up (out of retries).',
  labelNames: ['result'] as const,
  registers: [registry],
});
for (const reason of ['retrying', 'refused', 'gave_up']) emailsFailed.labels(reason).inc(0);
for (const result of ['delivered', 'retrying', 'refused', 'gave_up']) webhooks.labels(result).inc(0);

// On this thread whether the senders run here or on the sender thread, which posts its tallies here:
// the counts outlive a sender thread that is started again.
onDeliveries((kind, counts) => {
  for (const [result, count] of Object.entries(counts)) {
    if (!count) continue;
    if (kind === OutboxKind.Webhook) webhooks.labels(result === 'sent' ? 'delivered' : result).inc(count);
    else if (result === 'sent') emailsSent.inc(count);
    else emailsFailed.labels(result).inc(count);
  }
});

const requestDuration = new Histogram({
  name: 'lodestone_http_request_duration_seconds',
  help: 'Time from a request’s arrival to the last byte of its answer, by route (a template: no token, no query), method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [registry],
});

/** Records one answered request; called where the request log writes its line. */
export function observeRequest(url: string | undefined, method: string | undefined, status: number, seconds: number): void {
  requestDuration.observe({ route: metricsRoute(url, status), method: method ?? 'GET', status }, seconds);
}

export interface MetricsOptions {
  /** `METRICS_TOKEN`; without one, /metrics is not served. */
  token: string | undefined;
  /** The lead store once the server has opened it; undefined while it starts. */
  store: () => LeadStore | undefined;
}

/** Read at scrape time: the outbox as it is now. NaN while the store is starting or does not answer. */
function outboxGauges(store: () => LeadStore | undefined): void {
  new Gauge({
    name: 'lodestone_outbox_rows',
    help: 'Outbox rows waiting: pending (every row not yet sent, including steps planned for later) and due (to be sent now).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const open = store();
      const depth = open ? await outboxDepth(open, Date.now()).catch(() => undefined) : undefined;
      this.set({ state: 'pending' }, depth?.pending ?? NaN);
      this.set({ state: 'due' }, depth?.due ?? NaN);
    },
  });
  new Gauge({
    name: 'lodestone_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due outbox row has waited; 0 when none is due.',
    registers: [registry],
    async collect() {
      const open = store();
      const age = open
        ? await oldestDueAge(open, Date.now()).then(
            (ms) => (ms ?? 0) / 1000,
            () => NaN,
          )
        : NaN;
      this.set(age);
    },
  });
}

/**
 * Makes `GET /metrics` servable: adds Node's process metrics and the outbox gauges. Returns the
 * request handler, which answers /metrics and returns false for every other request.
 */
export function metricsEndpoint(options: MetricsOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  collectDefaultMetrics({ register: registry });
  outboxGauges(options.store);
  const expected = options.token === undefined ? undefined : digest(options.token);
  return (request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?', 1)[0] !== '/metrics') return false;
    // Not configured: as if there were no such page.
    if (!expected) return answer(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
    if (!authorized(request.headers.authorization, expected)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return answer(response, 401, 'text/plain; charset=utf-8', '');
    }
    void registry.metrics().then(
      (text) => answer(response, 200, registry.contentType, text),
      () => answer(response, 503, 'text/plain; charset=utf-8', ''),
    );
    return true;
  };
}

/** Compares digests, equal in length whatever was sent, in constant time: the time taken tells nothing of the token. */
function authorized(header: string | undefined, expected: Buffer): boolean {
  const sent = /^Bearer +(\S+)\s*$/i.exec(header ?? '')?.[1];
  return sent !== undefined && timingSafeEqual(digest(sent), expected);
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function answer(response: ServerResponse, status: number, type: string, body: string): true {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(body);
  return true;
}
