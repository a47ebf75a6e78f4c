import type { Server } from 'node:http';
import type { ListenAddress } from '../config/listen-address.ts';
import type { LeadStore } from '../db/database.ts';
import { createSiteServer, listen } from '../server/http-server.ts';
import { serveHealth } from './health-endpoints.ts';
import { metricsEndpoint } from './metrics.ts';
import type { OpsEnv } from './ops-env.ts';

/**
 * A `npm run worker` process's own small HTTP server, on WORKER_PORT: `/healthz`, `/readyz` and
 * `/metrics` as the site's server answers them (the same checks, the same METRICS_TOKEN), so a
 * worker is watched and scraped like an instance. Everything else is 404. `store` is undefined
 * while the worker starts: /readyz answers 503 until then.
 */
export async function startOpsServer(address: ListenAddress, ops: OpsEnv, store: () => LeadStore | undefined): Promise<Server> {
  const health = { store, outboxStuckAfterMs: ops.outboxStuckAfterMs };
  const serveMetrics = metricsEndpoint({ token: ops.metricsToken, store });
  const server = createSiteServer((request, response) => {
    if (serveHealth(request, response, health) || serveMetrics(request, response)) return;
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Not found\n');
  });
  await listen(server, address, 'WORKER_PORT');
  return server;
}
