/**
 * `npm run worker`: sends what the outbox holds (first emails, nurture steps, sales alerts and, when
 * CRM_WEBHOOK_URL is set, CRM webhooks) from a process of its own, beside or instead of the server's
 * in-process sender. Several may run against PostgreSQL; rows are claimed with leases and FOR UPDATE
 * SKIP LOCKED, so no email is sent twice and no webhook is in two workers' hands at once.
 *
 *   npm run worker                          run until stopped (SIGINT/SIGTERM)
 *   npm run worker -- --once                send everything due now, then exit
 *   npm run worker -- --once --now <ISO>    act as of that time (replay a schedule, catch up)
 *
 * With WORKER_PORT set, a running worker answers /healthz, /readyz and /metrics there (src/ops/ops-server.ts).
 */
import { parseArgs } from 'node:util';
import { parseHost, parsePort, type ListenAddress } from '../config/listen-address.ts';
import type { LeadStore } from '../db/database.ts';
import { parseOpsEnv } from '../ops/ops-env.ts';
import { startOpsServer } from '../ops/ops-server.ts';
import { startRuntime } from '../server/runtime.ts';

let options: { once: boolean; now: number | undefined };
try {
  const { values } = parseArgs({ options: { once: { type: 'boolean', default: false }, now: { type: 'string' } } });
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && Number.isNaN(now)) throw new Error(`--now "${values.now}" is not an ISO time, like 2026-12-01T09:00:00Z`);
  if (now !== undefined && !values.once) throw new Error('--now only makes sense with --once');
  options = { once: values.once, now };
} catch (error) {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

function cannotStart(error: unknown): never {
  console.error(`[lodestone] worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Bound before the store is opened, as the server does: a port in use stops the worker with one line, nothing migrated.
let openStore: LeadStore | undefined;
if (process.env.WORKER_PORT?.trim() && !options.once) {
  let address: ListenAddress;
  try {
    const ops = parseOpsEnv(process.env);
    address = { host: parseHost(process.env.HOST), port: parsePort(process.env.WORKER_PORT, 'WORKER_PORT') };
    await startOpsServer(address, ops, () => openStore);
  } catch (error) {
    cannotStart(error);
  }
  console.log(`[worker] /healthz, /readyz and /metrics on http://${address.host}:${address.port}`);
}

let runtime;
try {
  runtime = await startRuntime(process.env, console.log, { sender: 'manual', ...(options.now ? { clock: () => options.now! } : {}) });
} catch (error) {
  cannotStart(error);
}
openStore = runtime.store;

if (options.once) {
  const { scored, rows } = await runtime.sender.drain();
  console.log(`[worker] scored ${scored} leads, handled ${rows} outbox rows due by ${new Date(options.now ?? Date.now()).toISOString()}`);
  await runtime.close();
} else {
  runtime.sender.start();
  console.log('[worker] sending; stop with Ctrl-C');
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
