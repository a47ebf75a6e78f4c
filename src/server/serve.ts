/**
 * `npm run serve`: checks the environment, migrates the lead store, starts the outbox sender, then
 * serves the Astro build (static pages and endpoints) on HOST:PORT. Run by Node directly, which
 * strips the TypeScript types.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { assignSplit } from '../landing/split-route.ts';
import { isSignupPost, serveSignup } from './node-signup.ts';
import { installRuntime, startRuntime, type Runtime } from './runtime.ts';

let runtime: Runtime;
try {
  runtime = await startRuntime(process.env);
} catch (error) {
  console.error(`[lodestone] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
installRuntime(runtime);

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
type AstroHandler = (request: IncomingMessage, response: ServerResponse) => void;
const { handler } = (await import(entry.href)) as { handler: AstroHandler };

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4321);
const server = createServer((request, response) => {
  if (isSignupPost(request)) void serveSignup(request, response, runtime);
  else if (!serveSplit(request, response)) handler(request, response);
});

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
      console.error('[lp]', error);
      response.writeHead(503, { 'Retry-After': '5' }).end();
    });
  return true;
}
server.listen(port, host, () => console.log(`[lodestone] listening on http://${host}:${port}`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[lodestone] ${signal}: stopping`);
  server.close();
  server.closeIdleConnections();
  await runtime.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
