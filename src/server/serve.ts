/**
 * `npm run serve`: checks the environment and binds HOST:PORT before anything else (so a wrong
 * value or a port in use stops it with one line and nothing migrated), then migrates the lead
 * store, starts the outbox sender and serves the Astro build (static pages and endpoints). Run by
 * Node directly, which strips the TypeScript types.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseServerEnv, type ServerEnv } from '../config/server-env.ts';
import { assignSplit } from '../landing/split-route.ts';
import { bodyStream, createSiteServer, listen, stopServing, type RequestListener } from './http-server.ts';
import { isBeaconPost, serveBeacon } from './node-beacon.ts';
import { isSignupPost, serveSignup } from './node-signup.ts';
import { installRuntime, openRuntime, type Runtime } from './runtime.ts';
import { serveHealth } from '../ops/health-endpoints.ts';
import { parseOpsEnv, type OpsEnv } from '../ops/ops-env.ts';
import { logError, logLine, requestContext } from '../ops/logger.ts';
import { startRequest } from '../ops/request-log.ts';
import { metricsEndpoint } from '../ops/metrics.ts';
import { builtPageHashes, contentSecurityPolicy, securityHeaders } from '../ops/security-headers.ts';

function stop(error: unknown): never {
  // For the person starting it, not a log collector: one plain line on stderr, as the README promises.
  process.stderr.write(`[lodestone] cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

let env: ServerEnv;
let ops: OpsEnv;
try {
  env = parseServerEnv(process.env);
  ops = parseOpsEnv(process.env);
} catch (error) {
  stop(error);
}

// Requests that arrive while the store migrates wait for the site instead of being refused.
let startSite!: (listener: RequestListener) => void;
const site = new Promise<RequestListener>((resolve) => (startSite = resolve));
// Set once the site serves: until then /readyz answers 503.
let serving: Runtime | undefined;
const health = { store: () => serving?.store, outboxStuckAfterMs: ops.outboxStuckAfterMs };
const serveMetrics = metricsEndpoint({ token: ops.metricsToken, store: () => serving?.store });
// Built pages share one policy: the hashes of every inline script and style in dist/client, read now, so it follows the build.
const headers = {
  ...securityHeaders(env.siteUrl),
  'Content-Security-Policy': contentSecurityPolicy(await builtPageHashes(fileURLToPath(new URL('../../dist/client/', import.meta.url))), [
    env.siteUrl.origin,
  ]),
};
const server = createSiteServer((request, response) => {
  // Every answer carries them; a page rendered on request replaces the policy with its own (src/middleware.ts).
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  requestContext.run(startRequest(request, response, env.trustProxy), () => {
    // Health and readiness answer while the store migrates, so a load balancer sees the instance start.
    if (!serveHealth(request, response, health) && !serveMetrics(request, response)) void site.then((listener) => listener(request, response));
  });
});
await listen(server, env.listen).catch(stop);

let runtime: Runtime;
try {
  runtime = await openRuntime(env, logLine, { sender: 'thread' });
} catch (error) {
  stop(error);
}
installRuntime(runtime);

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
const { handler } = (await import(entry.href)) as { handler: RequestListener };

startSite((request, response) => {
  if (isSignupPost(request)) void serveSignup(request, response, runtime);
  else if (isBeaconPost(request)) void serveBeacon(request, response, runtime);
  else if (!serveSplit(request, response)) {
    // Astro's adapter reads a body a framework put on the request (as Express body parsers do); this one stops where the endpoint stops.
    (request as IncomingMessage & { body?: AsyncIterable<Uint8Array> }).body = bodyStream(request);
    handler(request, response);
  }
});
serving = runtime;
logLine(`[lodestone] listening on http://${env.listen.host}:${env.listen.port} (site: ${env.siteUrl.origin})`);

/** `GET /lp/<slug>/` of a landing page with an A/B split is assigned on demand; every other page is static. */
function serveSplit(request: IncomingMessage, response: ServerResponse): boolean {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url?.startsWith('/lp/')) return false;
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
  const slug = /^\/lp\/([a-z0-9-]+)\/?$/.exec(url.pathname)?.[1];
  const landing = slug ? runtime.landings.get(slug) : undefined;
  if (!landing?.data.split) return false;
  assignSplit(runtime.store, landing, url, request.headers.cookie, Date.now())
    .then((answer) => {
      for (const [name, value] of answer.headers) if (name !== 'set-cookie') response.setHeader(name, value);
      response.setHeader('Set-Cookie', answer.headers.getSetCookie());
      response.writeHead(answer.status).end();
    })
    .catch((error) => {
      logError('lp', error);
      response.writeHead(503, { 'Retry-After': '5' }).end();
    });
  return true;
}

/** How long requests under way get to finish after a stop signal before their connections are cut. */
const REQUEST_GRACE_MS = 10_000;

let stopping = false;
/**
 * Stop accepting, let the requests under way finish (10 s at most), let the outbox sender finish
 * the call it is in (its other claims lapse and the next start takes them), close the store, exit.
 * A second signal exits at once: the claims lapse the same way, and nothing acknowledged is lost.
 */
async function shutdown(signal: string) {
  if (stopping) {
    logLine(`[lodestone] ${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  logLine(`[lodestone] ${signal}: stopping (send it again to exit at once)`);
  await stopServing(server, REQUEST_GRACE_MS);
  await runtime.close();
  logLine('[lodestone] stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
